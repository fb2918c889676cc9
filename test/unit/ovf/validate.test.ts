import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";
import { fixture, mutate, shop } from "./fixtures";

const { validateEnvelope, loadEnvelope, assertValidEnvelope, propertyTypeProblem, OvfError } = dist("provider/src/ovf/index.js");

type Problem = { code: string; location: string; message: string; field?: string };
const SHOP_XML = fixture("shop/shop.ovf");
const brief = (problems: Problem[]) => problems.map((p) => ({ code: p.code, location: p.location }));

describe("validateEnvelope", () => {
  it.each(["shop/shop.ovf", "shop-2x.ovf", "appliance.ovf"])("finds nothing wrong with %s", (file) => {
    expect(validateEnvelope(fixture(file))).toEqual([]);
  });

  it("reports every planted problem at once, each where it is", () => {
    const problems: Problem[] = validateEnvelope(fixture("malformed/many-problems.ovf"));
    expect(brief(problems)).toEqual([
      { code: "value", location: 'VirtualSystem "cache" > VirtualHardwareSection' },
      { code: "duplicate-id", location: 'References > File "f1"' },
      { code: "unsafe-href", location: 'References > File "f3"' },
      { code: "dangling-reference", location: 'DiskSection > Disk "d2"' },
      { code: "missing", location: 'DiskSection > Disk "d3"' },
      { code: "duplicate-id", location: 'VirtualSystem "web"' },
      { code: "missing", location: 'VirtualSystem "web" > VirtualHardwareSection' },
      { code: "property-type", location: 'VirtualSystem "db" > ProductSection > Property "port"' },
      { code: "not-positive", location: 'VirtualSystem "db" > VirtualHardwareSection' },
      { code: "dangling-reference", location: 'VirtualSystem "db"' },
      { code: "missing", location: 'VirtualSystem "web"' },
    ]);
    const text = problems.map((p) => `${p.location}: ${p.message}`);
    expect(text).toContain('VirtualSystem "web" > VirtualHardwareSection: no memory item (ResourceType 4)');
    expect(text).toContain('DiskSection > Disk "d2": fileRef "f9" names no File in References');
    expect(text).toContain('VirtualSystem "db": Connection "backnet" names no network in NetworkSection');
    expect(text).toContain('DiskSection > Disk "d3": no capacity');
    expect(text).toContain('VirtualSystem "db" > VirtualHardwareSection: processor count 0 is not positive');
  });

  // One planted problem per kind in the valid shop fixture: exactly that problem, nothing else.
  it.each([
    ["no memory item", [/<Item>\s*<rasd:AllocationUnits>byte \* 2\^20[\s\S]*?<\/Item>/, ""], "missing", 'VirtualSystem "web" > VirtualHardwareSection', /no memory item \(ResourceType 4\)/],
    ["no processor item", [/<Item>\s*<rasd:Description>Number of virtual CPUs[\s\S]*?<\/Item>/, ""], "missing", 'VirtualSystem "web" > VirtualHardwareSection', /no processor item \(ResourceType 3\)/],
    ["no hardware section", [/<VirtualHardwareSection>\s*<Info>4 CPUs[\s\S]*?<\/VirtualHardwareSection>/, ""], "missing", 'VirtualSystem "db"', /no VirtualHardwareSection/],
    ["a fileRef naming no File", ['ovf:fileRef="db-disk1-file"', 'ovf:fileRef="f9"'], "dangling-reference", 'DiskSection > Disk "db-disk1"', /fileRef "f9" names no File/],
    ["a Connection naming no network", ["<rasd:Connection>frontnet</rasd:Connection>\n          <rasd:ElementName>Network adapter 1</rasd:ElementName>\n          <rasd:InstanceID>4", "<rasd:Connection>backnet</rasd:Connection>\n          <rasd:ElementName>Network adapter 1</rasd:ElementName>\n          <rasd:InstanceID>4"], "dangling-reference", 'VirtualSystem "db"', /Connection "backnet" names no network in NetworkSection/],
    ["a HostResource naming no disk", ["ovf:/disk/db-disk1", "ovf:/disk/d9"], "dangling-reference", 'VirtualSystem "db"', /"ovf:\/disk\/d9" names no disk/],
    ["a duplicate File id", ["</References>", '<File ovf:id="web-disk1-file" ovf:href="extra.vmdk"/></References>'], "duplicate-id", 'References > File "web-disk1-file"', /used 2 times/],
    ["a duplicate disk id", ["</DiskSection>", '<Disk ovf:diskId="web-disk1" ovf:capacity="1"/></DiskSection>'], "duplicate-id", 'DiskSection > Disk "web-disk1"', /used 2 times/],
    ["a duplicate system id", ['<VirtualSystem ovf:id="db">', '<VirtualSystem ovf:id="shop">'], "duplicate-id", 'VirtualSystemCollection "shop"', /used 2 times/],
    ["a missing capacity", ['ovf:capacity="20480" ovf:capacityAllocationUnits="byte * 2^20"', ""], "missing", 'DiskSection > Disk "db-disk1"', /no capacity/],
    ["a zero capacity", ['ovf:capacity="20480"', 'ovf:capacity="0"'], "not-positive", 'DiskSection > Disk "db-disk1"', /not positive/],
    ["a non-positive CPU count", ["<rasd:VirtualQuantity>4</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>-4</rasd:VirtualQuantity>"], "not-positive", 'VirtualSystem "db" > VirtualHardwareSection', /processor count -4 is not positive/],
    ["an href out of the package", ['ovf:href="disks/db-disk1.vmdk"', 'ovf:href="../../db-disk1.vmdk"'], "unsafe-href", 'References > File "db-disk1-file"', /leaves the package folder/],
    ["an absolute href", ['ovf:href="disks/db-disk1.vmdk"', 'ovf:href="/var/lib/db-disk1.vmdk"'], "unsafe-href", 'References > File "db-disk1-file"', /absolute path/],
    ["a property value outside its type", ['ovf:value="8080"', 'ovf:value="80800"'], "property-type", 'VirtualSystem "web" > ProductSection > Property "http_port"', /out of the range of uint16/],
    ["an unknown property type", ['ovf:type="uint32"', 'ovf:type="int"'], "property-type", 'VirtualSystem "db" > ProductSection > Property "max_connections"', /not an OVF property type/],
    ["a duplicate property key", ['ovf:key="tls"', 'ovf:key="http_port"'], "duplicate-id", 'VirtualSystem "web" > ProductSection > Property "http_port"', /Property key "http_port" is used 2 times/],
    ["a File with no id", ["</References>", '<File ovf:href="extra.vmdk"/></References>'], "missing", "References > File #3", /no id/],
  ] as const)("reports %s with its location", (_what, edit, code, location, message) => {
    const text = mutate(SHOP_XML, edit as unknown as [string | RegExp, string]);
    expect(validateEnvelope(text)).toEqual([expect.objectContaining({ code, location, message: expect.stringMatching(message) })]);
  });

  it("does not report a value that could not be read a second time as missing", () => {
    const text = mutate(SHOP_XML, ["<rasd:VirtualQuantity>2</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>two</rasd:VirtualQuantity>"]);
    expect(brief(validateEnvelope(text))).toEqual([{ code: "value", location: 'VirtualSystem "web" > VirtualHardwareSection' }]);
    // …but another missing value at the same place still is.
    const both = mutate(text, [/<Item>\s*<rasd:AllocationUnits>byte \* 2\^20[\s\S]*?<\/Item>/, ""]);
    expect(validateEnvelope(both).map((p: Problem) => p.field)).toEqual(["cpus", "memoryBytes"]);
  });

  it("accepts remote hrefs only when asked to, and never file: URLs", () => {
    const remote = mutate(SHOP_XML, ['ovf:href="web-disk1.vmdk"', 'ovf:href="https://images.example.com/web-disk1.vmdk"'], ['ovf:href="disks/db-disk1.vmdk"', 'ovf:href="file:///images/db.vmdk"']);
    expect(brief(validateEnvelope(remote))).toEqual([
      { code: "unsafe-href", location: 'References > File "web-disk1-file"' },
      { code: "unsafe-href", location: 'References > File "db-disk1-file"' },
    ]);
    expect(brief(validateEnvelope(remote, { allowRemoteHrefs: true }))).toEqual([{ code: "unsafe-href", location: 'References > File "db-disk1-file"' }]);
  });
});

describe("validateEnvelope on models", () => {
  it("finds nothing wrong with a valid model", () => {
    expect(validateEnvelope(shop())).toEqual([]);
  });

  it("reports a model of the wrong shape at the envelope location of each field", () => {
    const m: any = shop();
    m.content.children[0].hardware.cpus = "2";
    m.content.children[1].hardware.cpu = 4;
    m.disks[1].capacityBytes = 1.5;
    m.content.children[0].properties[0].userConfigurable = "yes";
    m.networks[0].name = 7;
    const problems: Problem[] = validateEnvelope(m);
    expect(problems.every((p) => p.code === "shape")).toBe(true);
    expect(problems.map((p) => `${p.location}: ${p.message.split(":")[0]}`).sort()).toEqual(
      [
        'DiskSection > Disk "db-disk1": capacityBytes',
        "NetworkSection > Network #1: name",
        'VirtualSystem "db" > VirtualHardwareSection: cpu',
        'VirtualSystem "web" > ProductSection > Property "http_port": userConfigurable',
        'VirtualSystem "web" > VirtualHardwareSection: cpus',
      ].sort(),
    );
    expect(problems.find((p) => p.message.startsWith("cpu:"))!.message).toMatch(/unknown field/);
  });

  it("applies the rules that a parsed envelope cannot break", () => {
    const m = shop();
    const [web, db] = m.content.kind === "VirtualSystemCollection" ? m.content.children : [];
    if (web.kind !== "VirtualSystem" || db.kind !== "VirtualSystem") throw new Error("fixture");
    web.hardware!.memoryBytes = 0;
    db.hardware!.disks.push({ diskId: "db-disk1" });
    m.references[0].size = -1;
    m.networks.push({ name: "" });
    expect(brief(validateEnvelope(m))).toEqual([
      { code: "not-positive", location: 'References > File "web-disk1-file"' },
      { code: "missing", location: "NetworkSection > Network #2" },
      { code: "not-positive", location: 'VirtualSystem "web" > VirtualHardwareSection' },
      { code: "duplicate-id", location: 'VirtualSystem "db"' },
    ]);
  });

  it("assertValidEnvelope and loadEnvelope throw one OvfError with every problem", () => {
    const text = fixture("malformed/many-problems.ovf");
    const expected = validateEnvelope(text);
    expect(() => loadEnvelope(text)).toThrow(OvfError);
    try {
      loadEnvelope(text);
    } catch (e: any) {
      expect(e.problems).toEqual(expected);
      expect(e.code).toBe("CIMI_ERR_OVF");
      expect(e.fault).toBe("client");
      expect(e.message.split("\n").slice(1)).toHaveLength(expected.length);
      // Details added later keep the problems.
      const more = e.with({ operation: "import shop.ovf" });
      expect(more).toBeInstanceOf(OvfError);
      expect(more.problems).toEqual(expected);
      expect(more.message).toContain("operation: import shop.ovf");
    }
    expect(loadEnvelope(SHOP_XML)).toEqual(shop());
    const bad = shop();
    bad.networks = [];
    expect(() => assertValidEnvelope(bad)).toThrow(/Connection "frontnet" names no network/);
    expect(() => assertValidEnvelope(shop())).not.toThrow();
  });
});

describe("OVF property types", () => {
  it.each([
    ["uint8", "255", undefined],
    ["uint8", "256", /out of the range/],
    ["uint8", "-1", /out of the range/],
    ["sint8", "-128", undefined],
    ["sint8", "128", /out of the range/],
    ["uint64", "18446744073709551615", undefined],
    ["uint64", "18446744073709551616", /out of the range/],
    ["uint16", "12.5", /not a uint16/],
    ["boolean", "TRUE", undefined],
    ["boolean", "yes", /not a boolean/],
    ["real64", "1.5e3", undefined],
    ["real32", "fast", /not a real32/],
    ["string", "anything at all", undefined],
    ["uint32", undefined, undefined],
    ["int", "1", /not an OVF property type/],
  ])("%s %j", (type, value, expected) => {
    const problem = propertyTypeProblem({ type, value });
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });
});
