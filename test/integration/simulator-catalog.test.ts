// The simulator serves every catalog kind from the catalog alone: CEP collections, sub-collections
// of a parent (a machine's volumes), systems and their components, ResourceMetadata. Driven through
// the client Session over loopback HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dist } from "../helpers/dist";
import { byName, session, simulator, type RunningSimulator } from "../helpers/simulator";

const { catalog } = dist("provider/src/catalog/index.js");

describe("the simulator serves the catalog", () => {
  let sim: RunningSimulator;
  let s: any;
  const opts = (kind: string) => ({ operation: "test", states: catalog.find((e: any) => e.kind === kind).states, deadline: Date.now() + 10_000 });
  const create = async (cepKey: string, body: any, type: string, kind: string) => (await s.create(cepKey, body, type, opts(kind))).href as string;
  const items = async (href: string) => s.itemsOf(await s.getRequired(href, "test"));

  beforeAll(async () => {
    sim = await simulator({ jobDurationMs: 20 });
    s = session(sim.url);
  });
  afterAll(async () => {
    await s.close();
    await sim.close();
  });

  it("offers a collection with an add operation for every CEP kind but those the cloud makes itself", async () => {
    const { collections } = await s.discover();
    for (const e of catalog.filter((x: any) => x.cepKey)) {
      expect(collections[e.cepKey], e.kind).toBe(`${sim.baseURI}${e.cepKey}`);
      const coll = await s.getRequired(collections[e.cepKey], "test");
      expect(coll.resourceURI, e.kind).toBe(`http://schemas.dmtf.org/cimi/1/${e.kind}Collection`);
      // The SystemCollection also imports OVF packages (SPEC §15.2).
      const extra = e.kind === "System" ? [{ rel: "http://schemas.dmtf.org/cimi/1/action/import", href: `${collections[e.cepKey]}/import` }] : [];
      expect(coll.operations, e.kind).toEqual(e.readOnly ? undefined : [{ rel: "add", href: collections[e.cepKey] }, ...extra]);
    }
    // Even a client that posts without asking: 405.
    const refused = await fetch(`${sim.baseURI}meters`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET");
    expect((await refused.json()).statusMessage).toBe(`Meters are made by the cloud for the resources it runs; ${sim.baseURI}meters takes no POST`);
  });

  it("monitors what it runs: meters sampled at each state change, an event log of changes, gone with the resource", async () => {
    const machine = await create("machines", { name: "watched", machineTemplate: { href: await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu") } }, "MachineCreate", "Machine");
    let m = await s.getRequired(machine, "test");
    expect(m.meters.href).toBe(`${machine}/meters`);
    const meters = await items(m.meters.href);
    expect(meters.map((x: any) => [x.name, x.aspect, x.units, x.targetResource.href])).toEqual([
      ["watched-cpu", "http://schemas.dmtf.org/cimi/1/aspect/cpu", "percent", machine],
      ["watched-memory", "http://schemas.dmtf.org/cimi/1/aspect/memory", "kilobytes", machine],
    ]);
    await s.action(m, "stop", {}, { ...opts("Machine"), expectState: "STOPPED" });
    m = await s.getRequired(machine, "test");
    await s.update(m, { ...m, operations: undefined, description: "edited" }, "Machine", opts("Machine"));
    const memory = (await items(meters[1].samples.href)).map((x: any) => x.sample.value);
    // created (CREATING), started, stopping, stopped: memory is counted while the machine is STARTED.
    expect(memory).toEqual(["0", "1048576", "0", "0"]);

    const log = await s.getRequired(m.eventLog.href, "test");
    expect(log).toMatchObject({ name: "watched-events", targetResource: { href: machine }, summary: { low: 5, medium: 0, high: 0, critical: 0 } });
    const events = await items(log.events.href);
    expect(events.map((x: any) => [x.type.split("/").pop(), x.content.change ?? `${x.content.previous}->${x.content.state}`])).toEqual([
      ["model", "create"],
      ["state", "CREATING->STARTED"],
      ["state", "STARTED->STOPPING"],
      ["state", "STOPPING->STOPPED"],
      ["model", "update"],
    ]);
    expect(events[1].content).toMatchObject({ resName: "watched", resource: machine, resType: "http://schemas.dmtf.org/cimi/1/Machine" });
    expect(await s.getRequired(events[1].id, "test")).toMatchObject({ outcome: "Success", severity: "low" });

    await s.delete(await s.getRequired(machine, "test"), opts("Machine"));
    for (const gone of [meters[0].id, meters[1].id, log.id]) expect(await s.get(gone)).toBeUndefined();
  });

  it("attaches a volume in the machine's volumes sub-collection, and drops the attachment with the machine", async () => {
    const machine = await create("machines", { name: "m", machineTemplate: { href: await byName(s, "machineTemplates", "machineTemplates", "small-ubuntu") } }, "MachineCreate", "Machine");
    const volume = await create("volumes", { name: "v", volumeTemplate: { volumeConfig: { href: await byName(s, "volumeConfigs", "volumeConfigurations", "data-10g") } } }, "VolumeCreate", "Volume");
    expect(await s.getRequired(volume, "test")).toMatchObject({ state: "AVAILABLE", capacity: 10000000 });
    const m = await s.getRequired(machine, "test");
    const attachment = await s.createIn(m.volumes.href, { volume: { href: volume }, initialLocation: "/dev/vdb" }, "MachineVolume", opts("MachineVolume"));
    expect(attachment.href).toMatch(new RegExp(`^${machine}/volumes/mv-\\d+$`));
    expect(await items(m.volumes.href)).toMatchObject([{ volume: { href: volume }, initialLocation: "/dev/vdb" }]);

    const bad = await s.createIn(m.volumes.href, { volume: { href: `${sim.baseURI}volumes/nope` } }, "MachineVolume", opts("MachineVolume")).catch((e: any) => e);
    expect(bad.details.status).toBe(400);

    // A snapshot of the volume is listed among its images, until it is deleted.
    const snapshot = await create("volumeImages", { name: "snap", imageLocation: volume }, "VolumeImage", "VolumeImage");
    const images = (await s.getRequired(volume, "test")).images.href;
    expect(await items(images)).toMatchObject([{ volumeImage: { href: snapshot } }]);
    await s.delete(await s.getRequired(snapshot, "test"), opts("VolumeImage"));
    expect(await items(images)).toEqual([]);

    await s.delete(await s.getRequired(machine, "test"), opts("Machine"));
    expect(await s.get(attachment.href)).toBeUndefined();
    expect(await s.get(volume)).toBeDefined();
  });

  it("gives a machine what its template lists: volumes attached, network interfaces with addresses, disks from its configuration", async () => {
    const config = await byName(s, "machineConfigs", "machineConfigurations", "medium");
    const image = await byName(s, "machineImages", "machineImages", "debian-12");
    const network = await create("networks", { name: "lan", networkTemplate: { networkConfig: { href: await byName(s, "networkConfigs", "networkConfigurations", "private-1500") } } }, "NetworkCreate", "Network");
    const volume = await create("volumes", { name: "data", volumeTemplate: { volumeConfig: { href: await byName(s, "volumeConfigs", "volumeConfigurations", "data-10g") } } }, "VolumeCreate", "Volume");
    const address = await create("addresses", { name: "fixed", addressTemplate: { ip: "192.0.2.7", network: { href: network } } }, "AddressCreate", "Address");
    const template = await create(
      "machineTemplates",
      {
        name: "wired",
        machineConfig: { href: config },
        machineImage: { href: image },
        userData: "I2Nsb3VkLWNvbmZpZwo=",
        volumes: [{ href: volume, initialLocation: "/dev/vdb" }],
        networkInterfaces: [{ network: { href: network }, addresses: [{ href: address }], state: "Active" }, { network: { href: network }, state: "Passive", mtu: 1400 }],
      },
      "MachineTemplate",
      "MachineTemplate",
    );
    expect(await s.getRequired(template, "test")).toMatchObject({ userData: "I2Nsb3VkLWNvbmZpZwo=", volumes: [{ href: volume, initialLocation: "/dev/vdb" }] });

    const machine = await create("machines", { name: "wired-1", machineTemplate: { href: template } }, "MachineCreate", "Machine");
    const m = await s.getRequired(machine, "test");
    expect(await items(m.volumes.href)).toMatchObject([{ volume: { href: volume }, initialLocation: "/dev/vdb" }]);
    const nics = await items(m.networkInterfaces.href);
    expect(nics.map((n: any) => [n.name, n.network?.href, n.state, n.mtu])).toEqual([
      ["eth0", network, "Active", undefined],
      ["eth1", network, "Passive", 1400],
    ]);
    expect((await items(nics[0].addresses.href)).map((a: any) => a.address.href)).toEqual([address]);
    expect(await s.getRequired(address, "test")).toMatchObject({ ip: "192.0.2.7", resource: { href: machine } });
    expect(await items(nics[1].addresses.href)).toHaveLength(1);
    expect(await items(m.disks.href)).toMatchObject([{ capacity: 10485760, initialLocation: "/dev/vda" }]);

    // A machine's own list replaces its template's; a reference to nothing is refused and makes nothing.
    const own = await create("machines", { name: "wired-2", machineTemplate: { href: template, networkInterfaces: [{ network: { href: network }, state: "Active" }] } }, "MachineCreate", "Machine");
    expect(await items((await s.getRequired(own, "test")).networkInterfaces.href)).toHaveLength(1);
    const before = (await items(`${sim.baseURI}machines`)).length;
    const bad = await s
      .create("machines", { name: "bad", machineTemplate: { href: template, volumes: [{ href: `${sim.baseURI}volumes/nope` }] } }, "MachineCreate", opts("Machine"))
      .catch((e: any) => e);
    expect(bad.details.status).toBe(400);
    expect(bad.message).toContain('"machineTemplate.volumes[0].volume": Volume');
    expect(await items(`${sim.baseURI}machines`)).toHaveLength(before);

    // Another address on an interface, through its addresses sub-collection; taking it off unbinds it.
    const extra = await create("addresses", { name: "extra", addressTemplate: { ip: "192.0.2.8" } }, "AddressCreate", "Address");
    const added = await s.createIn(nics[1].addresses.href, { address: { href: extra } }, "MachineNetworkInterfaceAddress", opts("MachineNetworkInterfaceAddress"));
    expect(added.href).toMatch(new RegExp(`^${nics[1].id}/addresses/mnia-\\d+$`));
    expect(await s.getRequired(extra, "test")).toMatchObject({ resource: { href: machine } });
    expect(await items(nics[1].addresses.href)).toHaveLength(2);
    // Given to another machine meanwhile (a replacement made before the old one goes): the old link
    // going leaves it bound to the new machine.
    const ownNic = (await items((await s.getRequired(own, "test")).networkInterfaces.href))[0];
    const moved = await s.createIn(ownNic.addresses.href, { address: { href: extra } }, "MachineNetworkInterfaceAddress", opts("MachineNetworkInterfaceAddress"));
    expect(await s.getRequired(extra, "test")).toMatchObject({ resource: { href: own } });
    await s.delete(await s.getRequired(added.href, "test"), opts("MachineNetworkInterfaceAddress"));
    expect(await s.getRequired(extra, "test")).toMatchObject({ resource: { href: own } });
    expect(await items(nics[1].addresses.href)).toHaveLength(1);
    await s.delete(await s.getRequired(moved.href, "test"), opts("MachineNetworkInterfaceAddress"));
    expect(await s.getRequired(extra, "test")).not.toHaveProperty("resource");

    // Deleting the machine unbinds the address it was given and deletes the one it was assigned.
    const assigned = (await items(nics[1].addresses.href))[0].address.href;
    await s.delete(await s.getRequired(machine, "test"), opts("Machine"));
    expect(await s.getRequired(address, "test")).not.toHaveProperty("resource");
    expect(await s.get(assigned)).toBeUndefined();
    expect(await s.get(volume)).toBeDefined();
  });

  it("makes a system's components, starts and stops its machines, and deletes what it made", async () => {
    const template = await byName(s, "systemTemplates", "systemTemplates", "web-pair");
    const system = await create("systems", { name: "shop", systemTemplate: { href: template } }, "SystemCreate", "System");
    let doc = await s.getRequired(system, "test");
    expect(doc.state).toBe("STARTED");
    const machines = await items(doc.machines.href);
    expect(machines.map((m: any) => m.name)).toEqual(["web1", "web2"]);
    expect(await items(doc.volumes.href)).toHaveLength(1);
    expect(await items(doc.networks.href)).toHaveLength(1);

    await s.action(doc, "stop", {}, { ...opts("System"), expectState: "STOPPED" });
    for (const m of machines) expect((await s.getRequired(m.machine.href, "test")).state).toBe("STOPPED");

    doc = await s.getRequired(system, "test");
    await s.delete(doc, opts("System"));
    for (const m of machines) expect(await s.get(m.machine.href)).toBeUndefined();
  });

  it("describes every kind in ResourceMetadata, with the by-value capability of template kinds", async () => {
    expect(await s.capabilities("Volume")).toEqual({ VolumeTemplateByValue: "true" });
    expect(await s.capabilities("Network")).toMatchObject({ NetworkTemplateByValue: "true", InitialStates: "STARTED,STOPPED" });
    expect(await s.capabilities("VolumeConfiguration")).toEqual({});
  });

  it("refuses a machine asked to start in a state its InitialStates capability does not list", async () => {
    const other = await simulator({ jobDurationMs: 0, initialStates: { Machine: ["STARTED"] } });
    const o = session(other.url);
    try {
      expect(await o.capabilities("Machine")).toMatchObject({ InitialStates: "STARTED", DefaultInitialState: "STARTED" });
      const template = await byName(o, "machineTemplates", "machineTemplates", "medium-debian");
      const bad = await o.create("machines", { name: "p", machineTemplate: { href: template, initialState: "PAUSED" } }, "MachineCreate", opts("Machine")).catch((e: any) => e);
      expect(bad.details.status).toBe(400);
      expect(bad.message).toContain("Machines here start in STARTED (InitialStates), not PAUSED");
    } finally {
      await o.close();
      await other.close();
    }
    await expect(simulator({ initialStates: { Machine: ["RUNNING"] } })).rejects.toThrow("RUNNING is not a state of Machine");
  });

  it("publishes which attributes may change in place, and a profile can differ from the catalog", async () => {
    expect((await s.metadata("AddressTemplate")).mutable).toMatchObject({ ip: true, name: true });
    expect((await s.metadata("NetworkConfiguration")).mutable).toMatchObject({ mtu: false });
    const other = await simulator({ jobDurationMs: 0, mutable: { "AddressTemplate.ip": false, "NetworkConfiguration.mtu": true } });
    const o = session(other.url);
    try {
      expect((await o.metadata("AddressTemplate")).mutable).toMatchObject({ ip: false, hostname: true });
      const conf = await o.create("networkConfigs", { name: "c", networkType: "PRIVATE", mtu: 1500 }, "NetworkConfiguration", opts("NetworkConfiguration"));
      const doc = await o.getRequired(conf.href, "test");
      await o.update(doc, { ...doc, operations: undefined, mtu: 9000 }, "NetworkConfiguration", opts("NetworkConfiguration"));
      expect(await o.getRequired(conf.href, "test")).toMatchObject({ mtu: 9000 });
    } finally {
      await o.close();
      await other.close();
    }
    await expect(simulator({ mutable: { "AddressTemplate.nope": true } })).rejects.toThrow('AddressTemplate has no attribute "nope" a consumer sets');
  });
});
