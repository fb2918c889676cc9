// The generic create/read/update/delete of any catalog kind. Nothing here is per resource type.
import type { CatalogEntry } from "../catalog/types";
import { CimiError, CimiStateError, type MutationOptions, type Session } from "../client";
import { ADOPT } from "../catalog/common";
import type { Timeouts } from "../catalog/types";
import { configuredEndpoint, sessionFor } from "./config";
import { createBody, getPath, outputsOf } from "./wire";
import { applyEdits, converge, creatable, hasOperation, runTriggers, settled } from "./converge";
import { adopt } from "./adopt";
import { createByOperation, producesLocation } from "./operation";
import { PartialResourceError, type CreateResult } from "./partial";

export { PartialResourceError, type CreateResult } from "./partial";
import { deadlineFor } from "./timeouts";
import { progressReporter } from "./progress";
import { refinedFor } from "./refine";

type Props = Record<string, unknown>;

/** How long and with what words an operation waits; built once per operation. */
function waitOptions(entry: CatalogEntry, props: Props, intent: keyof Timeouts, operation: string): MutationOptions {
  return { operation, states: entry.states, ...deadlineFor(entry, props, intent), onProgress: progressReporter(operation) };
}

export async function create(entry: CatalogEntry, inputs: Props): Promise<CreateResult> {
  const endpoint = configuredEndpoint();
  const session = sessionFor(endpoint);
  const opts = waitOptions(entry, inputs, "create", `create ${entry.kind} "${inputs.name ?? ""}"`);
  if (typeof inputs[ADOPT] === "string") return adopt(await refinedFor(entry, session), session, inputs[ADOPT], inputs, opts);
  if (entry.operation) return createByOperation(entry, session, inputs, opts);
  const body = createBody(entry, await creatable(entry, session, inputs));
  const typeName = entry.create.wrapper === "self" ? entry.kind : entry.create.wrapper;
  let href: string | undefined;
  try {
    const outcome = await session.createIn(await collectionFor(entry, session, inputs, opts.operation), body, typeName, opts);
    href = outcome.href;
    if (!href) throw new CimiStateError("the server did not say where the new resource is (no Location, no affected resource)", { endpoint, operation: opts.operation });
    let doc = outcome.doc ?? (await session.getRequired(href, opts.operation));
    doc = await converge(entry, session, doc, inputs, opts);
    const { outputs } = await outputsOf(entry, doc, inputs, session);
    return { id: href, outs: outputs };
  } catch (e) {
    // If the resource exists, hand it to the engine so the stack knows it and can finish or delete it.
    href ??= e instanceof CimiError ? e.details.resourceHref : undefined;
    if (href && (await exists(session, href))) {
      throw new PartialResourceError(e as Error, href, { ...inputs, endpoint: session.endpoint });
    }
    throw e;
  }
}

/** Where a new resource is posted: its CEP collection, or the sub-collection of its parent. */
async function collectionFor(entry: CatalogEntry, session: Session, inputs: Props, operation: string): Promise<string> {
  if (!entry.parent) return session.collectionHref(entry.cepKey!);
  const { field, collection } = entry.parent;
  const parent = await session.getRequired(String(inputs[field]), operation);
  const href = getPath(parent, `${collection}.href`);
  if (typeof href !== "string") {
    throw new CimiStateError(`${parent.id ?? inputs[field]} has no "${collection}" collection to add a ${entry.kind} to`, { endpoint: session.endpoint, operation });
  }
  return session.resolve(href);
}

async function exists(session: Session, href: string): Promise<boolean> {
  try {
    return (await session.get(href)) !== undefined;
  } catch {
    return true; // cannot tell: better a stale record than an orphan
  }
}

export async function read(entry: CatalogEntry, id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
  // A package is no CIMI resource: nothing to read back.
  if (producesLocation(entry)) return { id, props };
  const session = sessionFor(endpointOf(props));
  const doc = await session.get(id, `refresh ${entry.kind} ${id}`);
  if (!doc) return { id: "", props: {} };
  const inputs = inputsOf(entry, props);
  const { outputs, inputs: refreshed } = await outputsOf(entry, doc, inputs, session);
  return { id, props: outputs, inputs: refreshed };
}

export async function update(entry: CatalogEntry, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  // Every input of a package replaces it but the local timeouts: nothing to send.
  if (producesLocation(entry)) return { outs: { ...olds, ...news } };
  const session = sessionFor(endpointOf(olds));
  const opts = waitOptions(entry, news, "update", `update ${entry.kind} ${id}`);
  try {
    // The edits this cloud takes in place (its ResourceMetadata may differ from the catalog).
    entry = await refinedFor(entry, session);
    let doc = await session.getRequired(id, opts.operation);
    doc = await applyEdits(entry, session, doc, olds, news, opts);
    doc = await runTriggers(entry, session, doc, olds, news, opts);
    doc = await converge(entry, session, doc, news, opts);
    const { outputs } = await outputsOf(entry, doc, news, session);
    return { outs: outputs };
  } catch (e) {
    // Keep what was true before, so a failed update loses nothing in the state.
    throw new PartialResourceError(e as Error, id, olds);
  }
}

export async function remove(entry: CatalogEntry, id: string, props: Props): Promise<void> {
  // A written package is the user's: CIMI has no operation to remove one.
  if (producesLocation(entry)) return;
  const session = sessionFor(endpointOf(props));
  const opts = waitOptions(entry, props, "delete", `delete ${entry.kind} ${id}`);
  let doc = await session.get(id, opts.operation);
  if (!doc) return; // already gone
  if (typeof doc.state === "string" && entry.states?.deleting?.includes(doc.state)) return session.awaitGone(doc, opts);
  doc = await settled(entry, session, doc, opts);
  // Some clouds only offer delete on a stopped machine (SPEC §17).
  if (!hasOperation(doc, "delete") && hasOperation(doc, "stop") && entry.actions?.stop) {
    await session.action(doc, "stop", {}, { ...opts, expectState: entry.actions.stop.to });
    doc = (await session.get(id, opts.operation)) ?? doc;
  }
  await session.delete(doc, opts);
}

function endpointOf(props: Props): string {
  return typeof props.endpoint === "string" && props.endpoint ? props.endpoint : configuredEndpoint();
}

/** The input part of stored outputs. */
function inputsOf(entry: CatalogEntry, props: Props): Props {
  const out: Props = {};
  for (const [name, field] of Object.entries(entry.fields)) {
    if (field.input && props[name] !== undefined) out[name] = props[name];
  }
  return out;
}
