// Monitoring as consumers read it (SPEC §11.5): a resource's meters, a meter's samples, an event
// log's events. The simulator makes all of them itself (monitoring.ts); none can be added.
import { entry, type CatalogEntry } from "../../../provider/src/catalog";
import type { Ctx, Handler } from "../context";
import { notFound } from "../http";
import { collectionDoc, resourceDoc } from "../render";
import { applyFilters, page } from "../filter";
import { catchUp, EVENTS, METERS_ATTR, metersOf, SAMPLES } from "../monitoring";
import type { Doc } from "../store";
import { findResource } from "./resources";
import { docReply } from "./replies";

const Meter = entry("Meter");

/** A collection of items the cloud keeps, filtered and paged as any other. */
function itemsReply(ctx: Ctx, query: URLSearchParams, kind: string, member: string, id: string, docs: Doc[], e?: CatalogEntry) {
  const items = applyFilters(docs.map((d) => resourceDoc(kind, e, d)), query);
  return docReply(ctx, { ...collectionDoc(kind, member, id, page(items, query)), count: items.length });
}

export const getMeters: Handler = (req, { collection, id }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  const meters = metersOf(ctx.store, path);
  if (!meters) throw notFound(`${ctx.links.abs(path)} has no ${METERS_ATTR}`);
  return itemsReply(ctx, req.query, Meter.kind, Meter.member, `${path}/${METERS_ATTR}`, meters, Meter);
};

export const getSamples: Handler = (req, { collection, id }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  catchUp(ctx.store, path, ctx.now);
  return itemsReply(ctx, req.query, "Sample", SAMPLES, `${path}/${SAMPLES}`, ctx.store.list(`${path}/${SAMPLES}`));
};

/** An event as served: the resource it is about written as an absolute URI, as hrefs are. */
const served = (ctx: Ctx, event: Doc): Doc => {
  const content = event.content as Doc | undefined;
  return typeof content?.resource === "string" ? { ...event, content: { ...content, resource: ctx.links.abs(content.resource) } } : event;
};

export const getEvents: Handler = (req, { collection, id }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  return itemsReply(ctx, req.query, "Event", EVENTS, `${path}/${EVENTS}`, ctx.store.list(`${path}/${EVENTS}`).map((d) => served(ctx, d)));
};

export const getEvent: Handler = (_req, { collection, id, event }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  const doc = ctx.store.get(`${path}/${EVENTS}`, event);
  if (!doc) throw notFound(`Event ${ctx.links.abs(`${path}/${EVENTS}/${event}`)} does not exist`);
  return docReply(ctx, resourceDoc("Event", undefined, served(ctx, doc)));
};
