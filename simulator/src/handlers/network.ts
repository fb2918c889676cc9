// What a machine exposes besides catalog sub-collections: the addresses of each network interface,
// and its disks.
import type { Handler } from "../context";
import { notFound } from "../http";
import { diskCollection, nicAddressCollection } from "../machine-net";
import { findResource } from "./resources";
import { docReply } from "./replies";

const missing = (what: string) => {
  throw notFound(`${what} does not exist`);
};

export const getNicAddresses: Handler = (_req, { collection, id, nic }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  const nicPath = `${path}/networkInterfaces/${nic}`;
  return docReply(ctx, nicAddressCollection(ctx.store, nicPath) ?? missing(`network interface ${ctx.links.abs(nicPath)}`));
};

export const getMachineSub: Handler = (_req, { collection, id, sub }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  return docReply(ctx, diskCollection(ctx.store, path, sub) ?? missing(`${ctx.links.abs(path)}/${sub}`));
};
