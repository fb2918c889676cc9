// examples/ovf through the real Pulumi CLI against the simulator: up imports the bundled shop
// package, exports the System to a package the simulator serves and imports that again; a second
// preview plans nothing; destroy leaves the cloud as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { session, simulator, type RunningSimulator } from "../helpers/simulator";
import { counts, SHOP, systemShape } from "../helpers/systems";

describe.sequential("examples/ovf e2e (real Pulumi CLI)", () => {
  let sim: RunningSimulator;
  let client: any;
  let stack: PulumiStack;
  let seed: Record<string, number>;

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 200 });
    client = session(sim.url);
    seed = await counts(client);
    stack = new PulumiStack("examples/ovf", `ovf-example-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url });
  });

  afterAll(() => tearDown(stack, client, sim));

  it("up imports the shop, exports it and imports the export", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const out = await stack.outputs();
    expect(await systemShape(client, out.system)).toEqual(SHOP);
    expect((await client.getRequired(out.system, "t")).description).toBe("The shop, imported from OVF");
    expect(out.packageLocation).toMatch(new RegExp(`^${sim.baseURI}packages/p-\\d+$`));
    expect(await (await fetch(out.packageLocation)).text()).toMatch(/<VirtualSystemCollection ovf:id="shop">/);
    expect(await systemShape(client, out.copySystem)).toEqual(SHOP);
    expect(out.copyMachines).toHaveLength(2);
  });

  it("a second preview plans nothing", async () => {
    expect(await stack.plan()).toEqual({});
  });

  it("destroy removes both systems and all they hold", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await counts(client)).toEqual(seed);
  });
});
