import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { checkInputs } = dist("provider/src/dynamic/check.js");
const { UNKNOWN } = dist("provider/src/dynamic/model.js");
const { parseDuration } = dist("provider/src/dynamic/timeouts.js");
const { Machine } = dist("provider/src/catalog/compute.js");

const T = "http://127.0.0.1:1/cimi/machineTemplates/small";

describe("check() of Machine inputs", () => {
  it("accepts a template reference", () => {
    expect(checkInputs(Machine, { name: "web", template: T, state: "STARTED" }).failures).toEqual([]);
  });

  it("accepts config + image", () => {
    expect(checkInputs(Machine, { name: "w", config: T, image: T }).failures).toEqual([]);
  });

  it("names the missing alternative", () => {
    const { failures } = checkInputs(Machine, { name: "w", config: T });
    expect(failures).toEqual([{ property: "image", reason: "Machine.image: give template, or config + image" }]);
  });

  it("names each bad field", () => {
    const { failures } = checkInputs(Machine, { name: 5, template: "not a url", state: "RUNNING", properties: { a: 1 }, bogus: true });
    const byField = Object.fromEntries(failures.map((f: any) => [f.property, f.reason]));
    expect(Object.keys(byField).sort()).toEqual(["bogus", "name", "properties", "state", "template"]);
    expect(byField.state).toContain("STARTED, STOPPED, PAUSED, SUSPENDED");
    expect(byField.template).toContain("href");
    expect(byField.properties).toBe("Machine.properties.a: map values must be strings");
  });

  it("refuses text XML cannot carry, in strings and map values, naming the field and the character", () => {
    const { failures } = checkInputs(Machine, { name: "w", template: T, description: "bell \u0007", properties: { k: "nul \u0000" } });
    const byField = Object.fromEntries(failures.map((f: any) => [f.property, f.reason]));
    expect(byField.description).toBe("Machine.description: contains the control character U+0007, which CIMI's XML encoding cannot carry");
    expect(byField.properties).toMatch(/Machine\.properties\.k: contains the control character U\+0000/);
    expect(checkInputs(Machine, { name: "w", template: T, description: "tab\tand newline\n é <&>" }).failures).toEqual([]);
  });

  it("accepts values still unknown at preview", () => {
    expect(checkInputs(Machine, { name: UNKNOWN, template: UNKNOWN, state: UNKNOWN, properties: { a: UNKNOWN } }).failures).toEqual([]);
  });

  it("rejects a timeout that is not a duration", () => {
    const { failures } = checkInputs(Machine, { template: T, timeouts: { create: "ten minutes" } });
    expect(failures).toEqual([{ property: "timeouts", reason: expect.stringContaining("Machine.timeouts.create: \"ten minutes\" is not a duration") }]);
  });

  it.each(["0s", "0", "200h"])("rejects the timeout %s as out of range", (value) => {
    const { failures } = checkInputs(Machine, { template: T, timeouts: { delete: value } });
    expect(failures).toEqual([{ property: "timeouts", reason: expect.stringContaining("must be between 1s and 168h") }]);
  });

  it.each(["ftp://x/y", "/cimi/machineTemplates/a", "machineTemplates/a"])("rejects %s as a template href", (href) => {
    const { failures } = checkInputs(Machine, { template: href });
    expect(failures).toEqual([{ property: "template", reason: "Machine.template: must be the absolute http(s) href of a MachineTemplate" }]);
  });

  it("drops undefined inputs and the provider text", () => {
    expect(checkInputs(Machine, { template: T, description: undefined, __provider: "x" }).inputs).toEqual({ template: T });
  });
});

describe("durations", () => {
  it.each([
    ["90s", 90],
    ["10m", 600],
    ["1h30m", 5400],
    ["250ms", 0.25],
    ["45", 45],
  ])("%s is %d seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));
  it.each(["", "10 minutes", "m10", "-5"])("%s is invalid", (text) => expect(parseDuration(text)).toBeUndefined());
});

describe("check() of what a create needs, and of adopt", () => {
  const { MachineVolume } = dist("provider/src/catalog/compute.js");
  const M = "http://127.0.0.1:1/cimi/machines/m-1";

  it("names each missing required input", () => {
    const { failures } = checkInputs(MachineVolume, { machine: M });
    expect(failures).toEqual([{ property: "volume", reason: "MachineVolume.volume: is required (or give adopt)" }]);
  });

  it("asks nothing of a resource that adopts an existing one", () => {
    expect(checkInputs(MachineVolume, { adopt: `${M}/volumes/mv-1` }).failures).toEqual([]);
    expect(checkInputs(Machine, { adopt: M, state: "STOPPED" }).failures).toEqual([]);
  });

  it("still checks the type of what is given with adopt", () => {
    const { failures } = checkInputs(Machine, { adopt: "not a url" });
    expect(failures).toEqual([{ property: "adopt", reason: "Machine.adopt: must be the absolute http(s) href of a Machine" }]);
  });
});

describe("check() of what a machine is given at creation", () => {
  const { checkValues } = dist("provider/src/dynamic/values.js");
  const { MachineTemplate } = dist("provider/src/catalog/compute.js");
  const N = "http://127.0.0.1:1/cimi/networks/n-1";

  it("fills in a network interface's default state, so state and diffs hold it", () => {
    const { inputs, failures } = checkInputs(Machine, { name: "w", template: T, networkInterfaces: [{ network: N }, { network: N, state: "Passive", mtu: 1400 }] });
    expect(failures).toEqual([]);
    expect(inputs.networkInterfaces).toEqual([{ network: N, state: "Active" }, { network: N, state: "Passive", mtu: 1400 }]);
    // Values not known at preview stay as they are.
    expect(checkInputs(Machine, { name: "w", template: T, networkInterfaces: UNKNOWN }).inputs.networkInterfaces).toBe(UNKNOWN);
  });

  it("names the bad part of a list of objects", () => {
    const { failures } = checkInputs(MachineTemplate, { config: T, image: T, volumes: [{ initialLocation: "/dev/vdb" }], networkInterfaces: [{ network: "lan", state: "Up" }] });
    const reasons = failures.map((f: any) => f.reason).sort();
    expect(reasons).toEqual([
      "MachineTemplate.networkInterfaces.0.network: must be the absolute http(s) href of a Network",
      "MachineTemplate.networkInterfaces.0.state: must be one of Active, Passive, Disabled",
      "MachineTemplate.volumes.0.volume: must be the href of a Volume",
    ]);
  });

  it("takes user data as Base64 only", async () => {
    expect(await checkValues(Machine, { userData: "I2Nsb3VkLWNvbmZpZwo=" })).toEqual([]);
    expect(await checkValues(Machine, { userData: "#cloud-config" })).toEqual([
      { property: "userData", reason: 'Machine.userData: must be Base64 text, e.g. Buffer.from(script).toString("base64")' },
    ]);
  });
});
