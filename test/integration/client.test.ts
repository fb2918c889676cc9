// The client core against the bundled simulator over loopback HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as net from "node:net";
import { dist } from "../helpers/dist";
import { byName, clearRequests, requests, session, simulator, type RunningSimulator } from "../helpers/simulator";

const { Machine } = dist("provider/src/catalog/compute.js");
const { CimiError } = dist("provider/src/client/index.js");

const USER = "alice";
const PASSWORD = "correct-horse-battery-staple";
const opts = (extra: Record<string, unknown> = {}) => ({ operation: "test", states: Machine.states, deadline: Date.now() + 20_000, ...extra });

describe("client against the simulator", () => {
  let sim: RunningSimulator;
  let s: any;

  beforeAll(async () => {
    sim = await simulator({ user: USER, password: PASSWORD, jobDurationMs: 200 });
    s = session(sim.url, USER, PASSWORD);
  });
  afterAll(async () => {
    await s?.close();
    await sim?.close();
  });

  it("discovers collections from the Cloud Entry Point only, once per session", async () => {
    await clearRequests(sim);
    const d = await s.discover();
    expect(d.baseURI).toBe(sim.baseURI);
    expect(Object.keys(d.collections)).toEqual(expect.arrayContaining(["machines", "machineTemplates", "machineConfigs", "machineImages", "credentials", "jobs"]));
    await s.collectionHref("machines");
    await s.collectionHref("machineImages");
    expect((await requests(sim)).filter((r) => r.path.endsWith("/cloudEntryPoint"))).toHaveLength(1);
  });

  it("creates a machine by value, follows its Job, acts on it and deletes it", async () => {
    const config = await byName(s, "machineConfigs", "machineConfigurations", "medium");
    const image = await byName(s, "machineImages", "machineImages", "alpine-3-19");
    const created = await s.create(
      "machines",
      { name: "it-1", machineTemplate: { machineConfig: { href: config }, machineImage: { href: image }, initialState: "STOPPED" } },
      "MachineCreate",
      opts(),
    );
    expect(created.href).toMatch(/\/machines\/m-\d+$/);
    let doc = await s.getRequired(created.href, "read");
    expect(doc).toMatchObject({ name: "it-1", state: "STOPPED", cpu: 2 });

    await s.action(doc, "start", {}, opts({ expectState: "STARTED" }));
    doc = await s.getRequired(created.href, "read");
    expect(doc.state).toBe("STARTED");

    await s.update(doc, { ...doc, description: "edited" }, "Machine", opts());
    expect((await s.getRequired(created.href, "read")).description).toBe("edited");

    await s.delete(doc, opts());
    expect(await s.get(created.href)).toBeUndefined();
  });

  it("walks references and collections to a machine's addresses", async () => {
    const template = await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu");
    const { href } = await s.create("machines", { name: "it-2", machineTemplate: { href: template } }, "MachineCreate", opts());
    const doc = await s.getRequired(href, "read");
    const { gather } = dist("provider/src/dynamic/wire.js");
    const ips = await gather(s, doc, Machine.fields.addresses.gather);
    expect(ips).toHaveLength(1);
    expect(ips[0]).toMatch(/^10\./);
    await s.delete(doc, opts());
  });

  it("reports a refused request with endpoint, operation, status and the server's message", async () => {
    const err = await s
      .create("machines", { name: "bad", machineTemplate: { href: `${sim.baseURI}machineTemplates/nope` } }, "MachineCreate", opts({ operation: 'create Machine "bad"' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CimiError);
    expect(err.code).toBe("CIMI_ERR_HTTP");
    expect(err.details.status).toBe(400);
    expect(err.message).toContain('create Machine "bad"');
    expect(err.message).toContain(sim.url);
    expect(err.message).toContain("HTTP 400");
    expect(err.message).toContain("machineTemplate");
  });

  it("refuses an action the machine does not offer now, naming what it offers", async () => {
    const template = await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu");
    const { href } = await s.create("machines", { name: "it-3", machineTemplate: { href: template } }, "MachineCreate", opts());
    const doc = await s.getRequired(href, "read");
    const err = await s.action(doc, "start", {}, opts()).catch((e: unknown) => e);
    expect(err.code).toBe("CIMI_ERR_DISCOVERY");
    expect(err.message).toMatch(/does not offer the "start" operation now \(offered: .*stop/);
    await s.delete(doc, opts());
  });

  it("says so when the credentials are wrong, without repeating them", async () => {
    const wrong = session(sim.url, USER, "wrong-password-123");
    const err = await wrong.discover().catch((e: unknown) => e);
    await wrong.close();
    expect(err.code).toBe("CIMI_ERR_HTTP");
    expect(err.details.status).toBe(401);
    expect(err.message).not.toContain("wrong-password-123");
  });

  it("times out with what is still running and where", async () => {
    await fetch(new URL("/_sim/config", sim.url), { method: "PUT", body: JSON.stringify({ jobDurationMs: 60_000 }), headers: { "content-type": "application/json" } });
    try {
      const template = await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu");
      const err = await s.create("machines", { name: "slow", machineTemplate: { href: template } }, "MachineCreate", opts({ deadline: Date.now() + 700 })).catch((e: unknown) => e);
      expect(err.code).toBe("CIMI_ERR_TIMEOUT");
      expect(err.message).toMatch(/gave up waiting for job .*\/jobs\/j-\d+/);
      expect(err.details.resourceHref).toMatch(/\/machines\/m-\d+$/);
    } finally {
      await fetch(new URL("/_sim/config", sim.url), { method: "PUT", body: JSON.stringify({ jobDurationMs: 200 }), headers: { "content-type": "application/json" } });
    }
  });
});

describe("client against an unreachable endpoint", () => {
  it("names the endpoint and the operation", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    const s = session(`http://127.0.0.1:${port}/cimi/cloudEntryPoint`, "u", "secret-pw");
    const err = await s.discover().catch((e: unknown) => e);
    await s.close();
    expect(err.code).toBe("CIMI_ERR_NETWORK");
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).not.toContain("secret-pw");
  });
});

describe("client against a cloud without Jobs (Deltacloud style)", () => {
  it("creates, acts and deletes by polling the resource's own state", async () => {
    const sim = await simulator({ jobs: false, jobDurationMs: 150 });
    const s = session(sim.url);
    try {
      expect((await s.discover()).collections.jobs).toBeUndefined();
      const template = await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu");
      const { href } = await s.create("machines", { name: "nj", machineTemplate: { href: template } }, "MachineCreate", opts());
      let doc = await s.getRequired(href, "read");
      expect(doc.state).toBe("STARTED");
      await s.action(doc, "stop", {}, opts({ expectState: "STOPPED" }));
      doc = await s.getRequired(href, "read");
      expect(doc.state).toBe("STOPPED");
      await s.delete(doc, opts());
      expect(await s.get(href)).toBeUndefined();
      const mutating = (await requests(sim)).filter((r) => r.method !== "GET");
      expect(mutating.map((r) => r.status)).toEqual([202, 202, 202]);
    } finally {
      await s.close();
      await sim.close();
    }
  });
});

describe("capabilities from ResourceMetadata", () => {
  it("reads what the cloud says a type can do, once per session", async () => {
    const sim = await simulator({ templateByValue: false });
    const s = session(sim.url);
    try {
      const caps = await s.capabilities("Machine");
      expect(caps).toMatchObject({ MachineTemplateByValue: "false", InitialStates: "STARTED,STOPPED,PAUSED,SUSPENDED" });
      await s.capabilities("Machine");
      expect((await requests(sim)).filter((r) => r.path.includes("/resourceMetadata"))).toHaveLength(1);
      expect(await s.capabilities("NoSuchType")).toEqual({});
      // The simulator keeps its word.
      const config = await byName(s, "machineConfigs", "machineConfigurations", "small");
      const image = await byName(s, "machineImages", "machineImages", "debian-12");
      const err = await s.create("machines", { machineTemplate: { machineConfig: { href: config }, machineImage: { href: image } } }, "MachineCreate", opts()).catch((e: unknown) => e);
      expect(err.details.status).toBe(400);
    } finally {
      await s.close();
      await sim.close();
    }
  });
});

describe("retries against a busy server", () => {
  it("reads again after 503 + Retry-After, and never posts twice", async () => {
    const http = await import("node:http");
    let gets = 0;
    let posts = 0;
    const server = http.createServer((req, res) => {
      if (req.method === "POST") {
        posts++;
        res.writeHead(503, { "retry-after": "1", "content-type": "application/json" }).end('{"message":"busy"}');
        return;
      }
      gets++;
      if (gets === 1) return void res.writeHead(503, { "retry-after": "0" }).end();
      const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/cimi/`;
      const doc = req.url!.endsWith("/machines")
        ? { id: `${base}machines`, count: 0, operations: [{ rel: "add", href: `${base}machines` }] }
        : { resourceURI: "http://schemas.dmtf.org/cimi/1/CloudEntryPoint", id: `${base}cloudEntryPoint`, baseURI: base, machines: { href: `${base}machines` } };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const s = session(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/cimi/cloudEntryPoint`);
    try {
      expect((await s.discover()).collections.machines).toMatch(/\/cimi\/machines$/);
      expect(gets).toBe(2);
      // A POST refused as busy is reported, not sent again.
      const err = await s.create("machines", { name: "x" }, "MachineCreate", opts()).catch((e: unknown) => e);
      expect(err.details.status).toBe(503);
      expect(posts).toBe(1);
    } finally {
      await s.close();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("queries against the simulator", () => {
  it("reads every page and filters by a name no quote can break out of", async () => {
    const sim = await simulator({ jobDurationMs: 0 });
    const s = session(sim.url);
    try {
      const configs = await s.list(await s.collectionHref("machineConfigs"), "machineConfigurations", {}, 2);
      expect(configs.map((c: any) => c.name).sort()).toEqual(["large", "medium", "small"]);
      const pages = (await requests(sim)).filter((r) => r.path.endsWith("/machineConfigs"));
      expect(pages).toHaveLength(2);

      const template = await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu");
      for (const name of ["o'brien", "x' or name!='y", "plain"]) {
        await s.create("machines", { name, machineTemplate: { href: template } }, "MachineCreate", opts());
      }
      const machinesHref = await s.collectionHref("machines");
      for (const name of ["o'brien", "x' or name!='y"]) {
        const found = await s.list(machinesHref, "machines", { filter: [{ attr: "name", value: name }] });
        expect(found.map((m: any) => m.name)).toEqual([name]);
      }
    } finally {
      await s.close();
      await sim.close();
    }
  });
});
