// Server representations of catalog resources and their collections (relative hrefs; the
// server makes them absolute on the way out).
import { actionURI, typeURI } from "../../provider/src/catalog";
import type { CatalogEntry } from "../../provider/src/catalog";
import type { Doc } from "./store";
import { collectionTypeURI } from "./kinds";

export interface Operation {
  rel: string;
  href: string;
}

/**
 * Operations the catalog has no entry for (SPEC §15): OVF export of a settled System, import into
 * the SystemCollection. The handlers are in handlers/ovf.ts.
 */
export const OVF_OPERATIONS = { resource: { System: "export" }, collection: { System: "import" } } as const;

const ovfOperation = (table: Readonly<Record<string, string>>, kind: string, id: string): Operation[] =>
  table[kind] ? [{ rel: actionURI(table[kind]), href: `${id}/${table[kind]}` }] : [];

/** Operations allowed on a catalog resource now: edit, delete, and actions allowed from its state. */
export function operationsOf(e: CatalogEntry | undefined, doc: Doc): Operation[] {
  if (!e) return [];
  const id = doc.id as string;
  const ops: Operation[] = [
    { rel: "edit", href: id },
    { rel: "delete", href: id },
  ];
  for (const [name, spec] of Object.entries(e.actions ?? {})) {
    if (spec.from.includes(doc.state as string)) ops.push({ rel: actionURI(name), href: `${id}/${name}` });
  }
  if (e.states?.stable.includes(doc.state as string)) ops.push(...ovfOperation(OVF_OPERATIONS.resource, e.kind, id));
  return ops;
}

export function resourceDoc(kind: string, e: CatalogEntry | undefined, doc: Doc): Doc {
  const ops = operationsOf(e, doc);
  return { resourceURI: typeURI(kind), ...doc, ...(ops.length ? { operations: ops } : {}) };
}

export function collectionDoc(kind: string, member: string, id: string, items: Doc[], addHref?: string): Doc {
  return {
    resourceURI: collectionTypeURI(kind),
    id,
    count: items.length,
    ...(items.length ? { [member]: items } : {}),
    ...(addHref ? { operations: [{ rel: "add", href: addHref }, ...ovfOperation(OVF_OPERATIONS.collection, kind, id)] } : {}),
  };
}
