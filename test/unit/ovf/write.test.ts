import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";
import { fixture, shop } from "./fixtures";

const { toXml, fromXml, OvfError } = dist("provider/src/ovf/index.js");
const { readXml } = dist("provider/src/ovf/xml.js");

const FIXTURES = ["shop/shop.ovf", "shop-2x.ovf", "appliance.ovf"];

/** Index of each string in the text, which must all be there. */
function positions(text: string, ...needles: string[]): number[] {
  return needles.map((n) => {
    const i = text.indexOf(n);
    expect(i, n).toBeGreaterThanOrEqual(0);
    return i;
  });
}
const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] < x);

describe("writing OVF", () => {
  it.each([1, 2] as const)("reads back exactly the model it wrote (version %d)", (version) => {
    const m = shop(version);
    expect(fromXml(toXml(m))).toEqual(m);
  });

  it.each(FIXTURES)("writes %s so that it reads back as the same model, in either version", (file) => {
    const m = fromXml(fixture(file));
    expect(fromXml(toXml(m))).toEqual(m);
    const other = m.version === 1 ? 2 : 1;
    expect(fromXml(toXml(m, { version: other }))).toEqual({ ...m, version: other });
  });

  it("writes the sections in DSP0243 order, and a system's parts in theirs", () => {
    const xml: string = toXml(shop());
    expect(ascending(positions(xml, "<References>", "<DiskSection>", "<NetworkSection>", '<VirtualSystemCollection ovf:id="shop">'))).toBe(true);
    const web = xml.slice(xml.indexOf('<VirtualSystem ovf:id="web">'));
    expect(ascending(positions(web, "<Info>", "<Name>Web server</Name>", "<VirtualHardwareSection>", "<ProductSection>", "</VirtualSystem>"))).toBe(true);
    const collection = xml.slice(xml.indexOf("<VirtualSystemCollection"));
    expect(ascending(positions(collection, "<Info>", "<Name>Shop</Name>", "<ProductSection>", '<VirtualSystem ovf:id="web">', '<VirtualSystem ovf:id="db">'))).toBe(true);
    // CIM settings inside an item in the schemas' alphabetical order.
    const item = web.slice(web.indexOf("<Item>"), web.indexOf("</Item>"));
    const names = [...item.matchAll(/<rasd:(\w+)>/g)].map((m) => m[1]);
    expect(names).toEqual([...names].sort());
  });

  it("declares the namespaces of its version and uses 2.x's own item kinds there", () => {
    const one = readXml(toXml(shop(1))).root;
    const two = readXml(toXml(shop(2))).root;
    expect(one.ns).toBe("http://schemas.dmtf.org/ovf/envelope/1");
    expect(two.ns).toBe("http://schemas.dmtf.org/ovf/envelope/2");
    const kinds = (xml: string) => [...new Set([...xml.matchAll(/<(\w+Item|Item)>/g)].map((m) => m[1]))].sort();
    expect(kinds(toXml(shop(1)))).toEqual(["Item"]);
    expect(kinds(toXml(shop(2)))).toEqual(["EthernetPortItem", "Item", "StorageItem"]);
    const disk = two.children.find((c: any) => c.local === "VirtualSystemCollection").children.find((c: any) => c.local === "VirtualSystem").children
      .find((c: any) => c.local === "VirtualHardwareSection").children.find((c: any) => c.local === "StorageItem");
    expect(disk.children.map((c: any) => c.ns)).toEqual(Array(disk.children.length).fill("http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_StorageAllocationSettingData"));
  });

  it("escapes text and attribute values so they read back unchanged", () => {
    const m = shop();
    const tricky = `a & b < c > d "e" 'f'\n\tg\r\nh ]]> i`;
    m.networks[0].description = "R&D <lab> \"net\"";
    m.content.properties[0].value = tricky;
    m.content.name = "Shop & <co>";
    expect(fromXml(toXml(m))).toEqual(m);
  });

  it("writes each size in the largest unit that divides it", () => {
    const m = shop();
    m.disks[0].capacityBytes = 1000;
    if (m.content.kind !== "VirtualSystemCollection" || m.content.children[0].kind !== "VirtualSystem") throw new Error("fixture");
    m.content.children[0].hardware!.memoryBytes = 1536 * 2 ** 20;
    const xml: string = toXml(m);
    expect(xml).toContain('ovf:capacity="1000" ovf:capacityAllocationUnits="byte"');
    expect(xml).toMatch(/<rasd:AllocationUnits>byte \* 2\^20<\/rasd:AllocationUnits>[\s\S]*?<rasd:VirtualQuantity>1536</);
    expect(fromXml(xml)).toEqual(m);
  });

  it("refuses an invalid model with every problem, unless told not to validate", () => {
    const m = shop();
    m.networks = [];
    m.disks[0].capacityBytes = 0;
    expect(() => toXml(m)).toThrow(OvfError);
    try {
      toXml(m);
    } catch (e: any) {
      expect(e.problems.map((p: any) => p.code).sort()).toEqual(["dangling-reference", "dangling-reference", "not-positive"]);
    }
    expect(fromXml(toXml(m, { validate: false })).networks).toEqual([]);
  });

  it("refuses text that XML cannot carry", () => {
    const m = shop();
    m.networks[0].description = "bell\u0007";
    expect(() => toXml(m)).toThrow(/U\+0007/);
  });
});
