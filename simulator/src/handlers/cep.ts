// GET /cimi/cloudEntryPoint
import { typeURI } from "../../../provider/src/catalog";
import type { Handler } from "../context";
import { allEntries } from "../kinds";
import { JOBS } from "../jobs";
import { docReply } from "./replies";
import { METADATA } from "./metadata";
import { exposesJobs } from "../completion";

export const CEP_PATH = "cloudEntryPoint";

export const getCloudEntryPoint: Handler = (_req, _params, ctx) => {
  const doc: Record<string, unknown> = {
    resourceURI: typeURI("CloudEntryPoint"),
    id: CEP_PATH,
    name: "cimi-simulator",
    description: "Bundled CIMI 1.x simulator",
    baseURI: ctx.links.baseURI,
  };
  for (const e of allEntries()) if (e.cepKey) doc[e.cepKey] = { href: e.cepKey };
  doc[METADATA] = { href: METADATA };
  if (exposesJobs(ctx.config)) doc[JOBS] = { href: JOBS };
  return docReply(ctx, doc);
};
