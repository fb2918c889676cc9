// Mapping between Pulumi inputs/outputs and CIMI documents, driven by the fields' paths.
import { typeURI, type CatalogEntry, type Field, type FieldType } from "../catalog/types";
import { REQUEST_MARKER, type Doc, type Session } from "../client";

export function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Doc)[key];
  }
  return cur;
}

export function setPath(doc: Doc, path: string, value: unknown): void {
  const keys = path.split(".");
  let cur = doc;
  for (const key of keys.slice(0, -1)) {
    if (!cur[key] || typeof cur[key] !== "object") cur[key] = {};
    cur = cur[key] as Doc;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/**
 * A value as CIMI writes it: a list of references is a list of `{ href }` (SPEC §3.5), a type is
 * its type URI, and the fields of an object go where their paths say (`machineTemplate.href`).
 * A single reference needs nothing: its path ends in `.href`.
 */
export function encode(type: FieldType, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (type.kind) {
    case "type":
      return typeof value === "string" ? typeURI(value) : value;
    case "list":
      if (!Array.isArray(value)) return value;
      return value.map((v) => (type.of.kind === "ref" ? { href: v } : encode(type.of, v)));
    case "object": {
      const out: Doc = {};
      for (const [name, f] of Object.entries(type.fields)) {
        const v = (value as Doc)[name];
        if (v !== undefined) setPath(out, f.create ?? name, encode(f.type, v));
      }
      return out;
    }
    default:
      return value;
  }
}

/** A value as the catalog types it, from what CIMI wrote (the inverse of `encode`). */
export function decode(type: FieldType, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (type.kind) {
    case "string": // and text (a sample's value) as numbers
      return typeof value === "number" ? String(value) : value;
    case "integer": // some servers send integers as text
      return typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    case "map": {
      // Our create marker (REQUEST_MARKER) is not part of the user's map.
      if (typeof value !== "object" || !(REQUEST_MARKER in value)) return value;
      const { [REQUEST_MARKER]: _marker, ...rest } = value as Doc;
      return Object.keys(rest).length > 0 ? rest : undefined;
    }
    case "type":
      return typeof value === "string" ? value.split("/").pop() : value;
    case "list":
      if (!Array.isArray(value)) return value;
      return value.map((v) => (type.of.kind === "ref" ? (v && typeof v === "object" ? (v as Doc).href : v) : decode(type.of, v)));
    case "object": {
      if (typeof value !== "object") return value;
      const out: Doc = {};
      for (const [name, f] of Object.entries(type.fields)) {
        const v = decode(f.type, getPath(value as Doc, f.create ?? name));
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    default:
      return value;
  }
}

/** The create request (e.g. a MachineCreate) for the given inputs. */
export function createBody(entry: CatalogEntry, inputs: Record<string, unknown>): Doc {
  const body: Doc = {};
  for (const [name, field] of Object.entries(entry.fields)) {
    if (field.create && inputs[name] !== undefined) setPath(body, field.create, encode(field.type, inputs[name]));
  }
  return body;
}

/**
 * A full PUT body: the server's document, unknown attributes and all (SPEC §1), with the named
 * updatable fields set to their new inputs; an absent input removes the attribute.
 */
export function updateBody(entry: CatalogEntry, doc: Doc, news: Record<string, unknown>, names: readonly string[]): Doc {
  const body: Doc = structuredClone(doc);
  delete body.operations;
  delete body.resourceURI;
  for (const name of names) {
    const field = entry.fields[name];
    if (field?.input?.change !== "update" || !field.read) continue;
    // Removing a reference removes the whole `{href}` slot, not just its href.
    const slot = news[name] === undefined && field.read.endsWith(".href") ? field.read.slice(0, -".href".length) : field.read;
    setPath(body, slot, encode(field.type, news[name]));
  }
  return body;
}

/**
 * Outputs for a document: the inputs as given, the server's value for every readable field
 * the user set (so drift shows) and for the desired state even when unmanaged, and every
 * output-only field. `inputs` are the inputs as the cloud has them now (for refresh).
 */
export async function outputsOf(
  entry: CatalogEntry,
  doc: Doc,
  inputs: Record<string, unknown>,
  session: Session,
): Promise<{ outputs: Record<string, unknown>; inputs: Record<string, unknown> }> {
  const outputs: Record<string, unknown> = {};
  const refreshed: Record<string, unknown> = { ...inputs };
  for (const [name, field] of Object.entries(entry.fields)) {
    if (field.output === false) continue;
    const given = field.input !== undefined && inputs[name] !== undefined;
    if (given) outputs[name] = inputs[name];
    const reported = !field.input || given || field.input.change === "action";
    if (!reported || (!field.read && !field.gather)) continue;
    const value = await valueOf(field, doc, session);
    if (value === undefined || value === null) {
      delete outputs[name];
      delete refreshed[name];
    } else {
      outputs[name] = value;
      if (given) refreshed[name] = value;
    }
  }
  outputs.endpoint = session.endpoint;
  return { outputs, inputs: refreshed };
}

/** A field's value as the cloud reports it: read from the document, or gathered through others. */
async function valueOf(field: Field, doc: Doc, session: Session): Promise<unknown> {
  return decode(field.type, field.read ? getPath(doc, field.read) : await gather(session, doc, field.gather!));
}

/** Follows a `a/*\/b` path through references and collections, reading what is not expanded. */
export async function gather(session: Session, doc: Doc, path: string): Promise<unknown[]> {
  let values: unknown[] = [doc];
  const steps = path.split("/");
  for (const [i, step] of steps.entries()) {
    const next: unknown[] = [];
    for (const v of values) {
      if (!v || typeof v !== "object") continue;
      if (step === "*") {
        next.push(...(await session.itemsOf(await session.expand(v as Doc))));
        continue;
      }
      let x = (v as Doc)[step];
      // A reference is read only when more than its href is wanted.
      if (x && typeof x === "object" && !Array.isArray(x) && steps[i + 1] !== "href") x = await session.expand(x as Doc);
      // Hrefs may be relative to baseURI (SPEC §1.1); outputs hold absolute ones.
      if (step === "href" && typeof x === "string") x = await session.resolve(x);
      if (x !== undefined && x !== null) next.push(x);
    }
    values = next;
  }
  return values;
}

/** Everything the cloud reports about a resource (for lookups): each read or gathered field, never a secret. */
export async function describe(entry: CatalogEntry, doc: Doc, session: Session): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { id: await session.resolve(String(doc.id)) };
  for (const [name, field] of Object.entries(entry.fields)) {
    if (field.secret || (!field.read && !field.gather)) continue;
    const value = await valueOf(field, doc, session);
    if (value !== undefined && value !== null) out[name] = value;
  }
  out.endpoint = session.endpoint;
  return out;
}
