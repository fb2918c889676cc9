// examples/deployment through the real Pulumi CLI against the simulator: up builds the network,
// both machines and their interfaces, the attached data volume and its snapshot; a second preview
// plans nothing; destroy leaves the cloud as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { machines, session, simulator, type RunningSimulator } from "../helpers/simulator";

describe.sequential("examples/deployment e2e (real Pulumi CLI)", () => {
  let sim: RunningSimulator;
  let client: any;
  let stack: PulumiStack;
  const count = async (cepKey: string, member: string) => (await client.list(await client.collectionHref(cepKey), member)).length;

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 200 });
    client = session(sim.url);
    stack = new PulumiStack("examples/deployment", `deploy-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url });
  });

  afterAll(() => tearDown(stack, client, sim));

  it("up builds the whole deployment", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const out = await stack.outputs();
    expect(out.imageUsed).toBe(`${sim.baseURI}machineImages/debian-12`);
    const all = await machines(client);
    expect(all.map((m) => m.name).sort()).toEqual(["db", "web"]);
    for (const m of all) expect(m.state).toBe("STARTED");
    expect(out.backendAddresses.web).toHaveLength(1);
    expect(out.backendAddresses.db).toHaveLength(1);
    expect(out.backendAddresses.web[0]).not.toBe(out.backendAddresses.db[0]);
    const db = all.find((m) => m.name === "db");
    const attached = await client.itemsOf(await client.getRequired(db.volumes.href, "t"));
    expect(attached.map((a: any) => a.volume.href)).toEqual([out.volume]);
    expect(out.volumeCapacity).toBe(10000000);
    expect(out.snapshotState).toBe("AVAILABLE");
    expect((await client.getRequired(out.snapshotId, "t")).imageLocation).toBe(out.volume);
  });

  it("a second preview plans nothing", async () => {
    expect(await stack.plan()).toEqual({});
  });

  it("destroy removes all of it", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await machines(client)).toEqual([]);
    expect(await count("volumes", "volumes")).toBe(0);
    expect(await count("networks", "networks")).toBe(0);
    expect(await count("volumeImages", "volumeImages")).toBe(1); // the seeded one
  });
});
