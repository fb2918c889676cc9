// Catalog collections: GET lists (with $filter), POST creates.
import type { Handler } from "../context";
import { badRequest, HttpError, jsonObjectBody } from "../http";
import { collectionDoc, resourceDoc } from "../render";
import { applyFilters, page } from "../filter";
import { createAttrs, createTypeURI, idPrefix, isAsync } from "../kinds";
import { buildResource } from "../create";
import { addResource } from "../lifecycle";
import { docReply, jobReply } from "./replies";
import { collectionEntry, collectionKey } from "./where";

export const listCollection: Handler = (req, params, ctx) => {
  const collection = collectionKey(params);
  const e = collectionEntry(ctx, collection);
  const items = applyFilters(ctx.store.list(collection).map((d) => resourceDoc(e.kind, e, d)), req.query);
  // What the cloud makes itself (meters, event logs) offers no `add`.
  const coll = collectionDoc(e.kind, e.member, collection, page(items, req.query), e.readOnly ? undefined : collection);
  // `count` is the filtered set, before paging (SPEC §8.2).
  return docReply(ctx, { ...coll, count: items.length });
};

export const createInCollection: Handler = (req, params, ctx) => {
  const collection = collectionKey(params);
  const e = collectionEntry(ctx, collection);
  if (e.readOnly) throw new HttpError(405, `${e.kind}s are made by the cloud for the resources it runs; ${ctx.links.abs(collection)} takes no POST`, undefined, undefined, { Allow: "GET" });
  const wrapper = e.create.wrapper === "self" ? e.kind : e.create.wrapper;
  const body = ctx.links.relativize(jsonObjectBody(req.headers["content-type"], req.body, wrapper));
  if (body.resourceURI !== undefined && body.resourceURI !== createTypeURI(e)) {
    throw badRequest(`resourceURI must be ${createTypeURI(e)}, got ${JSON.stringify(body.resourceURI)}`);
  }
  const allowed = createAttrs(e);
  const unknown = Object.keys(body).find((k) => !allowed.has(k));
  if (unknown) throw badRequest(`${wrapper}: unknown attribute "${unknown}"`);

  const id = ctx.store.nextId(idPrefix(e.kind));
  const { stored, finalState } = addResource(ctx, e.kind, collection, id, buildResource(ctx, e, body));
  const path = stored.id as string;
  if (!isAsync(e)) return docReply(ctx, resourceDoc(e.kind, e, stored), 201, { Location: ctx.links.abs(path) });
  const effect = finalState && e.creatingState
    ? { type: "state" as const, path, from: e.creatingState, to: finalState }
    : { type: "none" as const };
  return jobReply(ctx, { name: `add ${(stored.name as string | undefined) ?? id}`, action: "add", target: collection, affected: [collection, path], effect }, path);
};
