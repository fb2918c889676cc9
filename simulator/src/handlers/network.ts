// A machine's sub-collections (networkInterfaces, their addresses, disks, volumes) and Addresses.
import { typeURI } from "../../../provider/src/catalog";
import type { Handler } from "../context";
import { notFound } from "../http";
import { collectionDoc } from "../render";
import { applyFilters } from "../filter";
import { ADDRESSES, emptyCollection, nicAddressCollection, nicCollection, nicDoc } from "../machine-net";
import { findResource } from "./resources";
import { docReply } from "./replies";

const missing = (what: string) => {
  throw notFound(`${what} does not exist`);
};

export const getNics: Handler = (_req, { collection, id }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  return docReply(ctx, nicCollection(ctx.store, path));
};

export const getNic: Handler = (_req, { collection, id, nic }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  return docReply(ctx, nicDoc(ctx.store, path, nic) ?? missing(`network interface ${nic} of ${ctx.links.abs(path)}`));
};

export const getNicAddresses: Handler = (_req, { collection, id, nic }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  return docReply(ctx, nicAddressCollection(ctx.store, path, nic) ?? missing(`network interface ${nic} of ${ctx.links.abs(path)}`));
};

export const getMachineSub: Handler = (_req, { collection, id, sub }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  return docReply(ctx, emptyCollection(path, sub) ?? missing(`${ctx.links.abs(path)}/${sub}`));
};

const addressDoc = (d: Record<string, unknown>) => ({ resourceURI: typeURI("Address"), ...d });

export const listAddresses: Handler = (req, _params, ctx) => {
  const items = ctx.store.list(ADDRESSES).map(addressDoc);
  return docReply(ctx, collectionDoc("Address", "addresses", ADDRESSES, applyFilters(items, req.query)));
};

export const getAddress: Handler = (_req, { id }, ctx) => {
  const doc = ctx.store.get(ADDRESSES, id);
  return docReply(ctx, doc ? addressDoc(doc) : missing(`Address ${ctx.links.abs(`${ADDRESSES}/${id}`)}`));
};
