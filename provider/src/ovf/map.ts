// SPEC §15.2 / CIMI Annex A as pure functions, for the simulator's import and export and for the
// provider: a VirtualSystemCollection is a System (nested ones nested Systems), a VirtualSystem a
// Machine whose hardware becomes its configuration, each DiskSection disk a Volume (with an image
// when the disk has a file), each NetworkSection network a Network.
//
// Names: a system's ovf:id is the CIMI name, its Name element the CIMI description, so that
// export(import(package)) gives the package's ids back. Units: CIMI memory is KiB and capacities
// are kilobytes, read as 1024 bytes like KiB; sizes that are not whole KiB round up, never down.
import type { OvfDisk, OvfEntity, OvfEnvelope, OvfFile, OvfProperty, OvfVersion, OvfVirtualSystem, OvfVirtualSystemCollection } from "./model";
import { assertValidEnvelope, type ValidateOptions } from "./validate";

export interface CimiSystemDescription {
  system: { name: string; description?: string; properties?: Record<string, string> };
  machines: CimiMachineDescription[];
  /** Volumes of the system. From an envelope, all of them sit on the outermost system. */
  volumes: CimiVolumeDescription[];
  networks: CimiNetworkDescription[];
  /** Nested systems (nested VirtualSystemCollections). */
  systems: CimiSystemDescription[];
}

export interface CimiMachineDescription {
  name: string;
  description?: string;
  cpu: number;
  /** KiB. */
  memory: number;
  /**
   * The machine's own local disks (CIMI Machine `disks`, from its MachineConfiguration). An
   * envelope's disks all become Volumes, so import leaves this empty; export writes each as a
   * disk of the machine's own.
   */
  disks: { capacity: number }[];
  /** Names of the attached volumes, in attachment order. */
  volumes: string[];
  /** One network name per network interface, in order. */
  networkInterfaces: string[];
  properties?: Record<string, string>;
}

export interface CimiVolumeDescription {
  name: string;
  /** Kilobytes. */
  capacity: number;
  /** The package file holding the volume's initial content (a MachineImage or VolumeImage). */
  image?: { href: string; size?: number; format?: string };
}

export interface CimiNetworkDescription {
  name: string;
  description?: string;
}

const KIB = 1024;
const toKiB = (bytes: number): number => Math.ceil(bytes / KIB);

/** The CIMI resources an import of the envelope creates. Throws OvfError if the envelope has problems. */
export function toCimiSystem(envelope: OvfEnvelope, options: ValidateOptions = {}): CimiSystemDescription {
  assertValidEnvelope(envelope, options);
  const files = new Map(envelope.references.map((f) => [f.id, f]));
  const volumes = envelope.disks.map((d): CimiVolumeDescription => {
    const file = d.fileRef === undefined ? undefined : files.get(d.fileRef)!;
    const image = file && { href: file.href, ...(file.size !== undefined && { size: file.size }), ...(d.format !== undefined && { format: d.format }) };
    return { name: d.diskId, capacity: toKiB(d.capacityBytes!), ...(image && { image }) };
  });
  const networks = envelope.networks.map((n) => ({ ...n }));
  const content = envelope.content;
  // A lone VirtualSystem still becomes a System (import always creates one), holding one Machine.
  const top =
    content.kind === "VirtualSystem"
      ? { system: { name: content.id, ...(content.name !== undefined && { description: content.name }) }, machines: [machine(content)], volumes: [], networks: [], systems: [] }
      : system(content);
  return { ...top, volumes, networks };
}

function system(c: OvfVirtualSystemCollection): CimiSystemDescription {
  const props = propertyMap(c.properties);
  return {
    system: { name: c.id, ...(c.name !== undefined && { description: c.name }), ...(props && { properties: props }) },
    machines: c.children.filter((e): e is OvfVirtualSystem => e.kind === "VirtualSystem").map(machine),
    volumes: [],
    networks: [],
    systems: c.children.filter((e): e is OvfVirtualSystemCollection => e.kind === "VirtualSystemCollection").map(system),
  };
}

function machine(vs: OvfVirtualSystem): CimiMachineDescription {
  const hw = vs.hardware!;
  const props = propertyMap(vs.properties);
  return {
    name: vs.id,
    ...(vs.name !== undefined && { description: vs.name }),
    cpu: hw.cpus!,
    memory: toKiB(hw.memoryBytes!),
    disks: [],
    volumes: hw.disks.map((d) => d.diskId),
    networkInterfaces: hw.nics.map((n) => n.network),
    ...(props && { properties: props }),
  };
}

/** CIMI properties are a map of strings; OVF types and the configurable flag do not survive. */
function propertyMap(properties: OvfProperty[]): Record<string, string> | undefined {
  return properties.length ? Object.fromEntries(properties.map((p) => [p.key, p.value ?? ""])) : undefined;
}

export interface FromCimiOptions {
  /** OVF version of the envelope; default 1. */
  version?: OvfVersion;
}

/**
 * The envelope an export of a CIMI System writes. Not validated here: toXml validates, and a
 * description naming a volume or network it does not contain is reported there.
 */
export function fromCimiSystem(description: CimiSystemDescription, options: FromCimiOptions = {}): OvfEnvelope {
  const references: OvfFile[] = [];
  const disks: OvfDisk[] = [];
  const networks = new Map<string, CimiNetworkDescription>();
  const seenVolumes = new Set<string>();

  // Volumes and networks may sit on any system of the tree; the envelope lists them once.
  const gather = (d: CimiSystemDescription): void => {
    for (const n of d.networks) if (!networks.has(n.name)) networks.set(n.name, n);
    for (const v of d.volumes) {
      if (seenVolumes.has(v.name)) continue;
      seenVolumes.add(v.name);
      const disk: OvfDisk = { diskId: v.name, capacityBytes: v.capacity * KIB };
      if (v.image) {
        const id = `file${references.length + 1}`;
        references.push({ id, href: v.image.href, ...(v.image.size !== undefined && { size: v.image.size }) });
        disk.fileRef = id;
        if (v.image.format !== undefined) disk.format = v.image.format;
      }
      disks.push(disk);
    }
    d.systems.forEach(gather);
  };
  gather(description);

  const toVirtualSystem = (m: CimiMachineDescription): OvfVirtualSystem => {
    // A machine's local disks have no Volume; they become disks of their own, attached first.
    const local = m.disks.map((d, i) => {
      let diskId = `${m.name}-disk${i + 1}`;
      while (seenVolumes.has(diskId)) diskId += "-local";
      seenVolumes.add(diskId);
      disks.push({ diskId, capacityBytes: d.capacity * KIB });
      return { diskId };
    });
    return {
      kind: "VirtualSystem",
      id: m.name,
      ...(m.description !== undefined && { name: m.description }),
      hardware: {
        cpus: m.cpu,
        memoryBytes: m.memory * KIB,
        disks: [...local, ...m.volumes.map((diskId) => ({ diskId }))],
        nics: m.networkInterfaces.map((network) => ({ network })),
      },
      properties: ovfProperties(m.properties),
    };
  };
  const toEntity = (d: CimiSystemDescription, outermost: boolean): OvfEntity => {
    const only = d.machines[0];
    // The inverse of a lone VirtualSystem's import: one machine named like its system.
    if (outermost && d.machines.length === 1 && d.systems.length === 0 && only.name === d.system.name && !d.system.properties) {
      return toVirtualSystem(only);
    }
    return {
      kind: "VirtualSystemCollection",
      id: d.system.name,
      ...(d.system.description !== undefined && { name: d.system.description }),
      properties: ovfProperties(d.system.properties),
      children: [...d.machines.map(toVirtualSystem), ...d.systems.map((s) => toEntity(s, false))],
    };
  };
  const content = toEntity(description, true);
  return { version: options.version ?? 1, references, disks, networks: [...networks.values()].map((n) => ({ ...n })), content };
}

function ovfProperties(map: Record<string, string> | undefined): OvfProperty[] {
  return Object.entries(map ?? {}).map(([key, value]) => ({ key, value, type: "string", userConfigurable: false }));
}
