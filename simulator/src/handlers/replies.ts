// Replies shared by the handlers: documents with absolute URIs, and 202 + Job for async work.
import { json, type Reply } from "../http";
import type { Ctx } from "../context";
import type { Doc } from "../store";
import { JOBS, jobDoc, startJob, type JobSpec } from "../jobs";

export function docReply(ctx: Ctx, doc: Doc, status = 200, headers: Record<string, string> = {}): Reply {
  return json(status, ctx.links.absolutize(doc), headers);
}

/**
 * Start a job and answer 202 with the Job, `CIMI-Job-URI` and `Location` (the resource). Without
 * Jobs (Deltacloud style) the work runs the same way but the answer is 202 + Location only.
 */
export function jobReply(ctx: Ctx, spec: JobSpec, location: string): Reply {
  const now = ctx.now.getTime();
  const job = startJob(ctx.store, spec, ctx.config.jobDurationMs, now);
  if (!ctx.config.jobs) return json(202, undefined, { Location: ctx.links.abs(location) });
  return docReply(ctx, jobDoc(job, now), 202, {
    "CIMI-Job-URI": ctx.links.abs(`${JOBS}/${job.id}`),
    Location: ctx.links.abs(location),
  });
}
