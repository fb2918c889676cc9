// GET /cimi/jobs and /cimi/jobs/<id>
import type { Handler } from "../context";
import { notFound } from "../http";
import { collectionDoc } from "../render";
import { applyFilters } from "../filter";
import { JOBS, jobDoc } from "../jobs";
import { docReply } from "./replies";
import { exposesJobs } from "../completion";

export const listJobs: Handler = (req, _params, ctx) => {
  if (!exposesJobs(ctx.config)) throw notFound(`this cloud has no Jobs`);
  const now = ctx.now.getTime();
  const items = Object.values(ctx.store.state.jobs).map((j) => jobDoc(j, now));
  return docReply(ctx, collectionDoc("Job", "jobs", JOBS, applyFilters(items, req.query)));
};

export const getJob: Handler = (_req, { id }, ctx) => {
  const job = exposesJobs(ctx.config) ? ctx.store.state.jobs[id] : undefined;
  if (!job) throw notFound(`Job ${ctx.links.abs(`${JOBS}/${id}`)} does not exist`);
  return docReply(ctx, jobDoc(job, ctx.now.getTime()));
};
