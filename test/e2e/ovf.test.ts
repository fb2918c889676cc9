// OVF import and export through the real Pulumi CLI (test/e2e/programs/ovf): the two-VM shop
// package becomes a System member by member; its export, imported again, is an equivalent System;
// destroy leaves only the seed. Broken and hostile packages fail the preview by name, and a
// destination outside the export folder fails the up; neither leaves anything behind.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/dist";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { session, simulator, type RunningSimulator } from "../helpers/simulator";
import { counts, SHOP, systemShape } from "../helpers/systems";

const fixture = (rel: string) => pathToFileURL(path.join(ROOT, "test/fixtures/ovf", rel)).toString();

describe.sequential("OVF import and export e2e (real Pulumi CLI)", () => {
  let sim: RunningSimulator;
  let client: any;
  let stack: PulumiStack;
  let seed: Record<string, number>;
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "cimi-e2e-exports-"));
  const destination = pathToFileURL(path.join(exportDir, "shop", "shop.ovf")).toString();

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 200, exportDir });
    client = session(sim.url);
    seed = await counts(client);
    stack = new PulumiStack("test/e2e/programs/ovf", `ovf-${process.pid}`);
    await stack.init({ "cimi:endpoint": sim.url, source: fixture("shop"), destination, reimport: "true" });
  });

  afterAll(async () => {
    await tearDown(stack, client, sim);
    fs.rmSync(exportDir, { recursive: true, force: true });
  });

  it("up imports the shop, exports it and imports the export again", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const out = await stack.outputs();
    expect(out.system).toMatch(/\/systems\/s-\d+$/);
    expect([out.machines.length, out.volumes.length, out.networks.length]).toEqual([2, 2, 1]);
    expect(await systemShape(client, out.system)).toEqual(SHOP);
    expect(out.location).toBe(destination);
    expect(fs.readFileSync(path.join(exportDir, "shop", "shop.ovf"), "utf8")).toMatch(/<VirtualSystemCollection ovf:id="shop">/);
    expect(out.reimported).not.toBe(out.system);
    expect(await systemShape(client, out.reimported)).toEqual(SHOP);
  });

  it("a second preview plans nothing, and refresh finds no drift", async () => {
    expect(await stack.plan()).toEqual({});
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect(await stack.plan()).toEqual({});
  });

  it("refresh notices an imported System deleted outside Pulumi", async () => {
    const out = await stack.outputs();
    const doc = await client.getRequired(out.reimported, "t");
    await client.delete(doc, { operation: "e2e drift", deadline: Date.now() + 20_000 });
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    expect(await stack.plan()).toEqual({ "shop-again": ["create"] });
    await stack.ok(["up", "--yes", "--skip-preview"]);
  });

  it("destroy removes every imported resource and keeps the exported package", async () => {
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await counts(client)).toEqual(seed);
    expect(fs.existsSync(path.join(exportDir, "shop", "shop.ovf"))).toBe(true);
  });

  it.each([
    ["malformed/many-problems.ovf", /SystemImport\.source: OVF package .*many-problems\.ovf has \d+ problems/],
    ["malformed/not-well-formed.ovf", /not-well-formed\.ovf has 1 problem:[\s\S]*line 8, column 3: not well-formed XML/],
    ["hostile/billion-laughs.ovf", /<!DOCTYPE is refused/],
    ["hostile/xxe.ovf", /<!DOCTYPE is refused/],
    ["hostile/traversal.ovf", /unsafe-href|leaves the package folder|outside/],
  ])("a package like %s fails the preview by name and makes nothing", async (file, message) => {
    await stack.ok(["config", "set", "source", fixture(file)]);
    const r = await stack.run(["preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(message);
    expect(await counts(client)).toEqual(seed);
  });

  it("a destination outside the export folder fails the up, writes nothing there, and destroy cleans up", async () => {
    const outside = path.join(path.dirname(exportDir), `escape-${process.pid}.ovf`);
    await stack.ok(["config", "set", "source", fixture("shop")]);
    await stack.ok(["config", "set", "reimport", "false"]);
    await stack.ok(["config", "set", "destination", `file://${exportDir}/../${path.basename(outside)}`]);
    const r = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/is refused: it is outside the export folder/);
    expect(fs.existsSync(outside)).toBe(false);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await counts(client)).toEqual(seed);
  });
});
