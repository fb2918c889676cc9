// Every catalog kind through the real Pulumi CLI at once, table-driven (catalog-rows.ts): create,
// a no-op second up, in-place update, replace, refresh without and with drift, secrets, destroy.
// The simulator profile is a parameter, so the same suite can run against other profiles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { clearRequests, requests, session, simulator, type RunningSimulator } from "../helpers/simulator";
import { dist } from "../helpers/dist";
import { schemaProblems, xmlBodies } from "../helpers/xsd";
import { rows as tableOf, SECRETS, type Args, type Row } from "./catalog-rows";

const { catalog } = dist("provider/src/catalog/index.js");

export interface Profile {
  label: string;
  /** Options of the bundled simulator for this profile. */
  simulator: Record<string, unknown>;
  /** Encoding the provider is told to speak (cimi:format); with `xml` every XML body is checked against the schema. */
  format?: "auto" | "json" | "xml";
}

type Step = "create" | "update" | "replace";

export function catalogSuite(profile: Profile): void {
  describe.sequential(`every catalog kind through the Pulumi CLI (${profile.label} simulator)`, () => {
    let sim: RunningSimulator;
    let client: any;
    let stack: PulumiStack;
    let table: Row[];
    let ids: Record<string, string> = {};
    let seeded: Record<string, Record<string, string>> = {};
    /** Every CEP collection of the catalog: name -> href of each item. */
    async function holdings(): Promise<Record<string, Record<string, string>>> {
      const out: Record<string, Record<string, string>> = {};
      for (const e of catalog.filter((x: any) => x.cepKey)) {
        const items = await client.list(await client.collectionHref(e.cepKey), e.member);
        out[e.cepKey] = Object.fromEntries(items.map((d: any) => [d.name, d.id]));
      }
      return out;
    }

    const argsAt = (row: Row, step: Step): Args => ({
      ...row.create,
      ...(step !== "create" ? { description: `${row.name} updated`, ...row.update } : {}),
      ...(step === "replace" ? row.replace : {}),
    });
    const triggerAt = (row: Row, step: Step) => (row.replace ? undefined : step === "replace" ? "2" : "1");
    async function upTo(step: Step): Promise<void> {
      await stack.ok(["config", "set", "resources", JSON.stringify(specsAt(step))]);
      await stack.ok(["up", "--yes", "--skip-preview"]);
      const out = await stack.outputs();
      ids = out.ids;
      for (const row of table) row.expect?.(out.outputs?.[row.name] ?? {});
    }
    const specsAt = (step: Step) => table.map((row) => ({ kind: row.kind, name: row.name, args: argsAt(row, step), trigger: triggerAt(row, step), exports: row.exports }));
    const doc = (id: string) => client.get(id, "e2e read");
    const wait = (kind: string) => ({ operation: "e2e drift", states: catalog.find((e: any) => e.kind === kind).states, deadline: Date.now() + 20_000 });
    const mutations = async () => (await requests(sim)).filter((r) => r.method !== "GET");

    beforeAll(async () => {
      sim = await simulator({ jobDurationMs: 100, ...profile.simulator });
      client = session(sim.url);
      seeded = await holdings();
      table = tableOf((cepKey, name) => seeded[cepKey]?.[name] ?? `missing seed ${cepKey}/${name}`);
      stack = new PulumiStack("test/e2e/programs/catalog", `catalog-${profile.label}-${process.pid}`);
      await stack.init({ "cimi:endpoint": sim.url, "cimi:format": profile.format ?? "auto" }, { secrets: JSON.stringify(SECRETS) });
      if (profile.format === "xml") await fetch(new URL("/_sim/bodies", sim.url), { method: "PUT", headers: { "content-type": "application/json" }, body: '{"record":true}' });
    });

    afterAll(() => tearDown(stack, client, sim));

    it("the table covers every kind the SDK offers", () => {
      const sdkKinds = catalog.filter((e: any) => e.sdk).map((e: any) => e.kind).sort();
      expect([...new Set(table.map((r) => r.kind))].sort()).toEqual(sdkKinds);
    });

    it("preview rejects a bad input of any kind, naming the kind and the field", async () => {
      const bad = [{ kind: "VolumeTemplate", name: "bad", args: { config: "not a url" } }];
      await stack.ok(["config", "set", "resources", JSON.stringify(bad)]);
      const r = await stack.run(["preview"]);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain("VolumeTemplate.config: must be the absolute http(s) href of a VolumeConfiguration");
    });

    it("up creates every resource", async () => {
      await upTo("create");
      for (const row of table) {
        const d = await doc(ids[row.name]);
        expect(d, row.name).toBeDefined();
        expect(d.resourceURI, row.name).toBe(`http://schemas.dmtf.org/cimi/1/${row.kind}`);
        expect(d.name, row.name).toBe(row.name);
      }
    });

    it("lookups find resources by name, href and filter, through the stack config or an explicit endpoint", async () => {
      const image = seeded.machineImages["debian-12"];
      const lookups = [
        { name: "byName", fn: "getMachineImage", args: { name: "debian-12" } },
        { name: "byId", fn: "getMachineConfiguration", args: { id: seeded.machineConfigs["small"] } },
        { name: "byFilter", fn: "getVolumeConfiguration", args: { filter: { capacity: 100000000 } } },
        { name: "explicit", fn: "getNetworkConfiguration", args: { name: "public-1500" }, explicit: true },
        { name: "template", fn: "getSystemTemplate", args: { name: "web-pair" } },
        { name: "caps", fn: "getCapabilities", args: { kind: "Machine" } },
        { name: "cep", fn: "getCloudEntryPoint" },
      ];
      await stack.ok(["config", "set", "lookups", JSON.stringify(lookups)]);
      await stack.ok(["up", "--yes", "--skip-preview"]);
      const found = (await stack.outputs()).lookups;
      expect(found.byName).toMatchObject({ id: image, name: "debian-12", state: "AVAILABLE", type: "IMAGE", endpoint: sim.url });
      expect(found.byId).toMatchObject({ name: "small", cpu: 1, memory: 1048576, disks: [{ capacity: 10485760, format: "ext4", initialLocation: "/dev/vda" }] });
      expect(found.byFilter).toMatchObject({ name: "data-100g", capacity: 100000000 });
      expect(found.explicit).toMatchObject({ name: "public-1500", networkType: "PUBLIC" });
      expect(found.template.componentDescriptors[0]).toMatchObject({ name: "web", type: "Machine", quantity: 2 });
      expect(found.caps).toMatchObject({ MachineTemplateByValue: String(profile.simulator.templateByValue ?? true) });
      expect(found.cep.collections.machines).toBe(`${sim.baseURI}machines`);

      await stack.ok(["config", "set", "lookups", JSON.stringify([{ name: "missing", fn: "getMachineImage", args: { name: "no-such-image" } }])]);
      const r = await stack.run(["preview"]);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain(`getMachineImage: no MachineImage with name "no-such-image" on ${sim.url}`);
      await stack.ok(["config", "rm", "lookups"]);
    });

    it("monitoring lookups read a machine's meters with their samples and its event log with its events", async () => {
      const cpu = "http://schemas.dmtf.org/cimi/1/aspect/cpu";
      const lookups = [
        { name: "cpu", fn: "getMeter", args: { target: { $ref: "vm" }, filter: { aspect: cpu } } },
        { name: "log", fn: "getEventLog", args: { target: { $ref: "vm" } } },
        { name: "memory", fn: "getMeter", args: { name: "vm-memory" } },
        { name: "disk", fn: "getMeter", args: { target: { $ref: "vol" } } },
      ];
      await stack.ok(["config", "set", "lookups", JSON.stringify(lookups)]);
      await stack.ok(["up", "--yes", "--skip-preview"]);
      const found = (await stack.outputs()).lookups;
      expect(found.cpu).toMatchObject({ name: "vm-cpu", target: ids.vm, aspect: cpu, units: "percent", sampleInterval: 60, maxValue: "100", endpoint: sim.url });
      // A sample at creation (CREATING: 0) and one at each state change since.
      expect(found.cpu.samples.length).toBeGreaterThanOrEqual(2);
      expect(found.cpu.samples[0]).toEqual({ timestamp: expect.any(String), value: "0" });
      expect(Number(found.cpu.samples.at(-1).value)).toBeGreaterThan(0);
      expect(found.memory).toMatchObject({ target: ids.vm, units: "kilobytes" });
      expect(found.disk).toMatchObject({ name: "vol-disk", target: ids.vol, aspect: "http://schemas.dmtf.org/cimi/1/aspect/disk" });
      expect(found.log).toMatchObject({ name: "vm-events", target: ids.vm, persistence: "monthly" });
      const events = found.log.events;
      expect(events[0]).toMatchObject({ type: "http://schemas.dmtf.org/cimi/1/event/model", content: { change: "create", resName: "vm", resource: ids.vm }, outcome: "Success", severity: "low" });
      expect(events.find((e: any) => e.content.state === "STARTED")).toMatchObject({ type: "http://schemas.dmtf.org/cimi/1/event/state", content: { previous: "CREATING" } });
      expect(found.log.summary).toEqual({ low: events.length, medium: 0, high: 0, critical: 0 });

      const refused = async (args: unknown, message: string) => {
        await stack.ok(["config", "set", "lookups", JSON.stringify([{ name: "bad", fn: "getMeter", args }])]);
        const r = await stack.run(["preview"]);
        expect(r.code).not.toBe(0);
        expect(r.stdout + r.stderr).toContain(message);
      };
      await refused({ target: { $ref: "vm" } }, `getMeter: 2 resources match target ${ids.vm} on ${sim.url}; narrow it with a filter`);
      await refused({ target: seeded.machineImages["debian-12"] }, `getMeter: ${seeded.machineImages["debian-12"]} has no meters (the cloud keeps none for it)`);
      await refused({ target: { $ref: "vm" }, filter: { aspect: "no-such-aspect" } }, `getMeter: no Meter with target ${ids.vm} and filter {"aspect":"no-such-aspect"} on ${sim.url}`);
      await stack.ok(["config", "rm", "lookups"]);
    });

    it("a second up changes nothing, and a preview plans nothing", async () => {
      await clearRequests(sim);
      await stack.ok(["up", "--yes", "--skip-preview"]);
      expect(await mutations()).toEqual([]);
      expect(await stack.plan()).toEqual({});
    });

    it("secrets never appear in plaintext in the state", async () => {
      const exported = await stack.ok(["stack", "export"]);
      for (const s of SECRETS) expect(exported).not.toContain(s);
    });

    it("an edit of every kind updates it in place", async () => {
      const before = { ...ids };
      await stack.ok(["config", "set", "resources", JSON.stringify(specsAt("update"))]);
      const plan = await stack.plan();
      for (const row of table) expect(plan[row.name], row.name).toEqual(["update"]);
      await clearRequests(sim);
      await upTo("update");
      const sent = (await mutations()).map((r) => `${r.method} ${r.path}`);
      for (const row of table) {
        expect(ids[row.name], row.name).toBe(before[row.name]);
        expect((await doc(ids[row.name])).description, row.name).toBe(`${row.name} updated`);
        if (row.updateSends) expect(sent.some((s) => row.updateSends!.test(s)), `${row.name} sent ${row.updateSends}`).toBe(true);
      }
      expect(await stack.plan()).toEqual({});
    });

    it("an immutable change of every kind replaces it, and the old one goes", async () => {
      const before = { ...ids };
      await clearRequests(sim);
      await upTo("replace");
      const sent = (await mutations()).map((r) => `${r.method} ${r.path}`);
      const pathOf = (href: string) => new URL(href).pathname;
      for (const row of table) {
        expect(ids[row.name], row.name).not.toBe(before[row.name]);
        // An attachment lets go of what it holds before its replacement takes it.
        if (catalog.find((e: any) => e.kind === row.kind).exclusive) {
          const detached = sent.indexOf(`DELETE ${pathOf(before[row.name])}`);
          const attached = sent.indexOf(`POST ${pathOf(ids[row.name]).replace(/\/[^/]+$/, "")}`);
          expect([detached >= 0, attached >= 0, detached < attached], `${row.name}: ${sent.join(", ")}`).toEqual([true, true, true]);
        }
        expect(await doc(before[row.name]), `${row.name} old`).toBeUndefined();
        expect(await doc(ids[row.name]), row.name).toBeDefined();
      }
      expect(await stack.plan()).toEqual({});
    });

    it("refresh without drift changes nothing, and leaves no diff", async () => {
      await stack.ok(["refresh", "--yes", "--skip-preview"]);
      expect(await stack.plan()).toEqual({});
    });

    it("refresh finds drift made behind Pulumi's back, and up repairs it", async () => {
      // Edits first: an edit must not name a resource already deleted.
      for (const row of table.filter((r) => r.drift === "edit")) {
        const d = await doc(ids[row.name]);
        const { operations, resourceURI, ...body } = d;
        await client.update(d, { ...body, description: "drifted" }, row.kind, wait(row.kind));
      }
      for (const row of table.filter((r) => r.drift === "delete")) await client.delete(await doc(ids[row.name]), wait(row.kind));
      await stack.ok(["refresh", "--yes", "--skip-preview"]);
      const plan = await stack.plan();
      for (const row of table) expect(plan[row.name], row.name).toEqual([row.drift === "delete" ? "create" : "update"]);
      await upTo("replace");
      for (const row of table) expect((await doc(ids[row.name])).description, row.name).toBe(`${row.name} updated`);
      expect(await stack.plan()).toEqual({});
    });

    it("destroy deletes every resource, and what they made (a system's machines), leaving only the seed", async () => {
      const last = { ...ids };
      await stack.ok(["destroy", "--yes", "--skip-preview"]);
      for (const row of table) expect(await doc(last[row.name]), row.name).toBeUndefined();
      expect(await holdings()).toEqual(seeded);
    });

    it("adopt takes over existing resources (applying only what is given), get() only reads, and destroy deletes just the adopted", async () => {
      const opts = (kind: string) => ({ ...wait(kind), operation: "e2e setup" });
      const volume = await client.create("volumes", { name: "pre-existing", description: "before", volumeTemplate: { volumeConfig: { href: seeded.volumeConfigs["data-10g"] } } }, "VolumeCreate", opts("Volume"));
      const machine = await client.create("machines", { name: "legacy-vm", machineTemplate: { href: seeded.machineTemplates["small-ubuntu"] } }, "MachineCreate", opts("Machine"));
      const readOnly = seeded.machineImages["alpine-3-19"];
      const specs = [
        { kind: "Volume", name: "adopted-volume", args: { adopt: volume.href, description: "managed now" } },
        { kind: "Machine", name: "adopted-vm", args: { adopt: machine.href, state: "STOPPED" } },
        { kind: "MachineImage", name: "read-only", get: readOnly },
      ];
      await stack.ok(["config", "set", "resources", JSON.stringify(specs)]);
      await clearRequests(sim);
      await stack.ok(["up", "--yes", "--skip-preview"]);
      expect((await mutations()).filter((r) => r.method === "POST" && /\/(volumes|machines)$/.test(r.path))).toEqual([]);
      const out = await stack.outputs();
      expect(out.ids).toEqual({ "adopted-volume": volume.href, "adopted-vm": machine.href, "read-only": readOnly });
      expect(await doc(volume.href)).toMatchObject({ name: "pre-existing", description: "managed now" });
      expect((await doc(machine.href)).state).toBe("STOPPED");
      expect(await stack.plan()).toEqual({});

      await stack.ok(["destroy", "--yes", "--skip-preview"]);
      expect(await doc(volume.href)).toBeUndefined();
      expect(await doc(machine.href)).toBeUndefined();
      expect(await doc(readOnly)).toBeDefined();
    });

    if (profile.format === "xml") {
      it("every XML document the provider sent and the simulator served, for every kind, is valid CIMI (DSP8009)", async () => {
        const { exchanges } = await (await fetch(new URL("/_sim/bodies", sim.url))).json();
        const xml = xmlBodies(exchanges);
        expect(xml.length).toBeGreaterThan(50);
        expect(await schemaProblems(xml)).toEqual([]);
      });
    }
  });
}
