// POST <resource id>/<action>: run one of the catalog's actions (start, stop, ...) as a Job.
import { actionURI, typeURI } from "../../../provider/src/catalog";
import type { Handler, Req } from "../context";
import { badRequest, conflict, jsonObjectBody, notFound } from "../http";
import { checkType } from "../validate";
import { findResource } from "./resources";
import { jobReply } from "./replies";
import { actedOn } from "../lifecycle";
import { setState } from "../monitoring";

const ACTION_ATTRS = ["resourceURI", "action", "properties"];

/**
 * An Action request body for the operation `name` on `target`, checked: its resourceURI and
 * action, no attributes beyond the common ones and `params` (the operation's own parameters,
 * SPEC §6.5), properties a map of strings.
 */
export function readAction(req: Req, name: string, target: string, params: readonly string[]): Record<string, unknown> {
  const uri = actionURI(name);
  const body = jsonObjectBody(req.headers["content-type"], req.body, "Action");
  if (body.resourceURI !== undefined && body.resourceURI !== typeURI("Action")) {
    throw badRequest(`resourceURI must be ${typeURI("Action")}, got ${JSON.stringify(body.resourceURI)}`, target, uri);
  }
  const unknown = Object.keys(body).find((k) => !ACTION_ATTRS.includes(k) && !params.includes(k));
  if (unknown) throw badRequest(`Action: unknown attribute "${unknown}"`, target, uri);
  if (typeof body.action !== "string") throw badRequest(`Action: attribute "action" is required (e.g. ${uri})`, target, uri);
  const last = body.action.split("/").pop() ?? "";
  if (last.toLowerCase() !== name.toLowerCase()) {
    throw badRequest(`Action: attribute "action" is ${body.action} but this operation is ${uri}`, target, uri);
  }
  if (body.properties !== undefined) checkType({ kind: "map" }, body.properties, "properties");
  return body;
}

export const postAction: Handler = (req, { collection, id, action }, ctx) => {
  const { e, doc, path } = findResource(ctx, collection, id);
  const name = Object.keys(e.actions ?? {}).find((n) => n.toLowerCase() === action.toLowerCase());
  if (!name || !e.actions) throw notFound(`${e.kind} ${ctx.links.abs(path)} has no operation "${action}"`);
  const spec = e.actions[name];
  const uri = actionURI(name);
  const target = ctx.links.abs(path);

  const body = readAction(req, name, target, ["force"]);
  if (body.force !== undefined) checkType({ kind: "boolean" }, body.force, "force");

  const state = doc.state as string;
  if (!spec.from.includes(state)) {
    throw conflict(`${name} is not possible while the ${e.kind.toLowerCase()} is ${state} (allowed from ${spec.from.join(", ")})`, target, uri);
  }
  setState(ctx.store, path, doc, spec.during, ctx.now.toISOString());
  actedOn(ctx, e.kind, path, name);
  return jobReply(ctx, { name: `${name} ${(doc.name as string | undefined) ?? id}`, action: uri, target: path, affected: [path], effect: { type: "state", path, from: spec.during, to: spec.to } }, path);
};
