// GET /cimi/resourceMetadata and /cimi/resourceMetadata/<Kind>: what this cloud supports (SPEC §13),
// one entry per kind created from a template.
import { CIMI_NS, typeURI } from "../../../provider/src/catalog";
import type { Ctx, Handler } from "../context";
import { notFound } from "../http";
import { collectionDoc } from "../render";
import { allEntries } from "../kinds";
import { docReply } from "./replies";

export const METADATA = "resourceMetadata";

function metadataOf(kind: string, ctx: Ctx) {
  const capability = (name: string, value: string) => ({ name, uri: `${CIMI_NS}/capability/${kind}/${name}`, value });
  const e = allEntries().find((x) => x.kind === kind && "template" in x.create);
  if (!e || !("template" in e.create)) return undefined;
  const template = e.create.template;
  const byValue = `${template[0].toUpperCase()}${template.slice(1)}ByValue`;
  const capabilities = [capability(byValue, String(ctx.config.templateByValue))];
  if (e.desiredState) {
    capabilities.push(capability("InitialStates", Object.keys(e.desiredState.actions).join(",")), capability("DefaultInitialState", "STOPPED"));
  }
  return { resourceURI: typeURI("ResourceMetadata"), id: `${METADATA}/${kind}`, name: kind, typeURI: typeURI(kind), capabilities };
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
