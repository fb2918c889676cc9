// Which collection a request is about: a CEP collection (`machines`) or the sub-collection of a
// parent resource (`machines/m-1/volumes`), as a store key with its catalog entry.
import type { CatalogEntry } from "../../../provider/src/catalog";
import type { Ctx } from "../context";
import { notFound } from "../http";
import { entryOfKey } from "../kinds";

/** The store key named by route parameters: `collection`, or `collection/parent/sub`. */
export function collectionKey(params: Record<string, string>): string {
  return params.sub ? `${params.collection}/${params.parent}/${params.sub}` : params.collection;
}

/** The entry of a collection key; a sub-collection exists only while its parent does. */
export function collectionEntry(ctx: Ctx, key: string): CatalogEntry {
  const e = entryOfKey(key);
  const parent = key.split("/").slice(0, -1).join("/");
  if (!e || (parent && !ctx.store.byPath(parent))) throw notFound(`no collection ${ctx.links.abs(key)}`);
  return e;
}
