import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { decideDiff } = dist("provider/src/dynamic/diff.js");
const { UNKNOWN } = dist("provider/src/dynamic/model.js");
const { Machine } = dist("provider/src/catalog/compute.js");

const EP = "http://127.0.0.1:1/cimi/cloudEntryPoint";
const olds = {
  name: "web",
  description: "d",
  template: "http://c/machineTemplates/t",
  image: "http://c/machineImages/a",
  state: "STARTED",
  properties: { owner: "x" },
  cpu: 1,
  addresses: ["10.0.0.2"],
  endpoint: EP,
};
const inputs = { name: "web", description: "d", template: "http://c/machineTemplates/t", image: "http://c/machineImages/a", state: "STARTED", properties: { owner: "x" } };

describe("diff decisions for Machine", () => {
  it("no change: no diff at all, outputs-only fields ignored", () => {
    expect(decideDiff(Machine, olds, inputs, EP)).toMatchObject({ changes: false, replaces: [] });
  });

  it("description: update in place", () => {
    expect(decideDiff(Machine, olds, { ...inputs, description: "new" }, EP)).toMatchObject({ changes: true, replaces: [], changed: ["description"] });
  });

  it("removing an optional field is a change", () => {
    const { description, ...rest } = inputs;
    expect(decideDiff(Machine, olds, rest, EP)).toMatchObject({ changes: true, replaces: [], changed: ["description"] });
  });

  it("image: replace", () => {
    expect(decideDiff(Machine, olds, { ...inputs, image: "http://c/machineImages/b" }, EP)).toMatchObject({ changes: true, replaces: ["image"], deleteBeforeReplace: false });
  });

  it("an image still unknown at preview may replace", () => {
    expect(decideDiff(Machine, olds, { ...inputs, image: UNKNOWN }, EP)).toMatchObject({ changes: true, replaces: ["image"] });
  });

  it("an unknown description is an update, not a replace", () => {
    expect(decideDiff(Machine, olds, { ...inputs, description: UNKNOWN }, EP)).toMatchObject({ changes: true, replaces: [] });
  });

  it("desired state: change is an update (through actions); unset means unmanaged", () => {
    expect(decideDiff(Machine, olds, { ...inputs, state: "STOPPED" }, EP)).toMatchObject({ changes: true, replaces: [], changed: ["state"] });
    const { state, ...unmanaged } = inputs;
    expect(decideDiff(Machine, olds, unmanaged, EP)).toMatchObject({ changes: false });
  });

  it("timeouts change nothing in the cloud but are recorded", () => {
    expect(decideDiff(Machine, olds, { ...inputs, timeouts: { create: "1m" } }, EP)).toMatchObject({ changes: true, replaces: [] });
  });

  it("an empty map equals no map", () => {
    expect(decideDiff(Machine, { ...olds, properties: undefined }, { ...inputs, properties: {} }, EP)).toMatchObject({ changes: false });
  });

  it("a property value change is an update", () => {
    expect(decideDiff(Machine, olds, { ...inputs, properties: { owner: "y" } }, EP)).toMatchObject({ changes: true, replaces: [] });
  });

  it.each([`${EP}/`, `${EP}?tenant=a`, EP.replace("http:", "HTTP:")])("another spelling of the endpoint (%s) is no move", (spelling) => {
    expect(decideDiff(Machine, olds, inputs, spelling)).toMatchObject({ changes: false, replaces: [] });
  });

  it("moving to another endpoint replaces", () => {
    expect(decideDiff(Machine, olds, inputs, "http://127.0.0.1:2/cimi/cloudEntryPoint")).toMatchObject({ changes: true, replaces: ["endpoint"] });
  });
});

describe("diff decisions for trigger and adopt inputs", () => {
  it("a changed restart trigger updates in place", () => {
    expect(decideDiff(Machine, { ...olds, restartTrigger: "a" }, { ...inputs, restartTrigger: "b" }, EP)).toMatchObject({ changes: true, replaces: [], changed: ["restartTrigger"] });
  });

  it("adopting another resource replaces", () => {
    expect(decideDiff(Machine, { ...olds, adopt: "http://c/machines/1" }, { ...inputs, adopt: "http://c/machines/2" }, EP)).toMatchObject({ replaces: ["adopt"] });
  });
});

describe("diff decisions for attachments", () => {
  const { catalog } = dist("provider/src/catalog/index.js");
  const kind = (k: string) => catalog.find((e: any) => e.kind === k);
  const attached = { machine: "http://c/machines/m1", volume: "http://c/volumes/v1", initialLocation: "/dev/vdb", endpoint: EP };

  it("a replaced attachment is detached before its replacement attaches the same volume", () => {
    const { endpoint: _e, ...given } = attached;
    expect(decideDiff(kind("MachineVolume"), attached, { ...given, initialLocation: "/dev/vdc" }, EP)).toMatchObject({ replaces: ["initialLocation"], deleteBeforeReplace: true });
    expect(decideDiff(kind("MachineVolume"), attached, { ...given, description: "x" }, EP)).toMatchObject({ replaces: [], deleteBeforeReplace: false });
  });

  it("so is every association item (an address on an interface, a system's member)", () => {
    for (const k of ["MachineNetworkInterfaceAddress", "SystemMachine", "SystemVolume", "SystemNetwork"]) expect(kind(k).exclusive, k).toBe(true);
    for (const k of ["Machine", "Volume", "MachineNetworkInterface"]) expect(kind(k).exclusive, k).toBeUndefined();
  });
});
