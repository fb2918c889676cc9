// Bringing an existing resource to its inputs, in place: PUT the edited fields, run the operations
// that changed triggers ask for, and reach the desired state through the operations offered.
import { documentKind, type CatalogEntry } from "../catalog/types";
import { CimiError, CimiStateError, type Doc, type MutationOptions, type Session } from "../client";
import { updateBody } from "./wire";
import { sameValue } from "./diff";

type Props = Record<string, unknown>;

/** PUTs the updatable fields whose value differs from `current`; returns the document after. */
export async function applyEdits(entry: CatalogEntry, session: Session, doc: Doc, current: Props, news: Props, opts: MutationOptions): Promise<Doc> {
  const edits = Object.entries(entry.fields)
    .filter(([name, f]) => f.input?.change === "update" && !sameValue(current[name], news[name]))
    .map(([name]) => name);
  if (edits.length === 0) return doc;
  doc = await settled(entry, session, doc, opts);
  await session.update(doc, updateBody(entry, doc, news, edits), documentKind(entry), opts);
  return session.getRequired(String(doc.id), opts.operation);
}

/** Runs the operation of every trigger input whose value changed (a machine's restart). */
export async function runTriggers(entry: CatalogEntry, session: Session, doc: Doc, olds: Props, news: Props, opts: MutationOptions): Promise<Doc> {
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

/** The document once the resource is in a stable state: operations are only offered then. */
export async function settled(entry: CatalogEntry, session: Session, doc: Doc, opts: MutationOptions): Promise<Doc> {
  const states = entry.states;
  if (!states || typeof doc.state !== "string" || states.stable.includes(doc.state) || states.failed.includes(doc.state)) return doc;
  return session.awaitState(doc, opts);
}

/**
 * The inputs a create sends: a desired state the cloud does not let new resources start in (its
 * InitialStates capability, SPEC §13) is left out, and converge() reaches it afterwards.
 */
export async function creatable(entry: CatalogEntry, session: Session, inputs: Props): Promise<Props> {
  const field = entry.desiredState?.field;
  const desired = field ? inputs[field] : undefined;
  if (!field || typeof desired !== "string" || !entry.fields[field]?.create) return inputs;
  let listed: string | undefined;
  try {
    listed = (await session.capabilities(documentKind(entry))).InitialStates;
  } catch (e) {
    if (e instanceof CimiError) return inputs; // cannot tell: the cloud will say
    throw e;
  }
  const allowed = listed?.split(",").map((x) => x.trim().toUpperCase());
  if (!allowed || allowed.includes(desired.toUpperCase())) return inputs;
  const { [field]: _later, ...rest } = inputs;
  return rest;
}

/** Drives the desired state (e.g. a machine's STARTED/STOPPED) through the operations offered. */
export async function converge(entry: CatalogEntry, session: Session, doc: Doc, inputs: Props, opts: MutationOptions): Promise<Doc> {
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

export function hasOperation(doc: Doc, name: string): boolean {
  return Array.isArray(doc.operations) && (doc.operations as Doc[]).some((o) => String(o.rel).split("/").pop() === name);
}
