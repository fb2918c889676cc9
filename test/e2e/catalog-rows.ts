// The table the catalog e2e runs: one row per resource kind, saying how to create it, an edit
// that must update it in place, a change that must replace it, and how to drift it behind
// Pulumi's back. `ref(name)` is the id of an earlier row's resource.
import { expect } from "vitest";

export type Args = Record<string, unknown>;

export interface Row {
  kind: string;
  /** Pulumi resource name, also the name the cloud gets. */
  name: string;
  create: Args;
  /** Merged over `create`; the suite adds a new description. Must update in place. */
  update?: Args;
  /** Merged over the above; must replace. Absent: the kind has no immutable input, so the suite replaces it through Pulumi's replacementTrigger. */
  replace?: Args;
  /** How the suite changes it behind Pulumi's back: edit its description, or delete it. */
  drift: "edit" | "delete";
  /** A request (method and path) the update step must have sent, e.g. a restart. */
  updateSends?: RegExp;
  /** Outputs to export, and what they must be after each up. */
  exports?: string[];
  expect?: (outputs: Record<string, any>) => void;
}

export const ref = (name: string) => ({ $ref: name });

/** Hrefs of seeded resources the rows refer to, by CEP collection and name. */
export type Seed = (cepKey: string, name: string) => string;

/** Given to the program as secret config; `secret(i)` stands for the i-th. */
export const SECRETS = ["s3cret-template-password-must-not-leak", "s3cret-credential-password-must-not-leak"];
const secret = (i: number) => ({ $secret: i });
/** Base64 cloud-init documents (user data). */
const USER_DATA = ["I2Nsb3VkLWNvbmZpZwpob3N0bmFtZTogd2ViCg==", "I2Nsb3VkLWNvbmZpZwpob3N0bmFtZTogd2ViMgo="];

export function rows(seed: Seed): Row[] {
  return [
    { kind: "MachineConfiguration", name: "mconf", create: { cpu: 2, memory: 2097152, disks: [{ capacity: 5000000, format: "ext4" }] }, replace: { cpu: 4 }, drift: "edit" },
    { kind: "MachineImage", name: "mimg", create: { imageLocation: "file:///images/custom-1.qcow2" }, replace: { imageLocation: "file:///images/custom-2.qcow2" }, drift: "delete" },
    { kind: "CredentialTemplate", name: "ctpl", create: { userName: "ops", password: secret(0), key: "ssh-ed25519 AAAAtemplate ops@e2e" }, replace: { userName: "ops2" }, drift: "edit" },
    { kind: "Credential", name: "cred", create: { template: ref("ctpl"), password: secret(1) }, replace: { userName: "root" }, drift: "edit" },
    {
      kind: "MachineTemplate",
      name: "mtpl",
      create: { config: ref("mconf"), image: seed("machineImages", "debian-12"), initialState: "STOPPED" },
      update: { initialState: "STARTED", credential: ref("cred") },
      drift: "edit",
    },
    {
      kind: "Machine",
      name: "vm",
      create: { template: seed("machineTemplates", "small-ubuntu"), state: "STARTED" },
      update: { restartTrigger: "after-config-change" },
      replace: { image: seed("machineImages", "alpine-3-19") },
      drift: "edit",
      updateSends: /^POST .*\/machines\/m-\d+\/restart$/,
    },
    // A capture of a machine: replaced when its machine is.
    { kind: "MachineImage", name: "capture", create: { machine: ref("vm") }, replace: {}, drift: "edit" },
    { kind: "VolumeConfiguration", name: "vconf", create: { capacity: 5000000, format: "xfs" }, replace: { capacity: 6000000 }, drift: "delete" },
    { kind: "VolumeTemplate", name: "vtpl", create: { config: ref("vconf") }, update: { image: seed("volumeImages", "empty-ext4") }, drift: "edit" },
    { kind: "Volume", name: "vol", create: { config: seed("volumeConfigs", "data-10g") }, replace: { config: seed("volumeConfigs", "data-100g") }, drift: "edit" },
    { kind: "Volume", name: "vol2", create: { template: ref("vtpl") }, replace: { template: seed("volumeTemplates", "data-small") }, drift: "delete" },
    { kind: "VolumeImage", name: "vimg", create: { volume: ref("vol") }, replace: { bootable: true }, drift: "delete" },
    { kind: "NetworkConfiguration", name: "nconf", create: { networkType: "PRIVATE", mtu: 9000 }, replace: { mtu: 1400 }, drift: "edit" },
    { kind: "NetworkTemplate", name: "ntpl", create: { config: ref("nconf"), initialState: "STOPPED" }, update: { initialState: "STARTED" }, drift: "edit" },
    {
      kind: "Network",
      name: "net",
      create: { config: seed("networkConfigs", "private-1500"), state: "STARTED" },
      update: { state: "STOPPED" },
      replace: { config: seed("networkConfigs", "public-1500") },
      drift: "edit",
      updateSends: /^POST .*\/networks\/n-\d+\/stop$/,
    },
    { kind: "Network", name: "net2", create: { template: ref("ntpl") }, replace: { template: seed("networkTemplates", "private-started") }, drift: "delete" },
    { kind: "ForwardingGroupTemplate", name: "fgtpl", create: { networks: [ref("net")] }, update: { networks: [ref("net"), ref("net2")] }, drift: "edit" },
    { kind: "ForwardingGroup", name: "fg", create: { networks: [ref("net")] }, update: { networks: [ref("net"), ref("net2")] }, replace: { template: ref("fgtpl") }, drift: "delete" },
    { kind: "NetworkPortConfiguration", name: "npconf", create: { portType: "ACCESS" }, replace: { portType: "TRUNK" }, drift: "delete" },
    { kind: "NetworkPortTemplate", name: "nptpl", create: { config: ref("npconf"), network: ref("net") }, update: { config: seed("networkPortConfigs", "trunk") }, drift: "edit" },
    { kind: "NetworkPort", name: "port", create: { network: ref("net"), config: seed("networkPortConfigs", "access"), state: "STARTED" }, update: { state: "STOPPED" }, replace: { config: seed("networkPortConfigs", "trunk") }, drift: "edit" },
    { kind: "AddressTemplate", name: "atpl", create: { ip: "192.0.2.20", allocation: "static", protocol: "IPv4" }, update: { ip: "192.0.2.21" }, drift: "edit" },
    { kind: "Address", name: "addr", create: { ip: "192.0.2.30", network: ref("net") }, replace: { ip: "192.0.2.31" }, drift: "delete" },
    { kind: "MachineNetworkInterface", name: "nic", create: { machine: ref("vm"), network: ref("net") }, replace: { network: ref("net2") }, drift: "delete" },
    {
      kind: "SystemTemplate",
      name: "systpl",
      create: {
        componentDescriptors: [
          { name: "app", type: "Machine", machineTemplate: seed("machineTemplates", "medium-debian"), quantity: 2 },
          { name: "disk", type: "Volume", volumeTemplate: ref("vtpl") },
        ],
      },
      drift: "edit",
    },
    {
      kind: "System",
      name: "sys",
      create: { template: ref("systpl"), state: "STOPPED" },
      update: { state: "STARTED" },
      replace: { template: seed("systemTemplates", "web-pair") },
      drift: "edit",
      updateSends: /^POST .*\/systems\/s-\d+\/start$/,
      exports: ["machines", "volumes", "networks"],
      // Two machines and a volume of its own, plus members added by the rows below once they exist.
      expect: (o) => {
        expect(o.machines.length).toBeGreaterThanOrEqual(2);
        expect(o.volumes.length).toBeGreaterThanOrEqual(1);
      },
    },
    // Members added to a system; the replace step replaces them through their system's replacement.
    { kind: "SystemMachine", name: "sys-vm", create: { system: ref("sys"), machine: ref("vm") }, replace: {}, drift: "delete" },
    { kind: "SystemVolume", name: "sys-vol", create: { system: ref("sys"), volume: ref("vol") }, replace: {}, drift: "edit" },
    { kind: "SystemNetwork", name: "sys-net", create: { system: ref("sys"), network: ref("net") }, replace: {}, drift: "delete" },
    { kind: "MachineVolume", name: "mvol", create: { machine: ref("vm"), volume: ref("vol"), initialLocation: "/dev/vdb" }, replace: { initialLocation: "/dev/vdc" }, drift: "delete" },
    // An address added to an interface of the machine; its interface and address are edited, not deleted, on drift.
    { kind: "MachineNetworkInterface", name: "nic2", create: { machine: ref("vm"), network: ref("net") }, replace: { mtu: 1400 }, drift: "edit" },
    { kind: "Address", name: "addr2", create: { ip: "192.0.2.40", network: ref("net") }, replace: { ip: "192.0.2.41" }, drift: "edit" },
    { kind: "MachineNetworkInterfaceAddress", name: "nicaddr", create: { networkInterface: ref("nic2"), address: ref("addr2") }, replace: {}, drift: "delete" },
    // What a template gives a machine besides its configuration and image: user data, a volume to
    // attach and a network interface; a machine made from it adds an interface of its own.
    {
      kind: "MachineTemplate",
      name: "mtpl2",
      create: {
        config: seed("machineConfigs", "small"),
        image: seed("machineImages", "debian-12"),
        userData: USER_DATA[0],
        volumes: [{ volume: ref("vol"), initialLocation: "/dev/vdd" }],
        networkInterfaces: [{ network: ref("net") }],
      },
      update: { userData: USER_DATA[1], networkInterfaces: [{ network: ref("net"), mtu: 1400 }] },
      drift: "edit",
    },
    {
      kind: "Machine",
      name: "vm2",
      create: { template: ref("mtpl2"), state: "STOPPED", userData: USER_DATA[1], networkInterfaces: [{ network: ref("net"), mtu: 9000 }, { network: ref("net"), state: "Passive" }] },
      replace: { userData: USER_DATA[0] },
      drift: "edit",
      exports: ["addresses", "disks", "networkInterfaces"],
      // Its own two interfaces (over the template's one), each with an address; the small configuration's disk.
      expect: (o) => {
        expect(o.addresses).toHaveLength(2);
        expect(o.disks).toEqual([{ capacity: 10485760, initialLocation: "/dev/vda" }]);
        expect(o.networkInterfaces.map((n: any) => n.state)).toEqual(["Active", "Passive"]);
      },
    },
  ];
}
