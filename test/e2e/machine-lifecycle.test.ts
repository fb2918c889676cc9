// One Machine driven through its whole lifecycle by the real Pulumi CLI: a create that outlives
// its timeout, every desired state, in-place edits, deletion behind Pulumi's back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { byName, machines, session, simulator, type RunningSimulator } from "../helpers/simulator";

const TYPE = "pulumi-nodejs:dynamic/cimi:Machine";

describe.sequential("Machine lifecycle e2e (real Pulumi CLI)", () => {
  let sim: RunningSimulator;
  let client: any;
  let stack: PulumiStack;
  let template: string;
  const setArgs = (args: Record<string, unknown>) => stack.ok(["config", "set", "args", JSON.stringify({ template, ...args })]);

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 2500 });
    client = session(sim.url);
    template = await byName(client, "machineTemplates", "machineTemplates", "medium-debian");
    stack = new PulumiStack("test/e2e/programs/machine", `life-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url });
  });

  afterAll(() => tearDown(stack, client, sim));

  it("a create that outlives its timeout fails clearly and the stack still knows the machine", async () => {
    await setArgs({ state: "STARTED", timeouts: { create: "1s" } });
    const r = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/gave up after timeouts\.create = 1s waiting for job .*\/jobs\/j-\d+/);
    const recorded = await stack.resourceState(TYPE, "m");
    const all = await machines(client);
    expect(all).toHaveLength(1);
    expect(recorded.id).toBe(all[0].id);

    // Once the cloud has finished, the next up completes the same machine: no duplicate.
    await new Promise((r) => setTimeout(r, 2500));
    await setArgs({ state: "STARTED" });
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const after = await machines(client);
    expect(after.map((m) => m.id)).toEqual([recorded.id]);
    expect(after[0].state).toBe("STARTED");
    // The rest needs no slow jobs.
    await fetch(new URL("/_sim/config", sim.url), { method: "PUT", body: JSON.stringify({ jobDurationMs: 200 }), headers: { "content-type": "application/json" } });
  });

  it.each(["STOPPED", "PAUSED", "SUSPENDED", "STARTED"])("state %s is reached in place", async (state) => {
    await setArgs({ state });
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const all = await machines(client);
    expect(all).toHaveLength(1);
    expect(all[0].state).toBe(state);
    expect(await stack.planned("m")).toEqual(["same"]);
  });

  it("name, description and properties are edited in place, and removed when unset", async () => {
    const { id } = await stack.outputs();
    await setArgs({ state: "STARTED", name: "renamed", description: "first", properties: { a: "1", b: "2" } });
    expect(await stack.planned("m")).toEqual(["update"]);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(await client.getRequired(id, "t")).toMatchObject({ name: "renamed", description: "first", properties: { a: "1", b: "2" } });
    await setArgs({ state: "STARTED", name: "renamed" });
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const doc = await client.getRequired(id, "t");
    expect(doc.description).toBeUndefined();
    expect(doc.properties ?? {}).toEqual({});
    expect(await stack.planned("m")).toEqual(["same"]);
  });

  it("refresh drops a machine deleted behind Pulumi's back, and up recreates it", async () => {
    const { id } = await stack.outputs();
    const doc = await client.getRequired(id, "t");
    await client.delete(doc, { operation: "delete behind Pulumi's back", states: { stable: ["STARTED"], failed: [] }, deadline: Date.now() + 20_000 });
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect(await stack.resourceState(TYPE, "m")).toBeUndefined();
    expect(await stack.planned("m")).toEqual(["create"]);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(await machines(client)).toHaveLength(1);
  });

  it("destroy waits until the machine is really gone", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await machines(client)).toEqual([]);
  });
});
