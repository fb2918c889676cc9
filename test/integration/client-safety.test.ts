// What the client never does: send credentials to another origin, or make a duplicate when the
// answer to a create is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { dist } from "../helpers/dist";
import { byName, machines, requests, clearRequests, simulator, type RunningSimulator } from "../helpers/simulator";

const { Machine } = dist("provider/src/catalog/compute.js");
const { Session, REQUEST_MARKER } = dist("provider/src/client/index.js");

const USER = "alice";
const PASSWORD = "correct-horse-battery-staple";
const opts = () => ({ operation: "test", states: Machine.states, deadline: Date.now() + 20_000 });

async function setFaults(sim: RunningSimulator, faults: unknown[]): Promise<void> {
  const res = await fetch(new URL("/_sim/faults", sim.url), { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ faults }) });
  expect(res.status).toBe(200);
}

describe("credentials stay with the endpoint's origin", () => {
  it("sends Authorization and extra headers to the endpoint, and neither to another origin", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const foreign = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" }).end('{"id":"x"}');
    });
    await new Promise<void>((r) => foreign.listen(0, "127.0.0.1", r));
    const sim = await simulator({ user: USER, password: PASSWORD });
    const s = new Session({ endpoint: sim.url, credentials: { kind: "basic", username: USER, password: PASSWORD }, headers: { "X-Api-Key": "k-123" } });
    try {
      // The simulator requires the credentials, so reading it proves they were sent there.
      await s.discover();
      // Same host, other port: another origin.
      await s.get(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/cimi/machines/m-1`);
      expect(seen).toHaveLength(1);
      expect(seen[0].authorization).toBeUndefined();
      expect(seen[0]["x-api-key"]).toBeUndefined();
    } finally {
      await s.close();
      await sim.close();
      await new Promise((r) => foreign.close(r));
    }
  });
});

describe("a create whose connection breaks", () => {
  let sim: RunningSimulator;
  let s: any;
  let body: Record<string, unknown>;

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 100 });
    s = new Session({ endpoint: sim.url });
    const config = await byName(s, "machineConfigs", "machineConfigurations", "small");
    const image = await byName(s, "machineImages", "machineImages", "alpine-3-19");
    body = { machineTemplate: { machineConfig: { href: config }, machineImage: { href: image }, initialState: "STOPPED" } };
  });
  afterAll(async () => {
    await s?.close();
    await sim?.close();
  });

  const named = async (name: string) => (await machines(s)).filter((m) => m.name === name);

  it("after the server acted: finds what it created instead of posting again (exactly one machine)", async () => {
    await clearRequests(sim);
    await setFaults(sim, [{ method: "POST", path: "/cimi/machines", when: "after" }]);
    const created = await s.create("machines", { name: "lost-answer", ...body }, "MachineCreate", opts());
    const found = await named("lost-answer");
    expect(found).toHaveLength(1);
    expect(created.href).toBe(found[0].id);
    expect((await requests(sim)).filter((r) => r.method === "POST")).toHaveLength(1);
    // The marker is in the cloud's properties, so it can be found again later.
    expect(found[0].properties[REQUEST_MARKER]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("before the server acted: posts once more, and still makes exactly one machine", async () => {
    await clearRequests(sim);
    await setFaults(sim, [{ method: "POST", path: "/cimi/machines", when: "before" }]);
    const created = await s.create("machines", { name: "never-arrived", ...body }, "MachineCreate", opts());
    const found = await named("never-arrived");
    expect(found.map((m) => m.id)).toEqual([created.href]);
    expect((await requests(sim)).filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("when both attempts break, reports the lost answer and still leaves no duplicate", async () => {
    await setFaults(sim, [{ method: "POST", path: "/cimi/machines", when: "before", count: 2 }]);
    const err = await s.create("machines", { name: "twice-broken", ...body }, "MachineCreate", opts()).catch((e: unknown) => e);
    expect(err.code).toBe("CIMI_ERR_NETWORK");
    expect(err.message).toMatch(/operation: test; endpoint: http:\/\/127\.0\.0\.1/);
    expect(await named("twice-broken")).toHaveLength(0);
  });
});
