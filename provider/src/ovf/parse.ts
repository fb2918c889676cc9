// OVF 1.x and 2.x descriptors -> OvfEnvelope. Reading is lenient: whatever can be read is kept and
// whatever cannot (a size that is not a number, an unknown unit) becomes a problem with its
// location, so that validateEnvelope can report everything at once. Missing required values are
// left empty in the model and reported by the validator, which sees models from any source.
import type { OvfDisk, OvfEntity, OvfEnvelope, OvfFile, OvfHardware, OvfNetwork, OvfProperty, OvfVersion } from "./model";
import { OVF_NS, ResourceType, SETTING_NAMESPACES, ovfVersionOf } from "./namespaces";
import { OvfError, problem, where, type OvfProblem } from "./problems";
import { toBytes, wholeNumber } from "./units";
import { attrOf, childOf, childrenOf, childText, readXml, type SafeXmlOptions, type XmlElement } from "./xml";

export type ReadOptions = SafeXmlOptions;

export interface ReadResult {
  /** Absent when the document is not an envelope at all (unsafe, malformed, another root). */
  envelope?: OvfEnvelope;
  /** Everything that could not be read, all at once. */
  problems: OvfProblem[];
}

/** Reads an OVF descriptor (text or bytes) without throwing; see `fromXml` for the strict form. */
export function readEnvelope(input: string | Uint8Array, options: ReadOptions = {}): ReadResult {
  const xml = readXml(input, options);
  if (!xml.root) return { problems: xml.problems };
  const reader = new Reader(xml.root);
  const envelope = reader.envelope();
  return { envelope, problems: reader.problems };
}

/** Parses an OVF descriptor; throws one OvfError listing every part that cannot be read. */
export function fromXml(input: string | Uint8Array, options: ReadOptions = {}): OvfEnvelope {
  const { envelope, problems } = readEnvelope(input, options);
  if (!envelope || problems.length) throw new OvfError(problems);
  return envelope;
}

const CONTENT = ["VirtualSystem", "VirtualSystemCollection"] as const;
const ITEMS = ["Item", "StorageItem", "EthernetPortItem"];

class Reader {
  readonly problems: OvfProblem[] = [];
  private ns = "";
  private configuration: string | undefined;

  constructor(private readonly root: XmlElement) {}

  envelope(): OvfEnvelope | undefined {
    const { root } = this;
    const version = ovfVersionOf(root.ns);
    if (root.local !== "Envelope" || version === undefined) {
      const ns = root.ns ? `namespace ${root.ns}` : "no namespace";
      this.report("not-ovf", "", `the root element <${root.qname}> (${ns}) is not an OVF Envelope of namespace ${OVF_NS[1]} or ${OVF_NS[2]}`);
      return undefined;
    }
    this.ns = OVF_NS[version];
    this.configuration = this.defaultConfiguration();

    const contents = root.children.filter((c) => c.ns === this.ns && (CONTENT as readonly string[]).includes(c.local));
    if (contents.length !== 1) {
      this.report(contents.length ? "not-ovf" : "missing", "Envelope", `an Envelope holds exactly one VirtualSystem or VirtualSystemCollection, found ${contents.length}`);
      if (contents.length === 0) return undefined;
    }
    return {
      version: version as OvfVersion,
      references: this.files(),
      disks: this.disks(),
      networks: this.networks(),
      content: this.entity(contents[0]),
    };
  }

  private files(): OvfFile[] {
    const section = childOf(this.root, this.ns, "References");
    return (section ? childrenOf(section, this.ns, "File") : []).map((el, i) => {
      const file: OvfFile = { id: this.attr(el, "id") ?? "", href: this.attr(el, "href") ?? "" };
      const size = this.attr(el, "size");
      if (size !== undefined) {
        const n = wholeNumber(size);
        if (n === undefined) this.report("value", where.file(file.id, i), `size "${size}" is not a whole number of bytes`, "size");
        else file.size = n;
      }
      return file;
    });
  }

  private disks(): OvfDisk[] {
    const section = childOf(this.root, this.ns, "DiskSection");
    return (section ? childrenOf(section, this.ns, "Disk") : []).map((el, i) => {
      const disk: OvfDisk = { diskId: this.attr(el, "diskId") ?? "" };
      const capacity = this.attr(el, "capacity");
      if (capacity !== undefined) {
        const units = this.attr(el, "capacityAllocationUnits") ?? "byte";
        const read = toBytes(capacity, units);
        if ("bytes" in read) disk.capacityBytes = read.bytes;
        else if (/^\$\{.+\}$/.test(capacity.trim())) {
          this.report("unsupported", where.disk(disk.diskId, i), `capacity ${capacity} refers to a property; only literal capacities are supported`, "capacityBytes");
        } else this.report("value", where.disk(disk.diskId, i), `capacity: ${read.error}`, "capacityBytes");
      }
      const fileRef = this.attr(el, "fileRef");
      if (fileRef !== undefined) disk.fileRef = fileRef;
      const format = this.attr(el, "format");
      if (format !== undefined) disk.format = format;
      return disk;
    });
  }

  private networks(): OvfNetwork[] {
    const section = childOf(this.root, this.ns, "NetworkSection");
    return (section ? childrenOf(section, this.ns, "Network") : []).map((el) => {
      const network: OvfNetwork = { name: this.attr(el, "name") ?? "" };
      const description = childText(el, this.ns, "Description");
      if (description !== undefined) network.description = description;
      return network;
    });
  }

  private entity(el: XmlElement): OvfEntity {
    const kind = el.local as (typeof CONTENT)[number];
    const id = this.attr(el, "id") ?? "";
    const label = where.entity(kind, id);
    const name = childText(el, this.ns, "Name");
    const properties = this.properties(el, label);
    if (kind === "VirtualSystemCollection") {
      const children = el.children.filter((c) => c.ns === this.ns && (CONTENT as readonly string[]).includes(c.local)).map((c) => this.entity(c));
      return { kind, id, ...(name !== undefined && { name }), properties, children };
    }
    const section = childOf(el, this.ns, "VirtualHardwareSection");
    const hardware = section && this.hardware(section, where.hardware(label));
    return { kind, id, ...(name !== undefined && { name }), ...(hardware && { hardware }), properties };
  }

  /** Items of the default deployment configuration, without the min/max bounds of ranges. */
  private hardware(section: XmlElement, at: string): OvfHardware {
    const hardware: OvfHardware = { disks: [], nics: [] };
    const items = section.children.filter((c) => c.ns === this.ns && ITEMS.includes(c.local) && this.applies(c));
    const byType = new Map<number, { el: XmlElement; label: string }[]>();
    items.forEach((el, i) => {
      const instance = setting(el, "InstanceID");
      const label = `${at} > ${el.local} ${instance ? `"${instance}"` : `#${i + 1}`}`;
      const typeText = setting(el, "ResourceType");
      const type = wholeNumber(typeText);
      if (type === undefined) {
        this.report(typeText === undefined ? "missing" : "value", label, typeText === undefined ? "no ResourceType" : `ResourceType "${typeText}" is not a number`);
        return;
      }
      byType.set(type, [...(byType.get(type) ?? []), { el, label }]);
    });

    const single = (type: number, what: string, field: string): XmlElement | undefined => {
      const found = byType.get(type) ?? [];
      if (found.length > 1) this.report("value", at, `more than one ${what} item (ResourceType ${type}); there must be one`, field);
      return found[0]?.el;
    };
    const cpu = single(ResourceType.processor, "processor", "cpus");
    if (cpu) {
      const quantity = setting(cpu, "VirtualQuantity");
      const n = wholeNumber(quantity);
      if (quantity === undefined) this.report("missing", at, "processor item has no VirtualQuantity", "cpus");
      else if (n === undefined) this.report("value", at, `processor VirtualQuantity "${quantity}" is not a whole number`, "cpus");
      if (n !== undefined) hardware.cpus = n;
    }
    const memory = single(ResourceType.memory, "memory", "memoryBytes");
    if (memory) {
      const quantity = setting(memory, "VirtualQuantity");
      const units = setting(memory, "VirtualQuantityUnits") ?? setting(memory, "AllocationUnits");
      if (quantity === undefined) this.report("missing", at, "memory item has no VirtualQuantity", "memoryBytes");
      else {
        if (units === undefined) this.report("missing", at, "memory item has no AllocationUnits, so its VirtualQuantity has no unit", "memoryBytes");
        else {
          const read = toBytes(quantity, units);
          if ("bytes" in read) hardware.memoryBytes = read.bytes;
          else this.report("value", at, `memory: ${read.error}`, "memoryBytes");
        }
      }
    }
    for (const { el, label } of byType.get(ResourceType.diskDrive) ?? []) {
      const host = setting(el, "HostResource");
      const disk = host && /^(?:ovf:)?\/+disk\/(.+)$/.exec(host);
      if (disk) hardware.disks.push({ diskId: disk[1] });
      else if (host === undefined) this.report("missing", label, "disk drive has no HostResource naming a disk (ovf:/disk/<diskId>)");
      else this.report("unsupported", label, `disk drive HostResource "${host}" does not name a DiskSection disk (ovf:/disk/<diskId>)`);
    }
    for (const { el, label } of byType.get(ResourceType.ethernetAdapter) ?? []) {
      const network = setting(el, "Connection");
      if (network) hardware.nics.push({ network });
      else this.report("missing", label, "ethernet adapter has no Connection naming a network");
    }
    return hardware;
  }

  /** Properties of every ProductSection of an entity; keys are qualified by class and instance. */
  private properties(el: XmlElement, at: string): OvfProperty[] {
    const out: OvfProperty[] = [];
    for (const section of childrenOf(el, this.ns, "ProductSection")) {
      const cls = this.attr(section, "class");
      const instance = this.attr(section, "instance");
      for (const prop of childrenOf(section, this.ns, "Property")) {
        const bare = this.attr(prop, "key") ?? "";
        const key = bare && [cls, bare, instance].filter(Boolean).join(".");
        const property: OvfProperty = { key, type: this.attr(prop, "type") ?? "string", userConfigurable: false };
        const value = this.attr(prop, "value");
        if (value !== undefined) property.value = value;
        const configurable = this.attr(prop, "userConfigurable");
        if (configurable !== undefined) {
          if (/^(true|1)$/.test(configurable.trim())) property.userConfigurable = true;
          else if (!/^(false|0)$/.test(configurable.trim())) {
            this.report("value", where.property(at, key, out.length), `userConfigurable "${configurable}" is not a boolean`);
          }
        }
        out.push(property);
      }
    }
    return out;
  }

  /** The configuration chosen when none is asked for (DeploymentOptionSection's default). */
  private defaultConfiguration(): string | undefined {
    const section = childOf(this.root, this.ns, "DeploymentOptionSection");
    const configurations = section ? childrenOf(section, this.ns, "Configuration") : [];
    const chosen = configurations.find((c) => /^(true|1)$/.test(this.attr(c, "default") ?? "")) ?? configurations[0];
    return chosen && this.attr(chosen, "id");
  }

  private applies(item: XmlElement): boolean {
    const bound = this.attr(item, "bound");
    if (bound === "min" || bound === "max") return false;
    const configurations = this.attr(item, "configuration");
    return configurations === undefined || (this.configuration !== undefined && configurations.split(/\s+/).includes(this.configuration));
  }

  private attr(el: XmlElement, local: string): string | undefined {
    return attrOf(el, this.ns, local);
  }

  private report(...args: Parameters<typeof problem>): void {
    this.problems.push(problem(...args));
  }
}

/** An Item's setting (`rasd:`, `sasd:` or `epasd:` element), trimmed; the first when repeated. */
function setting(item: XmlElement, local: string): string | undefined {
  return childText(item, SETTING_NAMESPACES, local);
}
