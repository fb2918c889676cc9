// SPEC §15.2 / Annex A: what an import creates, and the envelope an export writes back.
import { describe, expect, it } from "vitest";
import type { OvfEntity, OvfEnvelope, OvfProperty } from "../../../provider/src/ovf/model";
import { dist } from "../../helpers/dist";
import { fixture, SHOP, shop } from "./fixtures";

const { toCimiSystem, fromCimiSystem, fromXml, toXml, OvfError } = dist("provider/src/ovf/index.js");

const KiB = 1024;
const VMDK = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";

/**
 * An envelope member by member, as an import sees it: systems by id with display name and
 * children, machines with CPU, memory, attached disks (capacity and image) and networks. File ids,
 * which CIMI does not keep, are left out; hrefs stay.
 */
function members(m: OvfEnvelope) {
  const disks = new Map(m.disks.map((d) => [d.diskId, d]));
  const files = new Map(m.references.map((f) => [f.id, f]));
  const entity = (e: OvfEntity): unknown =>
    e.kind === "VirtualSystem"
      ? {
          machine: e.id,
          name: e.name,
          cpus: e.hardware?.cpus,
          memoryBytes: e.hardware?.memoryBytes,
          disks: e.hardware?.disks.map(({ diskId }) => {
            const d = disks.get(diskId)!;
            const f = d.fileRef === undefined ? undefined : files.get(d.fileRef)!;
            return { diskId, capacityBytes: d.capacityBytes, href: f?.href, size: f?.size, format: d.format };
          }),
          nics: e.hardware?.nics.map((n) => n.network),
          properties: values(e.properties),
        }
      : { system: e.id, name: e.name, children: e.children.map(entity), properties: values(e.properties) };
  return { version: m.version, networks: m.networks, disks: m.disks.map((d) => d.diskId), content: entity(m.content) };
}

/** CIMI properties are strings: a property with no value comes back with an empty one. */
const values = (properties: OvfProperty[]) => Object.fromEntries(properties.map((p) => [p.key, p.value ?? ""]));

describe("CIMI mapping (Annex A)", () => {
  it("imports the shop as a System with two Machines, two Volumes with images and one Network", () => {
    expect(toCimiSystem(SHOP)).toEqual({
      system: { name: "shop", description: "Shop", properties: { domain: "shop.example.com" } },
      machines: [
        {
          name: "web",
          description: "Web server",
          cpu: 2,
          memory: 4 * 2 ** 20,
          disks: [],
          volumes: ["web-disk1"],
          networkInterfaces: ["frontnet"],
          properties: { http_port: "8080", tls: "false" },
        },
        { name: "db", description: "Database", cpu: 4, memory: 8 * 2 ** 20, disks: [], volumes: ["db-disk1"], networkInterfaces: ["frontnet"], properties: { max_connections: "200" } },
      ],
      volumes: [
        { name: "web-disk1", capacity: 10 * 2 ** 20, image: { href: "web-disk1.vmdk", size: 67, format: VMDK } },
        { name: "db-disk1", capacity: 20 * 2 ** 20, image: { href: "disks/db-disk1.vmdk", size: 79, format: VMDK } },
      ],
      networks: [{ name: "frontnet", description: "Network the shop & its database share" }],
      systems: [],
    });
  });

  it.each(["shop/shop.ovf", "shop-2x.ovf"])("exports what it imported from %s, member by member, through XML", (file) => {
    const pkg = fromXml(fixture(file));
    const exported = fromXml(toXml(fromCimiSystem(toCimiSystem(pkg), { version: pkg.version })));
    expect(members(exported)).toEqual(members(pkg));
  });

  it("keeps the values and drops only what CIMI cannot hold (property types, file ids)", () => {
    const back: OvfEnvelope = fromCimiSystem(toCimiSystem(SHOP));
    expect(back.references.map((f) => f.href)).toEqual(SHOP.references.map((f) => f.href));
    expect(back.content.properties).toEqual([{ key: "domain", value: "shop.example.com", type: "string", userConfigurable: false }]);
  });

  it("imports a lone VirtualSystem as a System of one Machine, and exports it back as a lone VirtualSystem", () => {
    const appliance = fromXml(fixture("appliance.ovf"));
    const cimi = toCimiSystem(appliance);
    expect(cimi.system).toEqual({ name: "appliance" });
    expect(cimi.machines.map((m: any) => [m.name, m.cpu, m.memory, m.volumes])).toEqual([["appliance", 4, 6 * 2 ** 20, ["system", "data"]]]);
    expect(cimi.volumes).toEqual([
      { name: "system", capacity: 16 * 2 ** 20, image: { href: "appliance-system.vmdk" } },
      { name: "data", capacity: 2 ** 20 },
    ]);
    expect(members(fromCimiSystem(cimi))).toEqual(members(appliance));
  });

  it("maps nested VirtualSystemCollections to nested Systems and back", () => {
    const m = shop();
    if (m.content.kind !== "VirtualSystemCollection") throw new Error("fixture");
    const db = m.content.children.pop()!;
    m.content.children.push({ kind: "VirtualSystemCollection", id: "backend", name: "Back end", properties: [], children: [db] });
    const cimi = toCimiSystem(m);
    expect(cimi.machines.map((x: any) => x.name)).toEqual(["web"]);
    expect(cimi.systems).toEqual([expect.objectContaining({ system: { name: "backend", description: "Back end" }, machines: [expect.objectContaining({ name: "db" })], volumes: [], networks: [] })]);
    expect(members(fromXml(toXml(fromCimiSystem(cimi))))).toEqual(members(m));
  });

  it("rounds sizes that are not whole KiB up, never down", () => {
    const m = shop();
    m.disks[0].capacityBytes = 10 * KiB + 1;
    if (m.content.kind !== "VirtualSystemCollection" || m.content.children[0].kind !== "VirtualSystem") throw new Error("fixture");
    m.content.children[0].hardware!.memoryBytes = 1000;
    const cimi = toCimiSystem(m);
    expect(cimi.volumes[0].capacity).toBe(11);
    expect(cimi.machines[0].memory).toBe(1);
  });

  it("exports a machine's local disks as disks of its own, attached before its volumes", () => {
    const cimi = toCimiSystem(SHOP);
    cimi.machines[0].disks = [{ capacity: 2 * 2 ** 20 }];
    const back: OvfEnvelope = fromCimiSystem(cimi);
    // "web-disk1" would be the local disk's id, but a volume has it already.
    expect(back.disks.map((d) => [d.diskId, d.capacityBytes])).toEqual([
      ["web-disk1", 10 * 2 ** 30],
      ["db-disk1", 20 * 2 ** 30],
      ["web-disk1-local", 2 * 2 ** 30],
    ]);
    const web = back.content.kind === "VirtualSystemCollection" ? back.content.children[0] : undefined;
    expect(web?.kind === "VirtualSystem" && web.hardware?.disks).toEqual([{ diskId: "web-disk1-local" }, { diskId: "web-disk1" }]);
    expect(() => toXml(back)).not.toThrow();
  });

  it("refuses to import an envelope with problems", () => {
    const m = shop();
    m.networks = [];
    expect(() => toCimiSystem(m)).toThrow(OvfError);
  });
});
