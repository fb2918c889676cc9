// What the simulator knows about each resource kind, derived from the catalog only.
import { catalog, typeURI } from "../../provider/src/catalog";
import type { CatalogEntry, Field } from "../../provider/src/catalog";

/** Attributes every CIMI resource may carry that a consumer sets directly. */
export const COMMON_WRITABLE = ["name", "description", "properties"] as const;
/** Attributes the provider sets and a consumer may echo back (ignored). */
export const COMMON_READONLY = ["id", "created", "updated", "operations", "resourceURI"] as const;
/** State of a new resource when neither the request nor the template names one (SPEC §11.1.1). */
export const DEFAULT_INITIAL_STATE = "STOPPED";

/** The states this cloud lets a new resource of the kind start in (its InitialStates capability). */
export function initialStates(config: { initialStates: Record<string, string[]> }, e: CatalogEntry): string[] {
  return config.initialStates[e.kind] ?? Object.keys(e.desiredState?.actions ?? {});
}

/** Where a new resource starts when nothing says (DefaultInitialState): STOPPED, if the cloud allows it. */
export function defaultInitialState(config: { initialStates: Record<string, string[]> }, e: CatalogEntry): string {
  const allowed = initialStates(config, e);
  return allowed.includes(DEFAULT_INITIAL_STATE) ? DEFAULT_INITIAL_STATE : allowed[0];
}

const byCepKey = new Map(catalog.filter((e) => e.cepKey).map((e) => [e.cepKey!, e]));

export function entryByCepKey(cepKey: string): CatalogEntry | undefined {
  return byCepKey.get(cepKey);
}

export function isCepKey(segment: string): boolean {
  return byCepKey.has(segment);
}

/** The kind of a sub-collection kind's parent (Machine for a MachineVolume). */
export function parentKind(e: CatalogEntry): string | undefined {
  const t = e.parent ? e.fields[e.parent.field]?.type : undefined;
  return t?.kind === "ref" ? t.to : undefined;
}

/** Kinds whose items live in a sub-collection of a resource of `kind`. */
export function childEntries(kind: string): CatalogEntry[] {
  return catalog.filter((e) => parentKind(e) === kind);
}

/** The attribute of an association item (a SystemMachine) that refers to a resource of `kind`, if any. */
export function memberAttr(child: CatalogEntry, kind: string): string | undefined {
  for (const [name, f] of Object.entries(child.fields)) {
    if (name !== child.parent?.field && f.type.kind === "ref" && f.type.to === kind && f.read) return f.read.split(".")[0];
  }
  return undefined;
}

/** Whether a path segment names a sub-collection of some kind (`volumes` of a machine). */
export function isSubCollection(segment: string): boolean {
  return catalog.some((e) => e.parent?.collection === segment);
}

/**
 * The kind stored under a collection key: a CEP key (`machines`), or a parent's path and its
 * sub-collection attribute (`machines/m-1/volumes`).
 */
export function entryOfKey(key: string): CatalogEntry | undefined {
  const parts = key.split("/");
  if (parts.length === 1) return byCepKey.get(key);
  const parent = entryOfKey(parts.slice(0, -2).join("/"));
  return parent && childEntries(parent.kind).find((c) => c.parent!.collection === parts[parts.length - 1]);
}

export function allEntries(): readonly CatalogEntry[] {
  return catalog;
}

/**
 * Kinds with actions or a state while being created run their mutations as Jobs (202); the
 * others answer synchronously.
 */
export function isAsync(e: CatalogEntry): boolean {
  return (e.actions !== undefined && Object.keys(e.actions).length > 0) || e.creatingState !== undefined;
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
