// Every row of SPEC §7.1 and the observed server behaviours, replayed against the completion
// routine with a fake clock: the server is a script of documents per href.
import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { complete, DEFAULT_POLL } = dist("provider/src/client/completion.js");
const { Machine } = dist("provider/src/catalog/compute.js");

const BASE = "https://cloud.example.com/cimi/";
type Doc = Record<string, unknown>;

/** A scripted server: each GET of an href returns the next document of its list (the last repeats). */
function scripted(script: Record<string, (Doc | undefined)[]>, opts: { deadlineMs?: number } = {}) {
  let clock = 0;
  const gets: string[] = [];
  const ctx = {
    fetch: async (href: string) => {
      gets.push(href);
      const list = script[href];
      if (!list) return undefined;
      return list.length > 1 ? list.shift() : list[0];
    },
    resolve: (href: string) => new URL(href, BASE).toString(),
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
    deadline: opts.deadlineMs ?? 60_000,
    poll: DEFAULT_POLL,
  };
  return { ctx, gets, elapsed: () => clock };
}

const job = (state: string, extra: Doc = {}): Doc => ({ resourceURI: "http://schemas.dmtf.org/cimi/1/Job", id: `${BASE}jobs/j-1`, state, ...extra });
const machine = (state: string): Doc => ({ id: `${BASE}machines/m-1`, state, operations: [] });
const M = `${BASE}machines/m-1`;
const J = `${BASE}jobs/j-1`;
const create = { intent: "create", states: Machine.states };

describe("completion of mutating calls (SPEC §7.1)", () => {
  it("201 + Location, no Job: finished synchronously", async () => {
    const s = scripted({});
    const out = await complete({ status: 201, headers: { location: M }, doc: machine("STARTED") }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", href: M });
    expect(s.gets).toEqual([]);
  });

  it("201 + Location + CIMI-Job-URI of a completed Job", async () => {
    const s = scripted({ [J]: [job("SUCCESS")], [M]: [machine("STOPPED")] });
    const out = await complete({ status: 201, headers: { location: M, "cimi-job-uri": J } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", href: M });
    expect(s.gets).toEqual([J, M]);
  });

  it("201 + a Job still running (StratusLab): the Job is followed anyway", async () => {
    const s = scripted({ [J]: [job("QUEUED"), job("RUNNING"), job("SUCCESS")], [M]: [machine("STARTED")] });
    const out = await complete({ status: 201, headers: { location: "machines/m-1", "cimi-job-uri": "jobs/j-1" } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", href: M });
    expect(s.gets.filter((g) => g === J)).toHaveLength(3);
  });

  it("200 on an update finished synchronously", async () => {
    const s = scripted({});
    const out = await complete({ status: 200, headers: {}, doc: machine("STARTED") }, { ...s.ctx, intent: "update", target: M, states: Machine.states });
    expect(out).toMatchObject({ kind: "done", href: M });
    expect(s.gets).toEqual([]);
  });

  it("204 (tolerated) on a delete finished synchronously", async () => {
    const s = scripted({});
    const out = await complete({ status: 204, headers: {} }, { ...s.ctx, intent: "delete", target: M, states: Machine.states });
    expect(out).toMatchObject({ kind: "done" });
  });

  it("202 + CIMI-Job-URI + Location: Job followed, then the machine read", async () => {
    const s = scripted({ [J]: [job("RUNNING", { progress: 40 }), job("SUCCESS")], [M]: [machine("STARTED")] });
    const out = await complete({ status: 202, headers: { location: M, "cimi-job-uri": J }, doc: job("RUNNING") }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", href: M, doc: { state: "STARTED" } });
  });

  it("202 + Job without Location: the new resource comes from affectedResources", async () => {
    const done = job("SUCCESS", { targetResource: { href: `${BASE}machines` }, affectedResources: [{ href: `${BASE}machines` }, { href: "machines/m-1" }] });
    const s = scripted({ [J]: [done], [M]: [machine("STARTED")] });
    const out = await complete({ status: 202, headers: { "cimi-job-uri": J } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", href: M });
  });

  it("202 without Jobs (Deltacloud): the resource's own state is polled", async () => {
    const s = scripted({ [M]: [machine("CREATING"), machine("CREATING"), machine("STARTED")] });
    const out = await complete({ status: 202, headers: { location: M } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", href: M, doc: { state: "STARTED" } });
    expect(s.gets).toHaveLength(3);
  });

  it("201 with a transitional state in the body and no Job: polled too", async () => {
    const s = scripted({ [M]: [machine("STARTED")] });
    const out = await complete({ status: 201, headers: { location: M }, doc: machine("CREATING") }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", doc: { state: "STARTED" } });
  });

  it("202 on an action without Jobs: polled until the expected state", async () => {
    const s = scripted({ [M]: [machine("STARTED"), machine("STOPPING"), machine("STOPPED")] });
    const out = await complete({ status: 202, headers: {} }, { ...s.ctx, intent: "action", target: M, states: Machine.states, expectState: "STOPPED" });
    expect(out).toMatchObject({ kind: "done", doc: { state: "STOPPED" } });
  });

  it("202 on a delete without Jobs: done when the resource answers 404", async () => {
    const s = scripted({ [M]: [machine("DELETING"), machine("DELETING"), undefined] });
    const out = await complete({ status: 202, headers: {} }, { ...s.ctx, intent: "delete", target: M, states: Machine.states });
    expect(out).toMatchObject({ kind: "done" });
  });

  it("a FAILED Job becomes a failure carrying its message and those of failed nested Jobs", async () => {
    const failed = job("FAILED", { statusMessage: "quota exceeded", returnCode: 10042, nestedJobs: [{ href: "jobs/j-2" }, { href: "jobs/j-3" }] });
    const s = scripted({
      [J]: [failed],
      [`${BASE}jobs/j-2`]: [{ state: "SUCCESS" }],
      [`${BASE}jobs/j-3`]: [{ state: "FAILED", statusMessage: "no IP left in network n-1" }],
    });
    const out = await complete({ status: 202, headers: { "cimi-job-uri": J, location: M } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "failed", href: M, job: { returnCode: 10042 } });
    expect(out.message).toBe("quota exceeded (no IP left in network n-1)");
  });

  it("a STOPPED Job is a failure", async () => {
    const s = scripted({ [J]: [job("STOPPED", { statusMessage: "cancelled by admin" })] });
    const out = await complete({ status: 202, headers: { "cimi-job-uri": J } }, { ...s.ctx, intent: "action", target: M, states: Machine.states, expectState: "STARTED" });
    expect(out).toMatchObject({ kind: "failed", message: "cancelled by admin" });
  });

  it("reads `status` where an old server sends it instead of `state`, and Sirocco's CANCELLED", async () => {
    const s = scripted({ [J]: [{ status: "RUNNING" }, { status: "SUCCESS" }], [M]: [machine("STARTED")] });
    expect(await complete({ status: 202, headers: { "x-cimi-job-uri": J, location: M } }, { ...s.ctx, ...create })).toMatchObject({ kind: "done" });
    const t = scripted({ [J]: [{ status: "CANCELLED" }] });
    expect(await complete({ status: 202, headers: { "cimi-job-uri": J } }, { ...t.ctx, intent: "delete", target: M })).toMatchObject({ kind: "failed" });
  });

  it("a Job that expires (404) after it was seen: the resource tells the outcome", async () => {
    const s = scripted({ [J]: [job("RUNNING"), undefined], [M]: [machine("STARTED")] });
    const out = await complete({ status: 202, headers: { "cimi-job-uri": J, location: M } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "done", href: M });
  });

  it("a resource that lands in ERROR is a failure naming it", async () => {
    const s = scripted({ [M]: [machine("CREATING"), machine("ERROR")] });
    const out = await complete({ status: 202, headers: { location: M } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "failed", href: M });
    expect(out.message).toContain("ERROR");
  });

  it("stops at the deadline and says what is still running and where", async () => {
    const s = scripted({ [J]: [job("RUNNING")] }, { deadlineMs: 5_000 });
    const out = await complete({ status: 202, headers: { "cimi-job-uri": J, location: M } }, { ...s.ctx, ...create });
    expect(out).toMatchObject({ kind: "timeout", lastState: "RUNNING", href: M });
    expect(out.waitingFor).toContain(J);
    expect(s.elapsed()).toBeLessThanOrEqual(5_000);
  });

  it("polls at a pace proportional to the time waited, never beyond the ceiling", async () => {
    const many = Array.from({ length: 400 }, () => job("RUNNING"));
    const s = scripted({ [J]: [...many, job("SUCCESS")], [M]: [machine("STARTED")] }, { deadlineMs: 10 * 60_000 });
    await complete({ status: 202, headers: { "cimi-job-uri": J, location: M } }, { ...s.ctx, ...create });
    // 400 polls with pauses growing to 2 s: bounded by the ceiling.
    expect(s.elapsed()).toBeLessThan(400 * DEFAULT_POLL.maxMs * 1.1);
    expect(s.elapsed()).toBeGreaterThan(60_000);
  });
});
