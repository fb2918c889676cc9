// What the simulator knows about each resource kind, derived from the catalog only.
import { catalog, typeURI } from "../../provider/src/catalog";
import type { CatalogEntry, Field } from "../../provider/src/catalog";

/** Attributes every CIMI resource may carry that a consumer sets directly. */
export const COMMON_WRITABLE = ["name", "description", "properties"] as const;
/** Attributes the provider sets and a consumer may echo back (ignored). */
export const COMMON_READONLY = ["id", "created", "updated", "operations", "resourceURI"] as const;
/** State of a new resource when neither the request nor the template names one (SPEC §11.1.1). */
export const DEFAULT_INITIAL_STATE = "STOPPED";

const byCepKey = new Map(catalog.map((e) => [e.cepKey, e]));

export function entryByCepKey(cepKey: string): CatalogEntry | undefined {
  return byCepKey.get(cepKey);
}

export function isCepKey(segment: string): boolean {
  return byCepKey.has(segment);
}

export function allEntries(): readonly CatalogEntry[] {
  return catalog;
}

/** Kinds with actions run their mutations as Jobs (202); the others answer synchronously. */
export function isAsync(e: CatalogEntry): boolean {
  return e.actions !== undefined && Object.keys(e.actions).length > 0;
}

/** Local id prefix: the capitals of the kind, lowercased (Machine -> m, MachineImage -> mi). */
export function idPrefix(kind: string): string {
  return (kind.match(/[A-Z]/g) ?? [kind[0]]).join("").toLowerCase();
}

export const collectionTypeURI = (kind: string): string => `${typeURI(kind)}Collection`;

export const topLevel = (path: string): string => path.split(".")[0];

export function fieldsOf(e: CatalogEntry): [string, Field][] {
  return Object.entries(e.fields);
}

/** Top-level attributes a consumer may change with PUT (fields whose change mode is `update`). */
export function writableAttrs(e: CatalogEntry): Set<string> {
  const out = new Set<string>();
  for (const [, f] of fieldsOf(e)) if (f.input?.change === "update" && f.read) out.add(topLevel(f.read));
  return out;
}

/** Top-level attributes the server documents of this kind can hold. */
export function readAttrs(e: CatalogEntry): Set<string> {
  const out = new Set<string>(COMMON_READONLY);
  for (const [, f] of fieldsOf(e)) if (f.read) out.add(topLevel(f.read));
  return out;
}

/** Top-level attributes allowed in a create request for this kind. */
export function createAttrs(e: CatalogEntry): Set<string> {
  const out = new Set<string>(["resourceURI", ...COMMON_WRITABLE]);
  const tpl = templateAttr(e);
  if (tpl) {
    out.add(tpl);
  } else {
    for (const a of readAttrs(e)) out.add(a);
    for (const [, f] of fieldsOf(e)) if (f.create) out.add(topLevel(f.create));
  }
  return out;
}

/** Attribute of the create request carrying the template (`machineTemplate`), for wrapper kinds. */
export function templateAttr(e: CatalogEntry): string | undefined {
  return "template" in e.create ? e.create.template : undefined;
}

/** Type URI a create request may name in `resourceURI`. */
export function createTypeURI(e: CatalogEntry): string {
  return typeURI(e.create.wrapper === "self" ? e.kind : e.create.wrapper);
}
