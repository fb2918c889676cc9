import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const ovf = dist("provider/src/ovf/index.js");

const spec = () => ({
  name: "shop",
  displayName: "Shop",
  networks: ["frontnet", { name: "backnet", description: "database traffic" }],
  disks: [
    { id: "web-disk", capacity: "10GiB", file: "web.vmdk" },
    { id: "db-disk", capacity: 20 * 2 ** 30, file: { href: "disks/db.vmdk", size: 1234 }, format: "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized" },
    { id: "scratch", capacity: "512MiB" },
  ],
  machines: [
    { name: "web", displayName: "Web server", cpus: 2, memoryMiB: 4096, disks: ["web-disk", "scratch"], nics: ["frontnet"], properties: { http_port: { value: 8080, type: "uint16", userConfigurable: true } } },
    { name: "db", cpus: 4, memoryMiB: 8192, disks: ["db-disk"], nics: ["frontnet", "backnet"] },
  ],
  properties: { domain: "shop.example.com", replicas: 2, ratio: 0.5, tls: false },
});

describe("ovf.envelope", () => {
  it("builds the model a program describes", () => {
    expect(ovf.envelope(spec())).toEqual({
      version: 1,
      references: [
        { id: "web-disk-file", href: "web.vmdk" },
        { id: "db-disk-file", href: "disks/db.vmdk", size: 1234 },
      ],
      disks: [
        { diskId: "web-disk", capacityBytes: 10 * 2 ** 30, fileRef: "web-disk-file" },
        { diskId: "db-disk", capacityBytes: 20 * 2 ** 30, fileRef: "db-disk-file", format: "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized" },
        { diskId: "scratch", capacityBytes: 512 * 2 ** 20 },
      ],
      networks: [{ name: "frontnet" }, { name: "backnet", description: "database traffic" }],
      content: {
        kind: "VirtualSystemCollection",
        id: "shop",
        name: "Shop",
        properties: [
          { key: "domain", value: "shop.example.com", type: "string", userConfigurable: false },
          { key: "replicas", value: "2", type: "sint64", userConfigurable: false },
          { key: "ratio", value: "0.5", type: "real64", userConfigurable: false },
          { key: "tls", value: "false", type: "boolean", userConfigurable: false },
        ],
        children: [
          {
            kind: "VirtualSystem",
            id: "web",
            name: "Web server",
            hardware: { cpus: 2, memoryBytes: 4 * 2 ** 30, disks: [{ diskId: "web-disk" }, { diskId: "scratch" }], nics: [{ network: "frontnet" }] },
            properties: [{ key: "http_port", value: "8080", type: "uint16", userConfigurable: true }],
          },
          {
            kind: "VirtualSystem",
            id: "db",
            hardware: { cpus: 4, memoryBytes: 8 * 2 ** 30, disks: [{ diskId: "db-disk" }], nics: [{ network: "frontnet" }, { network: "backnet" }] },
            properties: [],
          },
        ],
      },
    });
  });

  it.each([1, 2])("writes it as OVF %d.x that reads back the same", (version) => {
    const m = ovf.envelope({ ...spec(), version });
    expect(m.version).toBe(version);
    expect(ovf.fromXml(ovf.toXml(m))).toEqual(m);
  });

  it("reports every mistake at once, where it is", () => {
    const bad = spec();
    bad.disks[0].capacity = "10 gigs";
    bad.machines[0].disks.push("missing-disk");
    bad.machines[1].nics.push("nowhere");
    bad.machines[1].cpus = 0;
    bad.disks[1].file = { href: "../escape.vmdk", size: 1 };
    let error: any;
    try {
      ovf.envelope(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ovf.OvfError);
    expect(error.problems.map((p: any) => `${p.code} @ ${p.location}`)).toEqual([
      'value @ DiskSection > Disk "web-disk"',
      'unsafe-href @ References > File "db-disk-file"',
      'dangling-reference @ VirtualSystem "web"',
      'not-positive @ VirtualSystem "db" > VirtualHardwareSection',
      'dangling-reference @ VirtualSystem "db"',
    ]);
  });
});
