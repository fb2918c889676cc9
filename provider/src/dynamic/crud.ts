// The generic create/read/update/delete of any catalog kind. Nothing here is per resource type.
import type { CatalogEntry } from "../catalog/types";
import { CimiError, CimiInputError, CimiStateError, type Doc, type MutationOptions, type Session } from "../client";
import { ADOPT } from "../catalog/common";
import type { Timeouts } from "../catalog/types";
import { configuredEndpoint, sessionFor } from "./config";
import { createBody, decode, getPath, outputsOf, updateBody } from "./wire";
import { deadlineFor } from "./timeouts";
import { progressReporter } from "./progress";
import { sameValue } from "./diff";

type Props = Record<string, unknown>;

export interface CreateResult {
  id: string;
  outs: Props;
}

/** An error that tells the engine a resource exists although the operation failed. */
export class PartialResourceError extends Error {
  constructor(
    cause: Error,
    readonly id: string,
    readonly properties: Props,
  ) {
    super(cause.message, { cause });
    this.name = "PartialResourceError";
  }
  get reasons(): string[] {
    return [this.message];
  }
}

/** How long and with what words an operation waits; built once per operation. */
function waitOptions(entry: CatalogEntry, props: Props, intent: keyof Timeouts, operation: string): MutationOptions {
  return { operation, states: entry.states, ...deadlineFor(entry, props, intent), onProgress: progressReporter(operation) };
}

export async function create(entry: CatalogEntry, inputs: Props): Promise<CreateResult> {
  const endpoint = configuredEndpoint();
  const session = sessionFor(endpoint);
  const opts = waitOptions(entry, inputs, "create", `create ${entry.kind} "${inputs.name ?? ""}"`);
  if (typeof inputs[ADOPT] === "string") return adopt(entry, session, inputs[ADOPT], inputs, opts);
  const body = createBody(entry, inputs);
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

/**
 * Takes over an existing resource instead of creating one (dynamic providers cannot import):
 * the inputs given are applied to it as an update would, nothing else is touched.
 */
async function adopt(entry: CatalogEntry, session: Session, href: string, inputs: Props, opts: MutationOptions): Promise<CreateResult> {
  let doc = await session.getRequired(href, opts.operation);
  const type = typeof doc.resourceURI === "string" ? doc.resourceURI.split("/").pop() : entry.kind;
  if (type !== entry.kind) throw new CimiInputError(`${entry.kind}.${ADOPT}: ${href} is a ${type}, not a ${entry.kind}`);
  try {
    const current: Props = {};
    for (const [name, f] of Object.entries(entry.fields)) if (f.read && inputs[name] !== undefined) current[name] = decode(f.type, getPath(doc, f.read));
    doc = await applyEdits(entry, session, doc, current, inputs, opts);
    doc = await converge(entry, session, doc, inputs, opts);
    const { outputs } = await outputsOf(entry, doc, inputs, session);
    return { id: href, outs: outputs };
  } catch (e) {
    // It is ours now: the stack must keep it even if applying the inputs failed.
    throw new PartialResourceError(e as Error, href, { ...inputs, endpoint: session.endpoint });
  }
}

async function exists(session: Session, href: string): Promise<boolean> {
  try {
    return (await session.get(href)) !== undefined;
  } catch {
    return true; // cannot tell: better a stale record than an orphan
  }
}

export async function read(entry: CatalogEntry, id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
  const session = sessionFor(endpointOf(props));
  const doc = await session.get(id, `refresh ${entry.kind} ${id}`);
  if (!doc) return { id: "", props: {} };
  const inputs = inputsOf(entry, props);
  const { outputs, inputs: refreshed } = await outputsOf(entry, doc, inputs, session);
  return { id, props: outputs, inputs: refreshed };
}

export async function update(entry: CatalogEntry, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const session = sessionFor(endpointOf(olds));
  const opts = waitOptions(entry, news, "update", `update ${entry.kind} ${id}`);
  try {
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

/** PUTs the updatable fields whose value differs from `current`; returns the document after. */
async function applyEdits(entry: CatalogEntry, session: Session, doc: Doc, current: Props, news: Props, opts: MutationOptions): Promise<Doc> {
  const edits = Object.entries(entry.fields)
    .filter(([name, f]) => f.input?.change === "update" && !sameValue(current[name], news[name]))
    .map(([name]) => name);
  if (edits.length === 0) return doc;
  doc = await settled(entry, session, doc, opts);
  await session.update(doc, updateBody(entry, doc, news, edits), entry.kind, opts);
  return session.getRequired(String(doc.id), opts.operation);
}

/** Runs the operation of every trigger input whose value changed (a machine's restart). */
async function runTriggers(entry: CatalogEntry, session: Session, doc: Doc, olds: Props, news: Props, opts: MutationOptions): Promise<Doc> {
  for (const [name, f] of Object.entries(entry.fields)) {
    if (f.input?.change !== "trigger" || !f.trigger || news[name] === undefined || sameValue(olds[name], news[name])) continue;
    doc = await settled(entry, session, doc, opts);
    const spec = entry.actions?.[f.trigger];
    if (!spec || !hasOperation(doc, f.trigger)) {
      // Nothing to run now (a paused machine cannot restart); the new value is recorded all the same.
      console.error(`${opts.operation}: ${name} changed but ${doc.id} does not offer "${f.trigger}" while ${String(doc.state)}; not run`);
      continue;
    }
    await session.action(doc, f.trigger, {}, { ...opts, expectState: spec.to });
    doc = await session.getRequired(String(doc.id), opts.operation);
  }
  return doc;
}

export async function remove(entry: CatalogEntry, id: string, props: Props): Promise<void> {
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

/** The document once the resource is in a stable state: operations are only offered then. */
async function settled(entry: CatalogEntry, session: Session, doc: Doc, opts: MutationOptions): Promise<Doc> {
  const states = entry.states;
  if (!states || typeof doc.state !== "string" || states.stable.includes(doc.state) || states.failed.includes(doc.state)) return doc;
  return session.awaitState(doc, opts);
}

/** Drives the desired state (e.g. a machine's STARTED/STOPPED) through the operations offered. */
async function converge(entry: CatalogEntry, session: Session, doc: Doc, inputs: Props, opts: MutationOptions): Promise<Doc> {
  const spec = entry.desiredState;
  const desired = spec ? inputs[spec.field] : undefined;
  if (!spec || typeof desired !== "string" || !entry.actions) return doc;
  const label = opts.operation;
  for (let step = 0; step < 3 && doc.state !== desired; step++) {
    doc = await settled(entry, session, doc, opts);
    if (doc.state === desired) break;
    const state = String(doc.state);
    const name = spec.actions[desired];
    // pause/suspend need a running machine: start it first.
    const action = entry.actions[name].from.includes(state) ? name : entry.actions.start?.from.includes(state) ? "start" : name;
    await session.action(doc, action, {}, { ...opts, expectState: entry.actions[action].to });
    doc = await session.getRequired(String(doc.id), label);
  }
  if (doc.state !== desired) {
    throw new CimiStateError(`could not bring ${doc.id} to ${desired}`, { endpoint: session.endpoint, operation: label, lastState: String(doc.state) });
  }
  return doc;
}

function hasOperation(doc: Doc, name: string): boolean {
  return Array.isArray(doc.operations) && (doc.operations as Doc[]).some((o) => String(o.rel).split("/").pop() === name);
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
