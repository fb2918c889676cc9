// OVF import and export of Systems (SPEC §15): POST systems/import, POST systems/<id>/export, and
// GET packages/<id> for the packages exports without a destination leave here.
import { actionURI, entry } from "../../../provider/src/catalog";
import { OvfError, fromCimiSystem, toCimiSystem, toXml } from "../../../provider/src/ovf";
import type { Handler } from "../context";
import { badRequest, conflict, notFound } from "../http";
import { envelopeAt } from "../ovf/source";
import { checkImportable, importSystem } from "../ovf/import";
import { describeSystem, writeToDestination } from "../ovf/export";
import { OVF_MEDIA_TYPE, PACKAGES, packageText, savePackage } from "../ovf/packages";
import { readAction } from "./actions";
import { findResource } from "./resources";
import { jobReply } from "./replies";

const SYSTEMS = () => entry("System").cepKey!;
/** Formats an export can write (SPEC §15.1: `application/ovf` is the default). */
const FORMATS = [OVF_MEDIA_TYPE, "application/ovf+xml"];

export const postImport: Handler = async (req, _params, ctx) => {
  const collection = SYSTEMS();
  const target = ctx.links.abs(collection);
  const body = readAction(req, "import", target, ["source"]);
  if (typeof body.source !== "string" || body.source === "") throw badRequest(`Action: attribute "source" (the package URI) is required`, target, actionURI("import"));
  const envelope = await envelopeAt(ctx, body.source);
  let description;
  try {
    description = toCimiSystem(envelope);
  } catch (e) {
    if (e instanceof OvfError) throw badRequest(`cannot import ${body.source}: ${e.message}`, target, actionURI("import"));
    throw e;
  }
  checkImportable(description);
  const { path, finalState } = importSystem(ctx, description, body.source);
  const effect = { type: "state" as const, path, from: entry("System").creatingState!, to: finalState };
  return jobReply(ctx, { name: `import ${description.system.name}`, action: actionURI("import"), target: collection, affected: [collection, path], effect }, path);
};

export const postExport: Handler = (req, { id }, ctx) => {
  const { e, doc, path } = findResource(ctx, SYSTEMS(), id);
  const target = ctx.links.abs(path);
  const uri = actionURI("export");
  const body = readAction(req, "export", target, ["format", "destination"]);
  const format = body.format ?? OVF_MEDIA_TYPE;
  if (typeof format !== "string" || !FORMATS.includes(format)) throw badRequest(`Action: format ${JSON.stringify(format)} is not supported; this cloud writes ${OVF_MEDIA_TYPE}`, target, uri);
  if (body.destination !== undefined && typeof body.destination !== "string") throw badRequest(`Action: destination must be a URI`, target, uri);
  if (!e.states?.stable.includes(doc.state as string)) throw conflict(`export is not possible while the system is ${String(doc.state)}`, target, uri);
  let text: string;
  try {
    text = toXml(fromCimiSystem(describeSystem(ctx, path)));
  } catch (err) {
    if (err instanceof OvfError) throw conflict(`${target} cannot be written as OVF: ${err.message}`, target, uri);
    throw err;
  }
  let location = path;
  if (body.destination) writeToDestination(ctx, body.destination, text);
  else location = savePackage(ctx.store, text);
  return jobReply(ctx, { name: `export ${String(doc.name ?? id)}`, action: uri, target: path, affected: [path], effect: { type: "none" } }, location);
};

export const getPackage: Handler = (_req, { id }, ctx) => {
  const text = packageText(ctx.store, `${PACKAGES}/${id}`);
  if (text === undefined) throw notFound(`no package at ${ctx.links.abs(`${PACKAGES}/${id}`)}`);
  return { status: 200, raw: { type: OVF_MEDIA_TYPE, text } };
};
