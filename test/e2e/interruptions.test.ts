// The endpoint goes away in the middle of a create: nothing may be lost or made twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { byName, machines, requests, session, simulator, type RunningSimulator } from "../helpers/simulator";

const TYPE = "pulumi-nodejs:dynamic/cimi:Machine";
const until = async (what: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 100));
};

describe.sequential("a create interrupted by the endpoint going away (real Pulumi CLI)", () => {
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cimi-sim-")), "state.json");
  let sim: RunningSimulator & { port?: number };
  let port: number;
  let stack: PulumiStack;
  let template: string;

  const restart = async () => {
    sim = await simulator({ port, stateFile, jobDurationMs: 3000 });
  };
  const count = async () => {
    const s = session(sim.url);
    try {
      return (await machines(s)).length;
    } finally {
      await s.close();
    }
  };
  const posted = async () => (await requests(sim)).some((r) => r.method === "POST");

  beforeAll(async () => {
    sim = await simulator({ stateFile, jobDurationMs: 3000 });
    port = Number(new URL(sim.url).port);
    const s = session(sim.url);
    template = await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu");
    await s.close();
    stack = new PulumiStack("test/e2e/programs/machine", `interrupt-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url, args: JSON.stringify({ template, state: "STARTED" }) });
  });

  afterAll(() => tearDown(stack, sim));

  it("an outage shorter than the timeout: the create waits it out and finishes", async () => {
    const up = stack.run(["up", "--yes", "--skip-preview"]);
    await until(posted);
    await sim.close();
    await new Promise((r) => setTimeout(r, 1500));
    await restart();
    const r = await up;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await count()).toBe(1);
    expect((await stack.resourceState(TYPE, "m")).outputs.state).toBe("STARTED");
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
  });

  it("an outage longer than the timeout: the create fails, the stack keeps the machine, the next up finishes it", async () => {
    await stack.ok(["config", "set", "args", JSON.stringify({ template, state: "STARTED", timeouts: { create: "3s" } })]);
    const up = stack.run(["up", "--yes", "--skip-preview"]);
    await until(posted);
    await sim.close();
    const r = await up;
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("timeouts.create = 3s");
    const recorded = await stack.resourceState(TYPE, "m");
    expect(recorded?.id).toMatch(/\/machines\/m-\d+$/);

    await restart();
    await stack.ok(["config", "set", "args", JSON.stringify({ template, state: "STARTED" })]);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const s = session(sim.url);
    const all = await machines(s);
    await s.close();
    expect(all.map((m) => m.id)).toEqual([recorded.id]);
    expect(all[0].state).toBe("STARTED");
  });

  it("the answer to the create POST is lost after the cloud acted: up still succeeds with exactly one machine", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    const res = await fetch(new URL("/_sim/faults", sim.url), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ faults: [{ method: "POST", path: "/cimi/machines", when: "after" }] }),
    });
    expect(res.status).toBe(200);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const s = session(sim.url);
    const all = await machines(s);
    await s.close();
    expect(all).toHaveLength(1);
    expect((await stack.resourceState(TYPE, "m")).id).toBe(all[0].id);
    // The marker that found it is not the user's: no properties drift.
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    await stack.ok(["preview", "--expect-no-changes"]);
  });
});

