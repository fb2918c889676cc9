// The simulator's OVF endpoints over HTTP (SPEC §15): where import and export are offered, what an
// import makes, where an export goes, and every refusal leaving the cloud as it was.
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/dist";
import { session, simulator, type RunningSimulator } from "../helpers/simulator";
import { counts, SHOP, systemShape } from "../helpers/systems";

const IMPORT = "http://schemas.dmtf.org/cimi/1/action/import";
const EXPORT = "http://schemas.dmtf.org/cimi/1/action/export";
const SHOP_DIR = path.join(ROOT, "test/fixtures/ovf/shop");
const fixture = (rel: string) => pathToFileURL(path.join(ROOT, "test/fixtures/ovf", rel)).toString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("simulator OVF import and export", () => {
  let sim: RunningSimulator;
  let client: any;
  let files: http.Server;
  let filesURL: string;
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "cimi-it-exports-"));
  const post = (href: string, body: Record<string, unknown>) =>
    fetch(new URL(href, sim.baseURI), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const importOf = (source: string) => post("systems/import", { action: IMPORT, source });
  /** Imports and waits for the job; returns the System's href. */
  const imported = async (source: string) => {
    const res = await importOf(source);
    expect(res.status, await res.clone().text()).toBe(202);
    await sleep(80);
    return res.headers.get("location")!;
  };
  const refused = async (res: Response, status: number, message: RegExp) => {
    expect(res.status).toBe(status);
    expect((await res.json()).statusMessage).toMatch(message);
  };

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 20, exportDir });
    client = session(sim.url);
    // A loopback file server: the shop descriptor, and one too large to import.
    files = http.createServer((req, res) => {
      if (req.url === "/shop.ovf") return void res.end(fs.readFileSync(path.join(SHOP_DIR, "shop.ovf")));
      if (req.url === "/huge.ovf") return void res.end(Buffer.alloc(11 * 1024 * 1024, " "));
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
    filesURL = `http://127.0.0.1:${(files.address() as any).port}`;
  });

  afterAll(async () => {
    await client.close();
    await sim.close();
    await new Promise((r) => files.close(r));
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  it("the SystemCollection offers import, a settled System export", async () => {
    const coll = await client.getRequired(`${sim.baseURI}systems`, "t");
    expect(coll.operations).toContainEqual({ rel: IMPORT, href: `${sim.baseURI}systems/import` });
    const system = await client.getRequired(await imported(fixture("shop")), "t");
    expect(system.operations).toContainEqual({ rel: EXPORT, href: `${system.id}/export` });
  });

  it("imports a file:// package as a Job that makes the System and its members", async () => {
    const res = await importOf(fixture("shop/shop.ovf"));
    expect(res.status).toBe(202);
    const job = await res.json();
    expect(res.headers.get("cimi-job-uri")).toBe(job.id);
    expect(job.action).toBe(IMPORT);
    await sleep(80);
    const done = await client.getRequired(job.id, "t");
    expect(done.state).toBe("SUCCESS");
    expect(done.affectedResources.map((r: any) => r.href)).toContain(res.headers.get("location"));
    const system = await client.getRequired(res.headers.get("location"), "t");
    expect([system.name, system.description, system.state]).toEqual(["shop", "Shop", "STOPPED"]);
    expect(await systemShape(client, system.id)).toEqual(SHOP);
  });

  it("imports from an http:// URL on the loopback interface", async () => {
    expect(await systemShape(client, await imported(`${filesURL}/shop.ovf`))).toEqual(SHOP);
  });

  it("exports to a location it serves, and that package imports as the same System", async () => {
    const system = await imported(fixture("shop"));
    const res = await post(`${system}/export`, { action: EXPORT });
    expect(res.status).toBe(202);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^${sim.baseURI}packages/p-\\d+$`));
    const pkg = await fetch(location);
    expect(pkg.headers.get("content-type")).toBe("application/ovf");
    expect(await pkg.text()).toMatch(/<VirtualSystemCollection ovf:id="shop">/);
    expect(await systemShape(client, await imported(location))).toEqual(SHOP);
  });

  it("exports to a file:// destination inside the export folder", async () => {
    const system = await imported(fixture("shop"));
    const destination = pathToFileURL(path.join(exportDir, "a", "shop.ovf")).toString();
    expect((await post(`${system}/export`, { action: EXPORT, destination, format: "application/ovf" })).status).toBe(202);
    expect(await systemShape(client, await imported(destination))).toEqual(SHOP);
  });

  it("refuses destinations outside the export folder, other schemes and formats, writing nothing", async () => {
    const system = await imported(fixture("shop"));
    const outside = path.join(os.tmpdir(), `cimi-it-escape-${process.pid}.ovf`);
    await refused(await post(`${system}/export`, { action: EXPORT, destination: `file://${exportDir}/../${path.basename(outside)}` }), 400, /outside the export folder/);
    await refused(await post(`${system}/export`, { action: EXPORT, destination: pathToFileURL(outside).toString() }), 400, /outside the export folder/);
    fs.symlinkSync(os.tmpdir(), path.join(exportDir, "link"));
    await refused(await post(`${system}/export`, { action: EXPORT, destination: pathToFileURL(path.join(exportDir, "link", path.basename(outside))).toString() }), 400, /symbolic link/);
    expect(fs.existsSync(outside)).toBe(false);
    await refused(await post(`${system}/export`, { action: EXPORT, destination: "http://127.0.0.1:1/x.ovf" }), 400, /file:\/\/ URLs inside/);
    await refused(await post(`${system}/export`, { action: EXPORT, format: "application/x-ova" }), 400, /format "application\/x-ova" is not supported/);
  });

  it.each([
    ["https://store.example.com/shop.ovf", /loopback interface only/],
    ["http://store.example.com/shop.ovf", /loopback interface only/],
    ["ftp://127.0.0.1/shop.ovf", /loopback interface only/],
    ["not a uri", /not an absolute URI/],
  ])("refuses the source %s", async (source, message) => {
    const before = await counts(client);
    await refused(await importOf(source), 400, message);
    expect(await counts(client)).toEqual(before);
  });

  it("refuses broken, hostile and oversized packages, making nothing", async () => {
    const before = await counts(client);
    await refused(await importOf(fixture("malformed/many-problems.ovf")), 400, /has \d+ problems/);
    await refused(await importOf(fixture("hostile/billion-laughs.ovf")), 400, /DOCTYPE is refused/);
    await refused(await importOf(fixture("hostile/xxe.ovf")), 400, /DOCTYPE is refused/);
    await refused(await importOf(fixture("hostile/traversal.ovf")), 400, /leaves the package folder/);
    await refused(await importOf(fixture("missing.ovf")), 400, /does not exist/);
    await refused(await importOf(`${filesURL}/huge.ovf`), 400, /larger than the limit/);
    await refused(await importOf(`${filesURL}/nothing.ovf`), 400, /HTTP 404/);
    await refused(await importOf(`${sim.baseURI}packages/p-999`), 400, /not a package this cloud serves/);
    await refused(await post("systems/import", { action: IMPORT }), 400, /"source" .* is required/);
    expect(await counts(client)).toEqual(before);
  });

  it("deleting an imported System deletes everything the import made", async () => {
    const before = await counts(client);
    const system = await imported(fixture("shop"));
    await client.delete(await client.getRequired(system, "t"), { operation: "t", deadline: Date.now() + 5000 });
    expect(await counts(client)).toEqual(before);
  });
});

describe("simulator OVF import without Jobs", () => {
  it("answers 202 with Location and the System settles by itself", async () => {
    const sim = await simulator({ jobDurationMs: 20, completion: "none" });
    try {
      const res = await fetch(`${sim.baseURI}systems/import`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: IMPORT, source: fixture("shop") }) });
      expect([res.status, res.headers.get("cimi-job-uri")]).toEqual([202, null]);
      await sleep(80);
      expect((await (await fetch(res.headers.get("location")!)).json()).state).toBe("STOPPED");
    } finally {
      await sim.close();
    }
  });
});

describe.each(["xml-nojobs", "created-running", "sloppy"])("the client imports and exports through the %s profile", (profile) => {
  it("import is completed as a create, export answers with the package location", async () => {
    const sim = await simulator({ profile, jobDurationMs: 20 });
    const client = session(sim.url);
    try {
      const opts = { operation: "t", states: { stable: ["STARTED", "STOPPED", "MIXED"], failed: ["ERROR"] }, deadline: Date.now() + 10_000 };
      const systems = await client.getRequired(await client.collectionHref("systems"), "t");
      const made = await client.action(systems, "import", { source: fixture("shop") }, opts, "create");
      expect(await systemShape(client, made.href)).toEqual(SHOP);
      const exported = await client.action(await client.getRequired(made.href, "t"), "export", {}, { operation: "t", deadline: Date.now() + 10_000 });
      expect(exported.location).toMatch(new RegExp(`^${sim.baseURI}packages/p-\\d+$`));
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
