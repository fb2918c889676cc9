// GET /cimi/resourceMetadata and /cimi/resourceMetadata/<Kind>: what this cloud supports (SPEC §13),
// one entry per catalog kind: its attributes, and capabilities where a kind has some.
import { CIMI_NS, mutabilityOf, typeURI } from "../../../provider/src/catalog";
import { entryAsConfigured } from "../mutability";
import type { Ctx, Handler } from "../context";
import { notFound } from "../http";
import { collectionDoc } from "../render";
import { allEntries, defaultInitialState, initialStates, readAttrs, templateAttr } from "../kinds";
import { byValueCapability } from "../create";
import { docReply } from "./replies";

export const METADATA = "resourceMetadata";

function metadataOf(kind: string, ctx: Ctx) {
  const e = allEntries().find((x) => x.kind === kind);
  if (!e) return undefined;
  const capability = (name: string, value: string) => ({ name, uri: `${CIMI_NS}/capability/${kind}/${name}`, value });
  const capabilities = [];
  const template = templateAttr(e);
  if (template) capabilities.push(capability(byValueCapability(template), String(ctx.config.templateByValue)));
  if (e.desiredState) {
    capabilities.push(capability("InitialStates", initialStates(ctx.config, e).join(",")), capability("DefaultInitialState", defaultInitialState(ctx.config, e)));
  }
  // Whether each attribute a consumer sets may change in place (`mutable`, as CIMI 2.0 names it).
  const mutable = mutabilityOf(entryAsConfigured(ctx.config, e));
  const attributes = [...readAttrs(e)].map((name) => (name in mutable ? { name, mutable: mutable[name] } : { name }));
  return {
    resourceURI: typeURI("ResourceMetadata"),
    id: `${METADATA}/${kind}`,
    name: kind,
    typeURI: typeURI(kind),
    attributes,
    ...(capabilities.length ? { capabilities } : {}),
  };
}

export const listMetadata: Handler = (_req, _params, ctx) => {
  const items = allEntries()
    .map((e) => metadataOf(e.kind, ctx))
    .filter((m) => m !== undefined);
  return docReply(ctx, collectionDoc("ResourceMetadata", "resourceMetadatas", METADATA, items));
};

export const getMetadata: Handler = (_req, { id }, ctx) => {
  const doc = metadataOf(id, ctx);
  if (!doc) throw notFound(`ResourceMetadata ${ctx.links.abs(`${METADATA}/${id}`)} does not exist`);
  return docReply(ctx, doc);
};
