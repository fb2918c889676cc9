// What an endpoint's ResourceMetadata says may change in place refines the catalog's change modes.
import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { withMutability, mutabilityOf, refinedInputs, entry } = dist("provider/src/catalog/index.js");
const { decideDiff } = dist("provider/src/dynamic/diff.js");

const EP = "http://127.0.0.1:1/cimi/cloudEntryPoint";
const change = (e: any, name: string) => e.fields[name].input.change;

describe("catalog mutability", () => {
  it("says which attributes inputs are read back from may change in place", () => {
    expect(mutabilityOf(entry("AddressTemplate"))).toMatchObject({ name: true, description: true, properties: true, ip: true, network: true });
    expect(mutabilityOf(entry("NetworkConfiguration"))).toMatchObject({ mtu: false, networkType: false });
    // Inputs that are not read back (a machine's image) and outputs are not attributes a PUT could carry.
    expect(mutabilityOf(entry("Machine"))).not.toHaveProperty("image");
    expect(mutabilityOf(entry("Machine"))).not.toHaveProperty("cpu");
  });

  it("an attribute the cloud calls immutable replaces; one it calls mutable updates in place", () => {
    const tpl = withMutability(entry("AddressTemplate"), { ip: false });
    expect(change(tpl, "ip")).toBe("replace");
    expect(change(tpl, "hostname")).toBe("update");
    const conf = withMutability(entry("NetworkConfiguration"), { mtu: true });
    expect(change(conf, "mtu")).toBe("update");
    expect(change(conf, "networkType")).toBe("replace");
    expect(refinedInputs(entry("NetworkConfiguration"), conf)).toEqual(["mtu"]);
  });

  it("keeps the catalog's word for what the cloud does not name, for inputs it cannot read back, and for desired states", () => {
    const e = entry("Machine");
    expect(withMutability(e, {})).toBe(e);
    expect(withMutability(e, { state: true, image: true, machineImage: true })).toBe(e);
    expect(withMutability(entry("MachineVolume"), { machine: true }).fields.machine.input.change).toBe("replace");
  });

  it("drives diff: the same change updates on one cloud and replaces on another", () => {
    const olds = { networkType: "PRIVATE", mtu: 1500, endpoint: EP };
    const news = { networkType: "PRIVATE", mtu: 9000 };
    expect(decideDiff(entry("NetworkConfiguration"), olds, news, EP).replaces).toEqual(["mtu"]);
    expect(decideDiff(withMutability(entry("NetworkConfiguration"), { mtu: true }), olds, news, EP)).toMatchObject({ changes: true, replaces: [] });
  });
});
