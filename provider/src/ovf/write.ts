// OvfEnvelope -> OVF XML, 1.x or 2.x. Sections in the order of DSP0243: References, DiskSection,
// NetworkSection, then the content; inside a system Info, Name, VirtualHardwareSection,
// ProductSection, then (for a collection) its children. Item settings are written in the
// alphabetical order of the CIM schemas. Sizes use the largest binary unit that divides them, so
// that reading the result gives the same model back.
import type { OvfEntity, OvfEnvelope, OvfHardware, OvfProperty, OvfVersion } from "./model";
import { EPASD_NS, OVF_NS, RASD_NS, ResourceType, SASD_NS, VSSD_NS } from "./namespaces";
import { OvfError, problem, type OvfProblem } from "./problems";
import { fromBytes } from "./units";
import { assertValidEnvelope, type ValidateOptions } from "./validate";
import { invalidXmlChar, serializeXml, type XmlOut } from "./xml";

export interface WriteOptions extends Pick<ValidateOptions, "allowRemoteHrefs"> {
  /** OVF version to write; default: the envelope's own. */
  version?: OvfVersion;
  /** Refuse an envelope with problems (default true); false writes whatever the model holds. */
  validate?: boolean;
}

/** The envelope as an OVF descriptor. Throws OvfError listing every problem of an invalid model. */
export function toXml(envelope: OvfEnvelope, options: WriteOptions = {}): string {
  if (options.validate !== false) assertValidEnvelope(envelope, options);
  const version = options.version ?? envelope.version;
  const root = new Writer(version).envelope(envelope);
  const unwritable = unwritableText(root, []);
  if (unwritable.length) throw new OvfError(unwritable);
  return serializeXml(root);
}

const el = (name: string, attrs: XmlOut["attrs"] = [], children: XmlOut[] = []): XmlOut => ({ name, attrs, children });
const textEl = (name: string, text: string): XmlOut => ({ name, text });

class Writer {
  constructor(private readonly version: OvfVersion) {}

  envelope(m: OvfEnvelope): XmlOut {
    const ns = OVF_NS[this.version];
    const declarations: [string, string][] = [
      ["xmlns", ns],
      ["xmlns:ovf", ns],
      ["xmlns:rasd", RASD_NS],
      ["xmlns:vssd", VSSD_NS],
      ...(this.version === 2 ? ([["xmlns:sasd", SASD_NS], ["xmlns:epasd", EPASD_NS]] as [string, string][]) : []),
    ];
    const sections: XmlOut[] = [el("References", [], m.references.map((f) => el("File", [["ovf:id", f.id], ["ovf:href", f.href], ["ovf:size", f.size]])))];
    if (m.disks.length) {
      sections.push(
        el("DiskSection", [], [
          textEl("Info", "Virtual disks"),
          ...m.disks.map((d) => {
            const size = d.capacityBytes === undefined ? undefined : fromBytes(d.capacityBytes);
            return el("Disk", [
              ["ovf:diskId", d.diskId],
              ["ovf:capacity", size?.quantity],
              ["ovf:capacityAllocationUnits", size?.units],
              ["ovf:fileRef", d.fileRef],
              ["ovf:format", d.format],
            ]);
          }),
        ]),
      );
    }
    if (m.networks.length) {
      sections.push(
        el("NetworkSection", [], [
          textEl("Info", "Logical networks"),
          ...m.networks.map((n) => el("Network", [["ovf:name", n.name]], n.description === undefined ? [] : [textEl("Description", n.description)])),
        ]),
      );
    }
    return el("Envelope", declarations, [...sections, this.entity(m.content)]);
  }

  private entity(e: OvfEntity): XmlOut {
    const children: XmlOut[] = [textEl("Info", e.kind === "VirtualSystem" ? "A virtual machine" : "A collection of virtual systems")];
    if (e.name !== undefined) children.push(textEl("Name", e.name));
    if (e.kind === "VirtualSystem" && e.hardware) children.push(this.hardware(e.hardware));
    if (e.properties.length) children.push(this.product(e.properties));
    if (e.kind === "VirtualSystemCollection") children.push(...e.children.map((c) => this.entity(c)));
    return el(e.kind, [["ovf:id", e.id]], children);
  }

  private hardware(hw: OvfHardware): XmlOut {
    let instance = 0;
    // Settings as [name, value] in the schemas' alphabetical order, InstanceID slotted in.
    const item = (kind: "Item" | "StorageItem" | "EthernetPortItem", settings: [string, string | number][]): XmlOut => {
      const prefix = kind === "StorageItem" ? "sasd" : kind === "EthernetPortItem" ? "epasd" : "rasd";
      const all = [...settings, ["InstanceID", ++instance] as [string, number]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return el(kind, [], all.map(([name, value]) => textEl(`${prefix}:${name}`, String(value))));
    };
    const items: XmlOut[] = [];
    if (hw.cpus !== undefined) {
      items.push(item("Item", [["Description", "Number of virtual CPUs"], ["ElementName", `${hw.cpus} virtual CPU(s)`], ["ResourceType", ResourceType.processor], ["VirtualQuantity", hw.cpus]]));
    }
    if (hw.memoryBytes !== undefined) {
      const { quantity, units, symbol } = fromBytes(hw.memoryBytes);
      items.push(
        item("Item", [["AllocationUnits", units], ["Description", "Memory size"], ["ElementName", `${quantity} ${symbol} of memory`], ["ResourceType", ResourceType.memory], ["VirtualQuantity", quantity]]),
      );
    }
    // OVF 2 has its own item kinds for storage and ethernet settings; 1.x has only Item.
    for (const { diskId } of hw.disks) {
      items.push(item(this.version === 2 ? "StorageItem" : "Item", [["ElementName", `Disk ${diskId}`], ["HostResource", `ovf:/disk/${diskId}`], ["ResourceType", ResourceType.diskDrive]]));
    }
    for (const { network } of hw.nics) {
      items.push(
        item(this.version === 2 ? "EthernetPortItem" : "Item", [
          ["AutomaticAllocation", "true"],
          ["Connection", network],
          ["ElementName", `Ethernet adapter on ${network}`],
          ["ResourceType", ResourceType.ethernetAdapter],
        ]),
      );
    }
    return el("VirtualHardwareSection", [], [textEl("Info", "Virtual hardware requirements"), ...items]);
  }

  private product(properties: OvfProperty[]): XmlOut {
    return el("ProductSection", [], [
      textEl("Info", "Product properties"),
      ...properties.map((p) =>
        el("Property", [
          ["ovf:key", p.key],
          ["ovf:type", p.type],
          ["ovf:value", p.value],
          ["ovf:userConfigurable", p.userConfigurable ? "true" : undefined],
        ]),
      ),
    ]);
  }
}

/** Text that XML 1.0 cannot carry (NUL, most control characters), found before writing. */
function unwritableText(node: XmlOut, path: string[]): OvfProblem[] {
  const here = [...path, node.name];
  const out: OvfProblem[] = [];
  const check = (value: unknown, what: string) => {
    const ch = typeof value === "string" ? invalidXmlChar(value) : undefined;
    if (ch !== undefined) {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
      out.push(problem("value", here.join(" > "), `${what} contains ${code}, which XML cannot carry`));
    }
  };
  for (const [name, value] of node.attrs ?? []) check(value, name);
  check(node.text, "text");
  for (const child of node.children ?? []) out.push(...unwritableText(child, here));
  return out;
}
