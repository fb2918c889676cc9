// The one completion routine for every PUT, POST and DELETE (SPEC §7.2):
// follow CIMI-Job-URI whatever the status; without a Job, poll the resource's own state;
// every wait has a deadline. Clock and sleep are injected so tests do not sleep.
import type { Doc } from "./codec";
import type { StateGroups } from "../catalog/types";

export type Intent = "create" | "update" | "action" | "delete";

/** What the server answered to the mutating request, already parsed. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  doc?: Doc;
}

export interface CompletionContext {
  intent: Intent;
  /** Href of the resource acted on (not used for create). */
  target?: string;
  /** Lifecycle states of the kind; absent for kinds with nothing to await. */
  states?: StateGroups;
  /** For actions: the state the resource must reach. */
  expectState?: string;
  /** GET a document; `undefined` when the server answers 404. */
  fetch(href: string): Promise<Doc | undefined>;
  /** Makes a URI from a response absolute (relative ones are resolved against baseURI). */
  resolve(href: string): string;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Epoch milliseconds after which waiting stops. */
  deadline: number;
  poll: PollPolicy;
  onProgress?(message: string): void;
}

export interface PollPolicy {
  /** First pause between two polls. */
  minMs: number;
  /** Longest pause between two polls. */
  maxMs: number;
  /** Pause as a share of the time already waited, so latency stays proportional. */
  ratio: number;
  /** Random spread applied to every pause (0.1 = ±10%). */
  jitter: number;
}

// A job finishing after t seconds is seen within ~8% of t (jitter included) without polling
// more than ten times a second.
export const DEFAULT_POLL: PollPolicy = { minMs: 100, maxMs: 2000, ratio: 0.08, jitter: 0.1 };

export type Outcome =
  /** Finished: `href` of the created or affected resource, `doc` its last document if read. */
  | { kind: "done"; href?: string; doc?: Doc; job?: Doc }
  /** A Job ended FAILED/STOPPED, or the resource reached a failed state. */
  | { kind: "failed"; message: string; job?: Doc; doc?: Doc; href?: string }
  /** The deadline passed; `waitingFor` says what is still running and where. */
  | { kind: "timeout"; waitingFor: string; lastState?: string; href?: string; job?: Doc };

const JOB_FINAL_OK = ["SUCCESS"];
const JOB_FINAL_BAD = ["FAILED", "STOPPED", "CANCELLED"];

/** Reads a Job's state, falling back to the pre-1.0 `status` attribute. */
export function jobState(job: Doc): string | undefined {
  const s = job.state ?? job.status;
  return typeof s === "string" ? s.toUpperCase() : undefined;
}

export function header(headers: Record<string, string>, name: string): string | undefined {
  return headers[name] ?? headers[`x-${name}`];
}

export async function complete(reply: Reply, ctx: CompletionContext): Promise<Outcome> {
  const location = header(reply.headers, "location");
  const jobUri = header(reply.headers, "cimi-job-uri");
  const created = ctx.intent === "create" ? (location ? ctx.resolve(location) : bodyId(reply.doc, ctx)) : undefined;
  const subject = ctx.intent === "create" ? created : ctx.target;

  if (jobUri) {
    const job = await followJob(ctx.resolve(jobUri), ctx, subject);
    if (job.kind !== "done") return job;
    const href = subject ?? (ctx.intent === "create" ? createdFromJob(job.job, ctx) : undefined);
    return settle(href, ctx, job.job);
  }
  // No Job: the status code and the resource's own state tell the outcome.
  if (reply.status === 202 || hasTransitionalState(reply.doc, ctx)) return settle(subject, ctx);
  if (ctx.intent === "delete") return { kind: "done", href: subject };
  return { kind: "done", href: subject, doc: isResource(reply.doc) ? reply.doc : undefined };
}

/** Polls a Job until it is final. A Job that vanishes (404) after being seen is taken as expired. */
async function followJob(href: string, ctx: CompletionContext, subject: string | undefined): Promise<Outcome & { job?: Doc }> {
  let last: Doc | undefined;
  const waited = waiter(ctx);
  for (;;) {
    const job = await ctx.fetch(href);
    if (!job) {
      // Expired after completion (JobRetention): the resource itself tells what happened.
      if (last) return { kind: "done", job: last };
      return { kind: "failed", message: `job ${href} does not exist` };
    }
    last = job;
    const state = jobState(job);
    if (state && JOB_FINAL_OK.includes(state)) return { kind: "done", job };
    if (state && JOB_FINAL_BAD.includes(state)) {
      return { kind: "failed", message: await jobMessage(job, ctx), job, href: subject };
    }
    const progress = numberOf(job.progress) !== undefined ? ` ${numberOf(job.progress)}%` : "";
    ctx.onProgress?.(`job ${state ?? "?"}${progress}${job.statusMessage ? `: ${job.statusMessage}` : ""}`);
    if (!(await waited())) {
      return { kind: "timeout", waitingFor: `job ${href} (${state ?? "no state"})`, lastState: state, job, href: subject };
    }
  }
}

/** Waits until the resource is in a stable state (or gone, for delete). */
async function settle(href: string | undefined, ctx: CompletionContext, job?: Doc): Promise<Outcome> {
  if (!href) return { kind: "done", job };
  if (!ctx.states && ctx.intent !== "delete") return { kind: "done", href, job };
  const waited = waiter(ctx);
  let lastState: string | undefined;
  for (;;) {
    const doc = await ctx.fetch(href);
    if (!doc) {
      if (ctx.intent === "delete") return { kind: "done", href, job };
      return { kind: "failed", message: `${href} disappeared while waiting for it`, job };
    }
    if (ctx.intent === "delete" && !ctx.states) {
      // Nothing to await but its disappearance.
    } else {
      const state = typeof doc.state === "string" ? doc.state : undefined;
      lastState = state;
      const groups = ctx.states;
      if (state && groups?.failed.includes(state)) {
        return { kind: "failed", message: `${href} entered state ${state}`, doc, href, job };
      }
      if (ctx.intent !== "delete") {
        const reached = ctx.expectState ? state === ctx.expectState : !state || groups!.stable.includes(state);
        if (reached) return { kind: "done", href, doc, job };
        // An action that lands in another stable state (e.g. refused quietly) is not success.
        if (ctx.expectState && state && groups!.stable.includes(state) && job) {
          return { kind: "failed", message: `${href} is ${state}, expected ${ctx.expectState}`, doc, href, job };
        }
      }
      ctx.onProgress?.(`${href} is ${state ?? "in no state yet"}`);
    }
    if (!(await waited())) {
      const what = ctx.intent === "delete" ? "deletion of" : ctx.expectState ? `${ctx.expectState} of` : "a stable state of";
      return { kind: "timeout", waitingFor: `${what} ${href}`, lastState, href, job };
    }
  }
}

/** Returns a function that pauses before the next poll, or answers false once past the deadline. */
function waiter(ctx: CompletionContext): () => Promise<boolean> {
  const start = ctx.now();
  return async () => {
    const now = ctx.now();
    if (now >= ctx.deadline) return false;
    const { minMs, maxMs, ratio, jitter } = ctx.poll;
    const base = Math.min(maxMs, Math.max(minMs, (now - start) * ratio));
    const pause = Math.min(base * (1 + jitter * (2 * Math.random() - 1)), ctx.deadline - now);
    await ctx.sleep(pause);
    return true;
  };
}

/** A failed Job's message, with those of failed nested Jobs (SPEC §7.3). */
async function jobMessage(job: Doc, ctx: CompletionContext): Promise<string> {
  const own = typeof job.statusMessage === "string" && job.statusMessage ? job.statusMessage : `job ${jobState(job)}`;
  const nested = Array.isArray(job.nestedJobs) ? (job.nestedJobs as Doc[]) : [];
  const reasons: string[] = [];
  for (const n of nested.slice(0, 10)) {
    const doc = typeof n.href === "string" && !n.state ? await ctx.fetch(ctx.resolve(n.href)).catch(() => undefined) : n;
    if (doc && JOB_FINAL_BAD.includes(jobState(doc) ?? "") && typeof doc.statusMessage === "string") reasons.push(doc.statusMessage);
  }
  return reasons.length ? `${own} (${reasons.join("; ")})` : own;
}

/** For an `add`, the new resource is the affected resource that is not the target collection. */
function createdFromJob(job: Doc | undefined, ctx: CompletionContext): string | undefined {
  if (!job) return undefined;
  const target = (job.targetResource as Doc | undefined)?.href;
  const affected = Array.isArray(job.affectedResources) ? (job.affectedResources as Doc[]) : [];
  const found = affected.map((r) => r.href).find((h) => typeof h === "string" && h !== target);
  return typeof found === "string" ? ctx.resolve(found) : undefined;
}

function bodyId(doc: Doc | undefined, ctx: CompletionContext): string | undefined {
  return isResource(doc) && typeof doc!.id === "string" && doc!.id ? ctx.resolve(doc!.id as string) : undefined;
}

/** A body that is the resource itself rather than a Job. */
function isResource(doc: Doc | undefined): boolean {
  return !!doc && !(typeof doc.resourceURI === "string" && doc.resourceURI.endsWith("/Job"));
}

function hasTransitionalState(doc: Doc | undefined, ctx: CompletionContext): boolean {
  if (!doc || !isResource(doc) || !ctx.states || typeof doc.state !== "string") return false;
  return !ctx.states.stable.includes(doc.state) && !ctx.states.failed.includes(doc.state);
}

/** A number some servers send as text (`"40"`), or undefined. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}
