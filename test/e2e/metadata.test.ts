// A cloud's ResourceMetadata (SPEC §13) refines what replaces and what updates in place. Against a
// simulator that says AddressTemplate.ip cannot change in place and NetworkConfiguration.mtu can
// (the catalog says the opposite of each), the same edit replaces the one and updates the other,
// and the preview says why; in JSON and in XML, through the real Pulumi CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { session, simulator, type RunningSimulator } from "../helpers/simulator";

const specs = (ip: string, mtu: number) => [
  { kind: "AddressTemplate", name: "atpl", args: { ip, allocation: "static", protocol: "IPv4" } },
  { kind: "NetworkConfiguration", name: "nconf", args: { networkType: "PRIVATE", mtu } },
];

describe.each(["json", "xml"] as const)("ResourceMetadata decides update or replace (%s)", (format) => {
  let sim: RunningSimulator;
  let client: any;
  let stack: PulumiStack;
  let ids: Record<string, string>;
  const set = (ip: string, mtu: number) => stack.ok(["config", "set", "resources", JSON.stringify(specs(ip, mtu))]);
  const up = async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    ids = (await stack.outputs()).ids;
  };

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 50, mutable: { "AddressTemplate.ip": false, "NetworkConfiguration.mtu": true } });
    client = session(sim.url);
    stack = new PulumiStack("test/e2e/programs/catalog", `metadata-${format}-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url, "cimi:format": format });
    await set("192.0.2.20", 1500);
    await up();
  });

  afterAll(() => tearDown(stack, client, sim));

  it("the cloud publishes what may change in place", async () => {
    const caps = await client.metadata("AddressTemplate");
    expect(caps.mutable).toMatchObject({ ip: false, hostname: true, name: true });
    expect((await client.metadata("NetworkConfiguration")).mutable).toMatchObject({ mtu: true, networkType: false });
  });

  it("preview plans a replace for the immutable attribute and an update for the mutable one, and says why", async () => {
    await set("192.0.2.21", 9000);
    expect(await stack.plan()).toEqual({ atpl: expect.arrayContaining(["replace"]), nconf: ["update"] });
    const r = await stack.run(["preview"]);
    const text = r.stdout + r.stderr;
    expect(text).toContain(`ip changed; ${sim.url}'s ResourceMetadata says "ip" cannot change in place: replaced`);
    expect(text).toContain(`mtu changed; ${sim.url}'s ResourceMetadata says "mtu" may change in place: updated, not replaced`);
  });

  it("up does what the preview said: a new address template, the same configuration with the new MTU", async () => {
    const before = { ...ids };
    await up();
    expect(ids.atpl).not.toBe(before.atpl);
    expect(await client.get(before.atpl)).toBeUndefined();
    expect(await client.get(ids.atpl)).toMatchObject({ ip: "192.0.2.21" });
    expect(ids.nconf).toBe(before.nconf);
    expect(await client.get(ids.nconf)).toMatchObject({ mtu: 9000 });
    expect(await stack.plan()).toEqual({});
  });

  it("refresh reads what the cloud holds, and leaves no diff", async () => {
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect(await stack.plan()).toEqual({});
  });
});
