// Typed helpers for writing an envelope in a program:
//
//   const shop = ovf.envelope({
//     name: "shop",
//     networks: ["frontnet"],
//     disks: [{ id: "web-disk", capacity: "10GiB", file: "web.vmdk" }],
//     machines: [{ name: "web", cpus: 2, memoryMiB: 4096, disks: ["web-disk"], nics: ["frontnet"] }],
//   });
//   const xml = ovf.toXml(shop);
//
// The result is always a VirtualSystemCollection (a CIMI System), validated: a mistake anywhere
// throws one OvfError that lists every problem.
import type { OvfDisk, OvfEnvelope, OvfFile, OvfProperty, OvfVersion, OvfVirtualSystem } from "./model";
import { OvfError, problem, where, type OvfProblem } from "./problems";
import { parseByteSize, type ByteSize } from "./units";
import { validateEnvelope, type ValidateOptions } from "./validate";

export interface NetworkSpec {
  name: string;
  description?: string;
}

export interface DiskSpec {
  /** The disk id that machines name in `disks`. */
  id: string;
  /** Bytes, or text such as `512MiB`, `20GiB`. */
  capacity: ByteSize;
  /** The disk's content in the package: a relative href, or the href with its size in bytes. */
  file?: string | { href: string; size?: number };
  /** Format URI of the file, e.g. the VMDK stream-optimized one. */
  format?: string;
}

/** A property's value, or its full description. */
export type PropertySpec = string | number | boolean | { value?: string | number | boolean; type?: string; userConfigurable?: boolean };

export interface MachineSpec {
  /** The VirtualSystem id (the CIMI Machine's name). */
  name: string;
  /** The VirtualSystem's Name element, a display name. */
  displayName?: string;
  cpus: number;
  memoryMiB: number;
  /** Ids of the disks attached, in order. */
  disks?: string[];
  /** Names of the networks of the machine's NICs, one NIC each. */
  nics?: string[];
  properties?: Record<string, PropertySpec>;
}

export interface EnvelopeSpec {
  /** The VirtualSystemCollection id (the CIMI System's name). */
  name: string;
  displayName?: string;
  /** OVF version the envelope is written as; default 1. */
  version?: OvfVersion;
  networks?: (string | NetworkSpec)[];
  disks?: DiskSpec[];
  machines: MachineSpec[];
  properties?: Record<string, PropertySpec>;
}

/** An envelope from a short description; throws OvfError listing every problem found. */
export function envelope(spec: EnvelopeSpec, options: ValidateOptions = {}): OvfEnvelope {
  const problems: OvfProblem[] = [];
  const references: OvfFile[] = [];
  const disks = (spec.disks ?? []).map((d, i): OvfDisk => {
    const disk: OvfDisk = { diskId: d.id };
    try {
      disk.capacityBytes = parseByteSize(d.capacity);
    } catch (e) {
      problems.push(problem("value", where.disk(d.id, i), `capacity: ${(e as Error).message}`, "capacityBytes"));
    }
    if (d.file !== undefined) {
      const file = typeof d.file === "string" ? { href: d.file } : d.file;
      disk.fileRef = `${d.id}-file`;
      references.push({ id: disk.fileRef, href: file.href, ...(file.size !== undefined && { size: file.size }) });
    }
    if (d.format !== undefined) disk.format = d.format;
    return disk;
  });
  const machines = spec.machines.map(
    (m): OvfVirtualSystem => ({
      kind: "VirtualSystem",
      id: m.name,
      ...(m.displayName !== undefined && { name: m.displayName }),
      hardware: {
        cpus: m.cpus,
        // MiB given by hand may be fractional; the model wants whole bytes, and validation says so.
        memoryBytes: m.memoryMiB * 2 ** 20,
        disks: (m.disks ?? []).map((diskId) => ({ diskId })),
        nics: (m.nics ?? []).map((network) => ({ network })),
      },
      properties: properties(m.properties),
    }),
  );
  const built: OvfEnvelope = {
    version: spec.version ?? 1,
    references,
    disks,
    networks: (spec.networks ?? []).map((n) => (typeof n === "string" ? { name: n } : { ...n })),
    content: {
      kind: "VirtualSystemCollection",
      id: spec.name,
      ...(spec.displayName !== undefined && { name: spec.displayName }),
      properties: properties(spec.properties),
      children: machines,
    },
  };
  problems.push(...validateEnvelope(built, options).filter((p) => !problems.some((q) => q.location === p.location && q.field === p.field && p.field)));
  if (problems.length) throw new OvfError(problems);
  return built;
}

/** OVF property types of plain values: text is a string, a whole number a sint64, else real64. */
function properties(spec: Record<string, PropertySpec> | undefined): OvfProperty[] {
  return Object.entries(spec ?? {}).map(([key, s]) => {
    const detailed = typeof s === "object" ? s : { value: s };
    const v = detailed.value;
    const type = detailed.type ?? (typeof v === "boolean" ? "boolean" : typeof v === "number" ? (Number.isInteger(v) ? "sint64" : "real64") : "string");
    return { key, type, userConfigurable: detailed.userConfigurable ?? false, ...(v !== undefined && { value: String(v) }) };
  });
}
