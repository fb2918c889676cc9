// Mapping between Pulumi inputs/outputs and CIMI documents, driven by the fields' paths.
import type { CatalogEntry, FieldType } from "../catalog/types";
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

/** The create request (e.g. a MachineCreate) for the given inputs. */
export function createBody(entry: CatalogEntry, inputs: Record<string, unknown>): Doc {
  const body: Doc = {};
  for (const [name, field] of Object.entries(entry.fields)) {
    if (field.create && inputs[name] !== undefined) setPath(body, field.create, inputs[name]);
  }
  return body;
}

/** A full PUT body: the server's document with the updatable fields set to the new inputs. */
export function updateBody(entry: CatalogEntry, doc: Doc, news: Record<string, unknown>): Doc {
  const body: Doc = structuredClone(doc);
  delete body.operations;
  delete body.resourceURI;
  for (const [name, field] of Object.entries(entry.fields)) {
    if (field.input?.change === "update" && field.read) setPath(body, field.read, news[name]);
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
    const value = asOutput(field.type, field.read ? getPath(doc, field.read) : await gather(session, doc, field.gather!));
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

/**
 * A server value as the field's type says it should be: integers some servers send as text are
 * numbers, and our create marker is not part of the user's map.
 */
export function asOutput(type: FieldType, value: unknown): unknown {
  if (type.kind === "integer" && typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  if (type.kind === "map" && value && typeof value === "object" && REQUEST_MARKER in value) {
    const { [REQUEST_MARKER]: _marker, ...rest } = value as Doc;
    return Object.keys(rest).length > 0 ? rest : undefined;
  }
  return value;
}

/** Follows a `a/*\/b` path through references and collections, reading what is not expanded. */
export async function gather(session: Session, doc: Doc, path: string): Promise<unknown[]> {
  let values: unknown[] = [doc];
  for (const step of path.split("/")) {
    const next: unknown[] = [];
    for (const v of values) {
      if (!v || typeof v !== "object") continue;
      if (step === "*") {
        next.push(...(await session.itemsOf(await session.expand(v as Doc))));
        continue;
      }
      let x = (v as Doc)[step];
      if (x && typeof x === "object" && !Array.isArray(x)) x = await session.expand(x as Doc);
      if (x !== undefined && x !== null) next.push(x);
    }
    values = next;
  }
  return values;
}
