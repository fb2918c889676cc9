// One catalog resource: GET reads, PUT updates (edit), DELETE deletes.
import type { CatalogEntry } from "../../../provider/src/catalog";
import type { Ctx, Handler } from "../context";
import { jsonObjectBody, notFound, type Reply } from "../http";
import { resourceDoc } from "../render";
import { entryOfKey, isAsync } from "../kinds";
import { applyUpdate, selectList } from "../update";
import { removeResource } from "../lifecycle";
import { edited, setState } from "../monitoring";
import type { Doc } from "../store";
import { docReply, jobReply } from "./replies";
import { collectionKey } from "./where";

/** A resource of a CEP collection or of a sub-collection (store key `collection`). */
export function findResource(ctx: Ctx, collection: string, id: string): { e: CatalogEntry; doc: Doc; path: string } {
  const e = entryOfKey(collection);
  const doc = e ? ctx.store.get(collection, id) : undefined;
  if (!e || !doc) throw notFound(`${e?.kind ?? "resource"} ${ctx.links.abs(`${collection}/${id}`)} does not exist`);
  return { e, doc, path: doc.id as string };
}

export const getResource: Handler = (_req, params, ctx) => {
  const { e, doc } = findResource(ctx, collectionKey(params), params.id);
  return docReply(ctx, resourceDoc(e.kind, e, doc));
};

export const putResource: Handler = (req, params, ctx): Reply => {
  const { e, doc, path } = findResource(ctx, collectionKey(params), params.id);
  const id = params.id;
  const body = ctx.links.relativize(jsonObjectBody(req.headers["content-type"], req.body, e.kind));
  applyUpdate(ctx, e, doc, body, selectList(req.query));
  edited(ctx.store, path, doc, ctx.now.toISOString());
  ctx.store.touch();
  if (!isAsync(e)) return docReply(ctx, resourceDoc(e.kind, e, doc));
  return jobReply(ctx, { name: `edit ${(doc.name as string | undefined) ?? id}`, action: "edit", target: path, affected: [path], effect: { type: "none" } }, path);
};

export const deleteResource: Handler = (_req, params, ctx): Reply => {
  const { e, doc, path } = findResource(ctx, collectionKey(params), params.id);
  const id = params.id;
  if (!isAsync(e)) {
    removeResource(ctx.store, path);
    return { status: 200 };
  }
  const deleting = e.states?.deleting?.[0];
  if (deleting) setState(ctx.store, path, doc, deleting, ctx.now.toISOString());
  return jobReply(ctx, { name: `delete ${(doc.name as string | undefined) ?? id}`, action: "delete", target: path, affected: [path], effect: { type: "delete", path } }, path);
};
