// The quickstart through the real Pulumi CLI, engine and dynamic-provider process, against the
// bundled simulator over loopback: preview, up, no-op up, update, replace, drift, destroy. The
// same suite runs unchanged against every simulator profile (test/helpers/targets.ts MATRIX).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../../helpers/dist";
import { PulumiStack, tearDown } from "../../helpers/pulumi";
import { byName, machines } from "../../helpers/simulator";
import { startTarget, type Target } from "../../helpers/targets";
import { schemaProblems, xmlBodies } from "../../helpers/xsd";

export function quickstartSuite(profile: string, format: "auto" | "json" | "xml"): void {
describe.sequential(`quickstart e2e against the "${profile}" simulator profile, format ${format} (real Pulumi CLI)`, () => {
  let sim: Target;
  let client: any;
  let stack: PulumiStack;
  let firstId: string;

  beforeAll(async () => {
    sim = await startTarget(profile, format);
    client = sim.session();
    stack = new PulumiStack("examples/quickstart", `e2e-${profile}-${process.pid}`);
    await stack.init({ ...sim.config, template: await byName(client, "machineTemplates", "machineTemplates", "small-ubuntu") }, sim.secrets);
    await sim.recordBodies();
  });

  afterAll(() => tearDown(stack, client, sim));

  it("rejects a bad input at preview, naming the field", async () => {
    await stack.ok(["config", "set", "image", "not a url"]);
    const r = await stack.run(["preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("Machine.image: must be the absolute http(s) href of a MachineImage");
    await stack.ok(["config", "rm", "image"]);
  });

  it("rejects at preview a reference that does not exist or is of the wrong kind", async () => {
    await stack.ok(["config", "set", "image", `${sim.baseURI}machineImages/no-such-image`]);
    let r = await stack.run(["preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(`Machine.image: ${sim.baseURI}machineImages/no-such-image does not exist on ${sim.url}`);
    const config = await byName(client, "machineConfigs", "machineConfigurations", "small");
    await stack.ok(["config", "set", "image", config]);
    r = await stack.run(["preview"]);
    expect(r.stdout + r.stderr).toContain(`Machine.image: ${config} is a MachineConfiguration, not a MachineImage`);
    await stack.ok(["config", "rm", "image"]);
    expect(await machines(client)).toEqual([]);
  });

  it("preview shows one create and sends no mutating request", async () => {
    await sim.clearRequests();
    expect(await stack.planned("web")).toEqual(["create"]);
    expect((await sim.requests()).filter((r) => r.method !== "GET")).toEqual([]);
    expect(await machines(client)).toEqual([]);
  });

  it("up creates the machine, started, with its addresses", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const out = await stack.outputs();
    const all = await machines(client);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: out.machineId, state: "STARTED", description: "Quickstart web server", properties: { owner: "quickstart" } });
    expect(out.state).toBe("STARTED");
    expect(out.addresses).toHaveLength(1);
    expect(out.addresses[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    firstId = out.machineId;
  });

  it("a second up changes nothing, not even __provider", async () => {
    await sim.clearRequests();
    expect(await stack.planned("web")).toEqual(["same"]);
    const r = await stack.run(["preview", "--diff", "--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain("__provider");
    expect((await sim.requests()).filter((x) => x.method !== "GET")).toEqual([]);
  });

  it("changing the description updates in place", async () => {
    await stack.ok(["config", "set", "description", "updated by e2e"]);
    expect((await stack.planned("web"))).toEqual(["update"]);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const all = await machines(client);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: firstId, description: "updated by e2e", state: "STARTED" });
  });

  it("changing the image replaces the machine", async () => {
    const image = await byName(client, "machineImages", "machineImages", "debian-12");
    await stack.ok(["config", "set", "image", image]);
    expect((await stack.planned("web"))).toContain("replace");
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const out = await stack.outputs();
    expect(out.machineId).not.toBe(firstId);
    const all = await machines(client);
    expect(all.map((m) => m.id)).toEqual([out.machineId]);
    expect(await client.get(firstId)).toBeUndefined();
  });

  it("refresh finds a machine stopped behind Pulumi's back, and up starts it again", async () => {
    const { machineId } = await stack.outputs();
    const doc = await client.getRequired(machineId, "test");
    await client.action(doc, "stop", {}, { operation: "stop behind Pulumi's back", states: { stable: ["STARTED", "STOPPED"], failed: ["ERROR"] }, expectState: "STOPPED", deadline: Date.now() + 20_000 });
    const refresh = await stack.ok(["refresh", "--yes", "--skip-preview", "--diff"]);
    expect(refresh).toMatch(/state\s*:\s*"STARTED"\s*=>\s*"STOPPED"/);
    const recorded = await stack.resourceState("pulumi-nodejs:dynamic/cimi:Machine", "web");
    expect(recorded.outputs.state).toBe("STOPPED");
    expect(recorded.inputs.state).toBe("STOPPED");
    expect((await stack.planned("web"))).toEqual(["update"]);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect((await client.getRequired(machineId, "test")).state).toBe("STARTED");
    expect((await stack.planned("web"))).toEqual(["same"]);
  });

  it("stack export holds no plaintext password and a thin __provider", async () => {
    const exported = await stack.ok(["stack", "export"]);
    for (const secret of sim.secretValues) expect(exported).not.toContain(secret);
    const machine = await stack.resourceState("pulumi-nodejs:dynamic/cimi:Machine", "web");
    // Exactly the text existing stacks hold: upgrades of the package show no __provider diff.
    expect(machine.outputs.__provider).toBe(fs.readFileSync(path.join(ROOT, "test/fixtures/provider-machine.js.txt"), "utf8"));
    expect(machine.outputs.__provider.length).toBeLessThan(2048);
  });

  it("destroy leaves the simulator with no machines", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await machines(client)).toEqual([]);
  });

  it("every XML document the provider sent and the simulator served is valid CIMI (DSP8009)", async () => {
    const xml = xmlBodies(await sim.exchanges());
    const speaksXml = format === "xml" || profile.startsWith("xml");
    expect(xml.length > 0).toBe(speaksXml);
    expect(await schemaProblems(xml)).toEqual([]);
  });
});
}
