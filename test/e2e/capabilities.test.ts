// Capability-aware preview through the real Pulumi CLI: a cloud whose ResourceMetadata says it
// takes machine templates by reference only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { byName, machines, requests, session, simulator, type RunningSimulator } from "../helpers/simulator";

describe.sequential("capability-aware preview (real Pulumi CLI)", () => {
  let sim: RunningSimulator;
  let client: any;
  let stack: PulumiStack;

  beforeAll(async () => {
    sim = await simulator({ templateByValue: false, jobDurationMs: 100 });
    client = session(sim.url);
    stack = new PulumiStack("test/e2e/programs/machine", `caps-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url });
  });

  afterAll(() => tearDown(stack, client, sim));

  it("fails the preview of a machine by value, naming the endpoint and the capability", async () => {
    const config = await byName(client, "machineConfigs", "machineConfigurations", "small");
    const image = await byName(client, "machineImages", "machineImages", "debian-12");
    await stack.ok(["config", "set", "args", JSON.stringify({ config, image })]);
    const r = await stack.run(["preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(
      `Machine: ${sim.url} cannot create a machine from a configuration and an image (a template by value): its ResourceMetadata says MachineTemplateByValue is false; give a template href`,
    );
    expect((await requests(sim)).filter((x) => x.method !== "GET")).toEqual([]);
  });

  it("previews and creates the same machine from a template", async () => {
    const template = await byName(client, "machineTemplates", "machineTemplates", "small-ubuntu");
    await stack.ok(["config", "set", "args", JSON.stringify({ template })]);
    await stack.ok(["up", "--yes"]);
    expect(await machines(client)).toHaveLength(1);
  });
});

describe.sequential("a cloud whose machines start only STARTED or STOPPED (InitialStates, real Pulumi CLI)", () => {
  let sim: RunningSimulator;
  let client: any;
  let stack: PulumiStack;

  beforeAll(async () => {
    sim = await simulator({ initialStates: { Machine: ["STARTED", "STOPPED"] }, jobDurationMs: 100 });
    client = session(sim.url);
    stack = new PulumiStack("test/e2e/programs/machine", `initial-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url });
  });

  afterAll(() => tearDown(stack, client, sim));

  it("creates a PAUSED machine by creating it as the cloud allows and pausing it, and a second up changes nothing", async () => {
    expect(await client.capabilities("Machine")).toMatchObject({ InitialStates: "STARTED,STOPPED" });
    const template = await byName(client, "machineTemplates", "machineTemplates", "small-ubuntu");
    await stack.ok(["config", "set", "args", JSON.stringify({ template, state: "PAUSED" })]);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const [m] = await machines(client);
    expect(m.state).toBe("PAUSED");
    expect((await requests(sim)).some((r) => r.method === "POST" && r.path.endsWith(`${m.id.split("/").pop()}/pause`))).toBe(true);
    expect(await stack.plan()).toEqual({});
  });
});
