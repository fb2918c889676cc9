// What a machine exposes besides catalog sub-collections: its disks.
import type { Handler } from "../context";
import { notFound } from "../http";
import { diskCollection } from "../machine-net";
import { findResource } from "./resources";
import { docReply } from "./replies";

const missing = (what: string) => {
  throw notFound(`${what} does not exist`);
};

export const getMachineSub: Handler = (_req, { collection, id, sub }, ctx) => {
  const { path } = findResource(ctx, collection, id);
  return docReply(ctx, diskCollection(ctx.store, path, sub) ?? missing(`${ctx.links.abs(path)}/${sub}`));
};
