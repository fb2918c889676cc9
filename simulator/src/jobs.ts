// Job lifecycle, computed lazily from timestamps (no timers): QUEUED -> RUNNING -> SUCCESS once
// durationMs has elapsed since creation; `advance` applies the effects of every job that is due.
import { typeURI } from "../../provider/src/catalog";
import type { Doc, Effect, JobRecord, Store } from "./store";
import { removeResource } from "./lifecycle";
import { setState } from "./monitoring";

export const JOBS = "jobs";

export interface JobSpec {
  name: string;
  action: string;
  target: string;
  affected: string[];
  effect: Effect;
}

export function startJob(store: Store, spec: JobSpec, durationMs: number, now: number): JobRecord {
  const id = store.nextId("j");
  const job: JobRecord = { id, ...spec, created: now, durationMs: Math.max(0, durationMs), done: false };
  store.state.jobs[id] = job;
  store.pendingJobs.push(id);
  store.touch();
  advance(store, now);
  return job;
}

/** Complete every job whose deadline has passed, in creation order, applying its effect. */
export function advance(store: Store, now: number): void {
  const pending = store.pendingJobs;
  for (let i = 0; i < pending.length; ) {
    const job = store.state.jobs[pending[i]];
    if (job && !job.done && now < job.created + job.durationMs) {
      i++;
      continue;
    }
    if (job && !job.done) {
      applyEffect(store, job.effect, new Date(job.created + job.durationMs).toISOString());
      job.done = true;
      store.touch();
    }
    pending.splice(i, 1);
  }
}

function applyEffect(store: Store, effect: Effect, at: string): void {
  if (effect.type === "delete") removeResource(store, effect.path);
  if (effect.type === "state") {
    const found = store.byPath(effect.path);
    // Only if nothing else (e.g. a delete) moved the resource on meanwhile.
    if (found && found.doc.state === effect.from) setState(store, effect.path, found.doc, effect.to, at);
  }
}

const queuedFor = (job: JobRecord): number => Math.min(50, job.durationMs / 5);

/** The Job document as of `now` (relative hrefs). */
export function jobDoc(job: JobRecord, now: number): Doc {
  const elapsed = now - job.created;
  let state: string;
  let changed: number;
  let progress: number;
  if (job.done) {
    [state, changed, progress] = ["SUCCESS", job.created + job.durationMs, 100];
  } else if (elapsed < queuedFor(job)) {
    [state, changed, progress] = ["QUEUED", job.created, 0];
  } else {
    [state, changed, progress] = ["RUNNING", job.created + queuedFor(job), Math.min(99, Math.floor((elapsed / job.durationMs) * 100))];
  }
  const iso = new Date(changed).toISOString();
  return {
    resourceURI: typeURI("Job"),
    id: `${JOBS}/${job.id}`,
    name: job.name,
    created: new Date(job.created).toISOString(),
    updated: iso,
    state,
    targetResource: { href: job.target },
    affectedResources: job.affected.map((href) => ({ href })),
    action: job.action,
    progress,
    ...(job.done ? { returnCode: 0, statusMessage: `${job.name}: done` } : {}),
    timeOfStatusChange: iso,
    operations: [],
  };
}
