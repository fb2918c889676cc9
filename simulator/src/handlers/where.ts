// Which collection a request is about: a CEP collection (`machines`) or the sub-collection of a
// parent resource (`machines/m-1/volumes`), as a store key with its catalog entry.
import type { CatalogEntry } from "../../../provider/src/catalog";
import type { Ctx } from "../context";
import { notFound } from "../http";
import { entryOfKey } from "../kinds";

/** The store key named by route parameters: `collection`, `collection/parent/sub` or `collection/parent/sub/child/sub2`. */
export function collectionKey(params: Record<string, string>): string {
  return [params.collection, ...(params.sub ? [params.parent, params.sub] : []), ...(params.sub2 ? [params.child, params.sub2] : [])].join("/");
}

/** The entry of a collection key; a sub-collection exists only while its parent does. */
export function collectionEntry(ctx: Ctx, key: string): CatalogEntry {
  const e = entryOfKey(key);
  const parent = key.split("/").slice(0, -1).join("/");
  if (!e || (parent && !ctx.store.byPath(parent))) throw notFound(`no collection ${ctx.links.abs(key)}`);
  return e;
}
