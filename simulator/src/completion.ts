// The one switch for how a mutating call that takes time reports completion (SPEC §7.1), per the
// cloud's `completion` behaviour. The work itself always runs as a job record (jobs.ts): that is
// the timeline even when the cloud exposes no Jobs. Hrefs here are relative; wire.ts writes them.
import type { Ctx, SimConfig } from "./context";
import type { Reply } from "./http";
import type { Doc } from "./store";
import { JOBS, jobDoc, startJob, type JobSpec } from "./jobs";
import { entryByCepKey } from "./kinds";
import { resourceDoc } from "./render";

/** Whether the cloud has Job resources (CEP `jobs`, CIMI-Job-URI). */
export const exposesJobs = (config: SimConfig): boolean => config.completion !== "none";

/** The resource at `path` as served now. */
function served(ctx: Ctx, path: string): Doc | undefined {
  const found = ctx.store.byPath(path);
  if (!found) return undefined;
  const e = entryByCepKey(found.key);
  return e ? resourceDoc(e.kind, e, found.doc) : found.doc;
}

/**
 * Start the work described by `spec` on the resource at `location` and answer:
 * - jobs: 202 + CIMI-Job-URI + Location, the Job as body;
 * - created-running: a create answers 201 + Location + the new resource + CIMI-Job-URI of the
 *   still running Job (StratusLab); anything else 202 + CIMI-Job-URI + the Job;
 * - none: 202 + Location and an empty body, the resource's state moves on and clients poll it;
 *   work with nothing left to happen (an edit) is answered as done, 200 (201 for a create).
 */
export function completionReply(ctx: Ctx, spec: JobSpec, location: string): Reply {
  const now = ctx.now.getTime();
  const creating = spec.action === "add";
  if (ctx.config.completion === "none") {
    if (spec.effect.type === "none") return { status: creating ? 201 : 200, headers: { Location: location }, body: served(ctx, location) };
    startJob(ctx.store, spec, ctx.config.jobDurationMs, now);
    return { status: 202, headers: { Location: location } };
  }
  const job = startJob(ctx.store, spec, ctx.config.jobDurationMs, now);
  const jobURI = `${JOBS}/${job.id}`;
  if (ctx.config.completion === "created-running") {
    if (creating) return { status: 201, headers: { Location: location, "CIMI-Job-URI": jobURI }, body: served(ctx, location) };
    // A Location other than the target is what the work produced (an export's package, SPEC §15.1).
    const produced: Record<string, string> = location !== spec.target ? { Location: location } : {};
    return { status: 202, headers: { "CIMI-Job-URI": jobURI, ...produced }, body: jobDoc(job, now) };
  }
  return { status: 202, headers: { "CIMI-Job-URI": jobURI, Location: location }, body: jobDoc(job, now) };
}
