// validateEnvelope: every problem of an envelope at once, each with its location. Staged: the shape
// of a model handed in (zod), then the rules that tie its parts together: ids unique, references
// resolvable, counts positive, hrefs inside the package, property values of their type.
import { checkHref } from "./href";
import { entities, OvfEnvelopeSchema, type OvfEntity, type OvfEnvelope, type OvfProperty } from "./model";
import { readEnvelope, type ReadOptions, type ReadResult } from "./parse";
import { OvfError, problem, where, type OvfProblem } from "./problems";

export interface ValidateOptions extends ReadOptions {
  /**
   * Accept `http:`/`https:` URLs as File hrefs. OVF allows files outside the package; whoever
   * fetches them must then guard against server-side request forgery. Default: refused.
   */
  allowRemoteHrefs?: boolean;
}

/** Every problem of an envelope, given as a model or as OVF XML (text or bytes); [] when valid. */
export function validateEnvelope(input: OvfEnvelope | string | Uint8Array, options: ValidateOptions = {}): OvfProblem[] {
  if (typeof input === "string" || input instanceof Uint8Array) return inspectEnvelope(input, options).problems;
  const shape = OvfEnvelopeSchema.safeParse(input);
  if (!shape.success) return shape.error.issues.flatMap((issue) => shapeProblems(input, issue as unknown as Issue));
  return rules(shape.data, options);
}

/** Reads and validates OVF XML in one pass: the envelope (when it reads at all) and every problem. */
export function inspectEnvelope(input: string | Uint8Array, options: ValidateOptions = {}): ReadResult {
  const read = readEnvelope(input, options);
  if (!read.envelope) return read;
  // A value that could not be read is not reported a second time as missing.
  const key = (p: OvfProblem) => `${p.location}\u0000${p.field}`;
  const explained = new Set(read.problems.filter((p) => p.field).map(key));
  const problems = [...read.problems, ...rules(read.envelope, options).filter((p) => !(p.code === "missing" && explained.has(key(p))))];
  return { envelope: read.envelope, problems };
}

/** The envelope, when it reads and validates; otherwise one OvfError listing every problem. */
export function loadEnvelope(input: string | Uint8Array, options: ValidateOptions = {}): OvfEnvelope {
  const { envelope, problems } = inspectEnvelope(input, options);
  if (!envelope || problems.length) throw new OvfError(problems);
  return envelope;
}

/** Throws one OvfError listing every problem of a model, if it has any. */
export function assertValidEnvelope(envelope: OvfEnvelope, options: ValidateOptions = {}): void {
  const problems = validateEnvelope(envelope, options);
  if (problems.length) throw new OvfError(problems);
}

function rules(envelope: OvfEnvelope, options: ValidateOptions): OvfProblem[] {
  const out: OvfProblem[] = [];
  const report = (...args: Parameters<typeof problem>) => out.push(problem(...args));

  const fileIds = new Set(envelope.references.map((f) => f.id));
  duplicates(envelope.references.map((f, i) => [f.id, where.file(f.id, i)]), "File id", out);
  envelope.references.forEach((file, i) => {
    const at = where.file(file.id, i);
    if (!file.id) report("missing", at, "no id");
    if (!file.href) report("missing", at, "no href");
    else {
      const checked = checkHref(file.href);
      const remoteAllowed = options.allowRemoteHrefs === true && /^https?:\/\/[^/]/i.test(file.href);
      if (!checked.ok && !remoteAllowed) report("unsafe-href", at, `href "${file.href}" ${checked.reason}`);
    }
    if (file.size !== undefined && file.size < 0) report("not-positive", at, `size ${file.size} is negative`);
  });

  const diskIds = new Set(envelope.disks.map((d) => d.diskId));
  duplicates(envelope.disks.map((d, i) => [d.diskId, where.disk(d.diskId, i)]), "Disk id", out);
  envelope.disks.forEach((disk, i) => {
    const at = where.disk(disk.diskId, i);
    if (!disk.diskId) report("missing", at, "no diskId");
    if (disk.capacityBytes === undefined) report("missing", at, "no capacity", "capacityBytes");
    else if (disk.capacityBytes <= 0) report("not-positive", at, `capacity ${disk.capacityBytes} bytes is not positive`, "capacityBytes");
    if (disk.fileRef !== undefined && !fileIds.has(disk.fileRef)) report("dangling-reference", at, `fileRef "${disk.fileRef}" names no File in References`);
  });

  const networkNames = new Set(envelope.networks.map((n) => n.name));
  duplicates(envelope.networks.map((n, i) => [n.name, where.network(n.name, i)]), "Network name", out);
  envelope.networks.forEach((network, i) => {
    if (!network.name) report("missing", where.network(network.name, i), "no name");
  });

  const all = [...entities(envelope.content)];
  duplicates(all.map((e) => [e.id, where.entity(e.kind, e.id)]), "VirtualSystem/VirtualSystemCollection id", out);
  for (const entity of all) {
    const at = where.entity(entity.kind, entity.id);
    if (!entity.id) report("missing", at, "no ovf:id");
    properties(entity, at, out);
    if (entity.kind !== "VirtualSystem") continue;
    const hw = entity.hardware;
    if (!hw) {
      report("missing", at, "no VirtualHardwareSection");
      continue;
    }
    const hwAt = where.hardware(at);
    if (hw.cpus === undefined) report("missing", hwAt, "no processor item (ResourceType 3)", "cpus");
    else if (hw.cpus <= 0) report("not-positive", hwAt, `processor count ${hw.cpus} is not positive`, "cpus");
    if (hw.memoryBytes === undefined) report("missing", hwAt, "no memory item (ResourceType 4)", "memoryBytes");
    else if (hw.memoryBytes <= 0) report("not-positive", hwAt, `memory of ${hw.memoryBytes} bytes is not positive`, "memoryBytes");
    const attached = new Set<string>();
    for (const { diskId } of hw.disks) {
      if (!diskIds.has(diskId)) report("dangling-reference", at, `HostResource "ovf:/disk/${diskId}" names no disk in DiskSection`);
      else if (attached.has(diskId)) report("duplicate-id", at, `disk "${diskId}" is attached twice`);
      attached.add(diskId);
    }
    for (const { network } of hw.nics) {
      if (!networkNames.has(network)) report("dangling-reference", at, `Connection "${network}" names no network in NetworkSection`);
    }
  }
  return out;
}

/** One problem per value used more than once, at its first use. */
function duplicates(entries: [string, string][], what: string, out: OvfProblem[]): void {
  const seen = new Map<string, { at: string; count: number }>();
  for (const [value, at] of entries) {
    if (!value) continue;
    const s = seen.get(value);
    if (s) s.count++;
    else seen.set(value, { at, count: 1 });
  }
  for (const [value, { at, count }] of seen) if (count > 1) out.push(problem("duplicate-id", at, `${what} "${value}" is used ${count} times`));
}

function properties(entity: OvfEntity, at: string, out: OvfProblem[]): void {
  duplicates(entity.properties.map((p, i) => [p.key, where.property(at, p.key, i)]), "Property key", out);
  entity.properties.forEach((p, i) => {
    const pAt = where.property(at, p.key, i);
    if (!p.key) out.push(problem("missing", pAt, "no key"));
    const wrong = propertyTypeProblem(p);
    if (wrong) out.push(problem("property-type", pAt, wrong));
  });
}

/** Why a property's value does not fit its OVF type (DSP0243 property types), if it does not. */
export function propertyTypeProblem(p: Pick<OvfProperty, "type" | "value">): string | undefined {
  const { type, value } = p;
  const int = /^(u|s)int(8|16|32|64)$/.exec(type);
  if (!int && !["string", "boolean", "real32", "real64"].includes(type)) return `type "${type}" is not an OVF property type`;
  if (value === undefined || value === "") return undefined;
  if (type === "boolean") return /^(true|false|1|0)$/i.test(value) ? undefined : `value "${value}" is not a boolean`;
  if (type.startsWith("real")) return value.trim() !== "" && Number.isFinite(Number(value)) ? undefined : `value "${value}" is not a ${type}`;
  if (int) {
    if (!/^[+-]?\d+$/.test(value.trim())) return `value "${value}" is not a ${type}`;
    const bits = BigInt(int[2]);
    const n = BigInt(value.trim());
    const [min, max] = int[1] === "u" ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
    return n >= min && n <= max ? undefined : `value ${value} is out of the range of ${type} (${min}..${max})`;
  }
  return undefined;
}

// ---- shape problems: zod issue paths turned into envelope locations ----------------------------

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

function shapeProblems(input: unknown, issue: Issue): OvfProblem[] {
  const { location, fields } = locate(input, issue.path);
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return issue.keys.map((key) => problem("shape", location, `${[...fields, key].join(".")}: unknown field`));
  }
  return [problem("shape", location, fields.length ? `${fields.join(".")}: ${issue.message}` : issue.message)];
}

/** The envelope location a model path points into, and the field path left inside it. */
function locate(input: unknown, path: PropertyKey[]): { location: string; fields: string[] } {
  const idOf = (node: unknown, key: string): string => {
    const v = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    return typeof v === "string" ? v : "";
  };
  const at = (node: unknown, key: PropertyKey): unknown => (node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined);
  const entityLabel = (node: unknown): string => {
    const kind = idOf(node, "kind");
    return where.entity(kind === "VirtualSystemCollection" ? kind : "VirtualSystem", idOf(node, "id"));
  };

  const segs = [...path];
  let location = "Envelope";
  let node: unknown = input;
  const sections: Record<string, [string, (n: unknown, i: number) => string]> = {
    references: ["id", (n, i) => where.file(idOf(n, "id"), i)],
    disks: ["diskId", (n, i) => where.disk(idOf(n, "diskId"), i)],
    networks: ["name", (n, i) => where.network(idOf(n, "name"), i)],
  };
  const first = segs[0];
  if (typeof first === "string" && first in sections && typeof segs[1] === "number") {
    node = at(at(node, first), segs[1]);
    location = sections[first][1](node, segs[1]);
    segs.splice(0, 2);
  } else if (first === "content") {
    node = at(node, "content");
    location = entityLabel(node);
    segs.shift();
    // Down the tree of systems, then into a section of the last one.
    while (segs[0] === "children" && typeof segs[1] === "number") {
      node = at(at(node, "children"), segs[1]);
      location = entityLabel(node);
      segs.splice(0, 2);
    }
    if (segs[0] === "properties" && typeof segs[1] === "number") {
      node = at(at(node, "properties"), segs[1]);
      location = where.property(location, idOf(node, "key"), segs[1]);
      segs.splice(0, 2);
    } else if (segs[0] === "hardware") {
      location = where.hardware(location);
      segs.shift();
    }
  }
  return { location, fields: segs.map(String) };
}
