// Integration tests of the bundled CIMI simulator, run from the compiled code in dist/
// (build first: npx tsc -p .).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const require = createRequire(import.meta.url);
type Doc = Record<string, any>;
interface Simulator {
  url: string;
  baseURI: string;
  port: number;
  close(): Promise<void>;
}
const { startSimulator } = require(path.resolve(__dirname, "../../dist/simulator/src/index.js")) as {
  startSimulator(o: Record<string, unknown>): Promise<Simulator>;
};

const NS = "http://schemas.dmtf.org/cimi/1";
const JSON_HDR = { "Content-Type": "application/json" };

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = JSON_HDR) {
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Doc };
}
const get = (url: string) => call("GET", url, undefined, {});

async function until(what: string, f: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await f()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function waitJob(jobURI: string): Promise<Doc> {
  let job: Doc = {};
  await until(`job ${jobURI}`, async () => {
    job = (await get(jobURI)).body;
    return job.state === "SUCCESS" || job.state === "FAILED";
  });
  return job;
}

describe("cimi-simulator", () => {
  let sim: Simulator;
  let cep: Doc;
  const tmpDirs: string[] = [];

  beforeEach(async () => {
    sim = await startSimulator({ port: 0, jobDurationMs: 150 });
    cep = (await get(sim.url)).body;
  });
  afterEach(async () => {
    await sim.close();
    for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  const createMachine = (body: Doc) => call("POST", cep.machines.href, { resourceURI: `${NS}/MachineCreate`, ...body });
  const byTemplate = (name: string, extra: Doc = {}) =>
    createMachine({ name, machineTemplate: { href: `${cep.machineTemplates.href}/small-ubuntu`, ...extra } });
  async function runningMachine(name = "web"): Promise<Doc> {
    const res = await byTemplate(name);
    await waitJob(res.headers.get("cimi-job-uri")!);
    return (await get(res.headers.get("location")!)).body;
  }
  const action = (m: Doc, name: string, extra: Doc = {}) => {
    const op = m.operations.find((o: Doc) => o.rel === `${NS}/action/${name}`);
    return call("POST", op ? op.href : `${m.id}/${name}`, { resourceURI: `${NS}/Action`, action: `${NS}/action/${name}`, ...extra });
  };

  it("serves the Cloud Entry Point with absolute collection hrefs", async () => {
    const res = await get(sim.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cimi-specification-version")).toBe("1.0.1");
    expect(cep.resourceURI).toBe(`${NS}/CloudEntryPoint`);
    expect(cep.id).toBe(sim.url);
    expect(cep.baseURI).toBe(`http://127.0.0.1:${sim.port}/cimi/`);
    for (const key of ["machines", "machineTemplates", "machineConfigs", "machineImages", "credentials", "jobs", "addresses"]) {
      expect(cep[key].href).toBe(`${cep.baseURI}${key}`);
    }
  });

  it("serves the seeded collections", async () => {
    const configs = (await get(cep.machineConfigs.href)).body;
    expect(configs.resourceURI).toBe(`${NS}/MachineConfigurationCollection`);
    expect(configs.count).toBe(3);
    const small = configs.machineConfigurations.find((c: Doc) => c.name === "small");
    expect(small).toMatchObject({ cpu: 1, memory: 1048576, cpuArch: "x86_64", disks: [{ capacity: 10485760, format: "ext4", initialLocation: "/dev/vda" }] });
    expect(small.id).toBe(`${cep.machineConfigs.href}/small`);
    expect(configs.operations).toEqual([{ rel: "add", href: cep.machineConfigs.href }]);

    const images = (await get(cep.machineImages.href)).body;
    expect(images.machineImages.map((i: Doc) => i.name).sort()).toEqual(["alpine-3-19", "debian-12", "ubuntu-22-04"]);
    expect(images.machineImages[0]).toMatchObject({ type: "IMAGE", state: "AVAILABLE" });

    const creds = (await get(cep.credentials.href)).body;
    expect(creds.credentials[0]).toMatchObject({ name: "admin", userName: "admin" });
    expect(creds.credentials[0].password).toBeUndefined();

    const tpl = (await get(`${cep.machineTemplates.href}/small-ubuntu`)).body;
    expect(tpl).toMatchObject({ initialState: "STARTED", machineConfig: { href: `${cep.machineConfigs.href}/small` } });
    expect(tpl.operations.map((o: Doc) => o.rel)).toEqual(["edit", "delete"]);

    const machines = (await get(cep.machines.href)).body;
    expect(machines).toMatchObject({ resourceURI: `${NS}/MachineCollection`, count: 0 });
    expect(machines.machines).toBeUndefined();

    const filtered = (await get(`${cep.machineImages.href}?$filter=name='debian-12'`)).body;
    expect(filtered.count).toBe(1);
    expect(filtered.machineImages[0].name).toBe("debian-12");
  });

  it("creates a machine from a template reference through a job", async () => {
    const res = await byTemplate("web01", { properties: undefined });
    expect(res.status).toBe(202);
    const jobURI = res.headers.get("cimi-job-uri")!;
    const location = res.headers.get("location")!;
    expect(jobURI).toMatch(new RegExp(`^${cep.jobs.href}/j-\\d+$`));
    expect(location).toMatch(new RegExp(`^${cep.machines.href}/m-\\d+$`));
    expect(res.body).toMatchObject({ resourceURI: `${NS}/Job`, id: jobURI, action: "add", targetResource: { href: cep.machines.href } });
    expect(["QUEUED", "RUNNING"]).toContain(res.body.state);
    expect(res.body.affectedResources).toContainEqual({ href: location });

    const creating = (await get(location)).body;
    expect(creating.state).toBe("CREATING");
    const job = await waitJob(jobURI);
    expect(job).toMatchObject({ state: "SUCCESS", progress: 100 });
    const m = (await get(location)).body;
    expect(m).toMatchObject({ resourceURI: `${NS}/Machine`, id: location, name: "web01", state: "STARTED", cpu: 1, memory: 1048576, cpuArch: "x86_64" });
    expect(m.disks.href).toBe(`${location}/disks`);
    const rels = m.operations.map((o: Doc) => o.rel);
    expect(rels).toEqual(expect.arrayContaining(["edit", "delete", `${NS}/action/stop`, `${NS}/action/pause`]));
    expect(rels).not.toContain(`${NS}/action/start`);

    const jobs = (await get(cep.jobs.href)).body;
    expect(jobs.jobs.map((j: Doc) => j.id)).toContain(jobURI);
  });

  it("creates a machine by value (config + image) with initialState STOPPED", async () => {
    const res = await createMachine({
      name: "batch",
      machineTemplate: {
        machineConfig: { href: `${cep.machineConfigs.href}/large` },
        machineImage: { href: `${cep.machineImages.href}/alpine-3-19` },
        initialState: "STOPPED",
      },
    });
    expect(res.status).toBe(202);
    await waitJob(res.headers.get("cimi-job-uri")!);
    const m = (await get(res.headers.get("location")!)).body;
    expect(m).toMatchObject({ state: "STOPPED", cpu: 4, memory: 8388608 });
    expect(m.operations.map((o: Doc) => o.rel)).toContain(`${NS}/action/start`);
  });

  it("runs start/stop actions and refuses a disallowed one with 409", async () => {
    let m = await runningMachine();
    const conflict = await action(m, "start");
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ resourceURI: `${NS}/Job`, id: "", state: "FAILED", returnCode: 409, progress: 100, action: `${NS}/action/start`, targetResource: { href: m.id } });
    expect(conflict.body.statusMessage).toMatch(/STARTED/);

    const stop = await action(m, "stop", { force: true });
    expect(stop.status).toBe(202);
    expect(stop.headers.get("location")).toBe(m.id);
    expect(stop.body.action).toBe(`${NS}/action/stop`);
    expect((await get(m.id)).body.state).toBe("STOPPING");
    await waitJob(stop.headers.get("cimi-job-uri")!);
    m = (await get(m.id)).body;
    expect(m.state).toBe("STOPPED");

    const start = await action(m, "start");
    expect(start.status).toBe(202);
    await waitJob(start.headers.get("cimi-job-uri")!);
    expect((await get(m.id)).body.state).toBe("STARTED");

    const wrongName = await call("POST", `${m.id}/stop`, { action: `${NS}/action/start` });
    expect(wrongName.status).toBe(400);
  });

  it("updates name/description with a full PUT and a $select partial PUT", async () => {
    const m = await runningMachine("before");
    const full = await call("PUT", m.id, { ...m, name: "after", description: "new text", properties: { a: "1" }, state: "STOPPED", cpu: 99 });
    expect(full.status).toBe(202);
    expect(full.headers.get("cimi-job-uri")).toBeTruthy();
    let now = (await get(m.id)).body;
    expect(now).toMatchObject({ name: "after", description: "new text", properties: { a: "1" }, state: "STARTED", cpu: 1 });

    const partial = await call("PUT", `${m.id}?$select=name,description`, { name: "partial" });
    expect(partial.status).toBe(202);
    now = (await get(m.id)).body;
    expect(now.name).toBe("partial");
    expect(now.description).toBeUndefined();
    expect(now.properties).toEqual({ a: "1" });

    const notSelected = await call("PUT", `${m.id}?$select=name`, { name: "x", description: "y" });
    expect(notSelected.status).toBe(400);
    expect(notSelected.body.statusMessage).toMatch(/description/);

    const cfg = await call("PUT", `${cep.machineConfigs.href}/small`, { name: "tiny" });
    expect(cfg.status).toBe(200);
    expect(cfg.body).toMatchObject({ name: "tiny", cpu: 1 });
  });

  it("deletes a machine: DELETING, then 404, and its address goes too", async () => {
    const m = await runningMachine();
    const nics = (await get(m.networkInterfaces.href)).body;
    const addrHref = (await get(nics.machineNetworkInterfaces[0].addresses.href)).body.machineNetworkInterfaceAddresses[0].address.href;
    const del = await call("DELETE", m.id, undefined, {});
    expect(del.status).toBe(202);
    expect(del.body.action).toBe("delete");
    expect((await get(m.id)).body.state).toBe("DELETING");
    await waitJob(del.headers.get("cimi-job-uri")!);
    const gone = await get(m.id);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ state: "FAILED", returnCode: 404 });
    expect((await get(addrHref)).status).toBe(404);

    // Images have a lifecycle (CREATING ... DELETING): deleting one is a job too.
    const img = await call("DELETE", `${cep.machineImages.href}/debian-12`, undefined, {});
    expect(img.status).toBe(202);
    await waitJob(img.headers.get("cimi-job-uri")!);
    expect((await get(`${cep.machineImages.href}/debian-12`)).status).toBe(404);
  });

  it("serves the network interface -> address chain with distinct IPs", async () => {
    const ips: string[] = [];
    for (const name of ["a", "b"]) {
      const m = await runningMachine(name);
      const nics = (await get(m.networkInterfaces.href)).body;
      expect(nics).toMatchObject({ resourceURI: `${NS}/MachineNetworkInterfaceCollection`, count: 1 });
      const nic = nics.machineNetworkInterfaces[0];
      expect(nic).toMatchObject({ resourceURI: `${NS}/MachineNetworkInterface`, state: "Active" });
      expect(nic.macAddress).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      const addrs = (await get(nic.addresses.href)).body;
      expect(addrs).toMatchObject({ resourceURI: `${NS}/MachineNetworkInterfaceAddressCollection`, count: 1 });
      const href = addrs.machineNetworkInterfaceAddresses[0].address.href;
      expect(href.startsWith(`${cep.baseURI}addresses/`)).toBe(true);
      const addr = (await get(href)).body;
      expect(addr).toMatchObject({ resourceURI: `${NS}/Address`, id: href, allocation: "dynamic", protocol: "IPv4" });
      expect(addr.ip).toMatch(/^10\.0\.\d+\.\d+$/);
      ips.push(addr.ip);
    }
    expect(new Set(ips).size).toBe(2);
  });

  it("rejects bad hrefs (400 naming the attribute), unknown attributes and wrong content types (415)", async () => {
    const bad = await createMachine({ machineTemplate: { machineConfig: { href: `${cep.machineConfigs.href}/nope` }, machineImage: { href: `${cep.machineImages.href}/debian-12` } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ resourceURI: `${NS}/Job`, id: "", state: "FAILED", returnCode: 400 });
    expect(bad.body.statusMessage).toContain("machineTemplate.machineConfig.href");

    const badTpl = await byTemplate("x", { href: `${cep.machineTemplates.href}/missing` });
    expect(badTpl.status).toBe(400);
    expect(badTpl.body.statusMessage).toContain("machineTemplate.href");

    const noImage = await createMachine({ machineTemplate: { machineConfig: { href: `${cep.machineConfigs.href}/small` } } });
    expect(noImage.status).toBe(400);

    const badState = await byTemplate("x", { initialState: "FLYING" });
    expect(badState.status).toBe(400);
    expect(badState.body.statusMessage).toContain("initialState");

    // Text XML cannot carry is refused at once, not stored and then unservable in XML.
    const control = await byTemplate("x\u0001y", {});
    expect(control.status).toBe(400);
    expect(control.body.statusMessage).toContain("name contains the control character U+0001, which XML cannot carry");

    const unknown = await createMachine({ flavor: "xl", machineTemplate: { href: `${cep.machineTemplates.href}/small-ubuntu` } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.statusMessage).toContain("flavor");

    const wrongURI = await call("POST", cep.machines.href, { resourceURI: `${NS}/Machine`, machineTemplate: { href: `${cep.machineTemplates.href}/small-ubuntu` } });
    expect(wrongURI.status).toBe(400);

    const text = await call("POST", cep.machines.href, "MachineCreate", { "Content-Type": "text/plain" });
    expect(text.status).toBe(415);
    const charset = await call("POST", cep.machineConfigs.href, { name: "c", cpu: 8, memory: 1024 }, { "Content-Type": "application/json; charset=utf-8" });
    expect(charset.status).toBe(201);
    expect(charset.headers.get("location")).toBe(charset.body.id);

    expect((await get(`${cep.baseURI}nothing/here`)).status).toBe(404);
    expect((await call("DELETE", cep.machines.href, undefined, {})).status).toBe(405);
    expect((await get(`${cep.machines.href}/m-404`)).status).toBe(404);
  });

  it("creates templates and credentials synchronously", async () => {
    const tpl = await call("POST", cep.machineTemplates.href, {
      name: "mine",
      machineConfig: { href: `${cep.machineConfigs.href}/medium` },
      machineImage: { href: `${cep.machineImages.href}/alpine-3-19` },
      initialState: "STOPPED",
    });
    expect(tpl.status).toBe(201);
    expect(tpl.body).toMatchObject({ resourceURI: `${NS}/MachineTemplate`, name: "mine", machineConfig: { href: `${cep.machineConfigs.href}/medium` } });
    const cred = await call("POST", cep.credentials.href, { resourceURI: `${NS}/CredentialCreate`, name: "k", credentialTemplate: { userName: "u", password: "secret", key: "ssh-ed25519 AAA" } });
    expect(cred.status).toBe(201);
    expect(cred.body).toMatchObject({ userName: "u", key: "ssh-ed25519 AAA" });
    expect(cred.body.password).toBeUndefined();
  });

  it("completes jobs at once with job duration 0, also when changed at run time", async () => {
    const put = await call("PUT", `http://127.0.0.1:${sim.port}/_sim/config`, { jobDurationMs: 0 });
    expect(put.status).toBe(200);
    const res = await byTemplate("quick");
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ state: "SUCCESS", progress: 100 });
    expect((await get(res.headers.get("location")!)).body.state).toBe("STARTED");

    const other = await startSimulator({ port: 0, jobDurationMs: 0 });
    try {
      const ocep = (await get(other.url)).body;
      const r = await call("POST", ocep.machines.href, { machineTemplate: { href: `${ocep.machineTemplates.href}/medium-debian` } });
      expect(r.body.state).toBe("SUCCESS");
      expect((await get(r.headers.get("location")!)).body.state).toBe("STOPPED");
    } finally {
      await other.close();
    }
  });

  it("logs requests and resets to the seed through the control API", async () => {
    const ctl = `http://127.0.0.1:${sim.port}/_sim`;
    await call("DELETE", `${ctl}/requests`, undefined, {});
    await runningMachine();
    const log = (await get(`${ctl}/requests`)).body.requests as Doc[];
    expect(log[0]).toMatchObject({ method: "POST", path: "/cimi/machines", status: 202 });
    expect(log.every((r) => r.path.startsWith("/cimi/"))).toBe(true);
    expect((await call("POST", `${ctl}/reset`, undefined, {})).status).toBe(200);
    expect((await get(cep.machines.href)).body.count).toBe(0);
  });

  it("requires HTTP Basic auth when user and password are set", async () => {
    const secured = await startSimulator({ port: 0, user: "alice", password: "s3cret" });
    try {
      const anon = await get(secured.url);
      expect(anon.status).toBe(401);
      expect(anon.headers.get("www-authenticate")).toBe('Basic realm="cimi"');
      const wrong = await call("GET", secured.url, undefined, { Authorization: `Basic ${Buffer.from("alice:nope").toString("base64")}` });
      expect(wrong.status).toBe(401);
      const ok = await call("GET", secured.url, undefined, { Authorization: `Basic ${Buffer.from("alice:s3cret").toString("base64")}` });
      expect(ok.status).toBe(200);
      expect((await get(`http://127.0.0.1:${secured.port}/_sim/requests`)).status).toBe(200);
    } finally {
      await secured.close();
    }
  });

  it("refuses non-loopback hosts", async () => {
    await expect(startSimulator({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
  });

  it("persists the state across a restart, writing atomically", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cimi-sim-"));
    tmpDirs.push(dir);
    const stateFile = path.join(dir, "state.json");
    let s = await startSimulator({ port: 0, stateFile, jobDurationMs: 100 });
    let scep = (await get(s.url)).body;
    const res = await call("POST", scep.machines.href, { name: "keeper", machineTemplate: { href: `${scep.machineTemplates.href}/small-ubuntu` } });
    const location = res.headers.get("location")!;
    const id = location.split("/").pop();
    await s.close();
    expect(fs.existsSync(stateFile)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(["state.json"]);

    s = await startSimulator({ port: 0, stateFile, jobDurationMs: 100 });
    try {
      scep = (await get(s.url)).body;
      const href = `${scep.machines.href}/${id}`;
      await until("machine started after restart", async () => (await get(href)).body.state === "STARTED");
      const m = (await get(href)).body;
      expect(m).toMatchObject({ name: "keeper", id: href });
      const next = await call("POST", scep.machines.href, { machineTemplate: { href: `${scep.machineTemplates.href}/small-ubuntu` } });
      expect(next.headers.get("location")).not.toBe(href);
      expect(fs.readdirSync(dir)).toEqual(["state.json"]);
    } finally {
      await s.close();
    }
  });
});
