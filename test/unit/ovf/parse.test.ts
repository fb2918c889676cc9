import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";
import { fixture, mutate, SHOP, shop } from "./fixtures";

const { fromXml, readEnvelope, OvfError } = dist("provider/src/ovf/index.js");

const GiB = 2 ** 30;
const SHOP_XML = fixture("shop/shop.ovf");
/** Read problems of the shop fixture with one edit planted. */
const problemsAfter = (...edits: [string | RegExp, string][]) => readEnvelope(mutate(SHOP_XML, ...edits)).problems;

describe("reading OVF descriptors", () => {
  it("reads the two-VM 1.x package into the model", () => {
    expect(fromXml(SHOP_XML)).toEqual(SHOP);
  });

  it("reads the 2.x variant (other prefixes, StorageItem, EthernetPortItem, other units) as the same model", () => {
    expect(fromXml(fixture("shop-2x.ovf"))).toEqual(shop(2));
  });

  it("takes VirtualBox's .xsd-suffixed storage and ethernet namespaces for the standard ones", () => {
    const text = mutate(
      fixture("shop-2x.ovf"),
      ['CIM_StorageAllocationSettingData"', 'CIM_StorageAllocationSettingData.xsd"'],
      ['CIM_EthernetPortAllocationSettingData"', 'CIM_EthernetPortAllocationSettingData.xsd"'],
    );
    expect(fromXml(text)).toEqual(shop(2));
  });

  it("reads text and bytes alike", () => {
    expect(fromXml(Buffer.from(SHOP_XML))).toEqual(SHOP);
  });

  it("reads a tool-written appliance: default deployment option, bounds, controllers and unknown sections ignored", () => {
    expect(fromXml(fixture("appliance.ovf"))).toEqual({
      version: 1,
      references: [
        { id: "sys", href: "appliance-system.vmdk" },
        { id: "tools", href: "tools.iso", size: 2048 },
      ],
      disks: [
        { diskId: "system", capacityBytes: 16 * GiB, fileRef: "sys" },
        { diskId: "data", capacityBytes: GiB },
      ],
      networks: [{ name: "VM Network" }],
      content: {
        kind: "VirtualSystem",
        id: "appliance",
        // "large" is the default configuration: 4 CPUs and 6144 MegaBytes; the 512 MB minimum is a bound.
        hardware: { cpus: 4, memoryBytes: 6 * GiB, disks: [{ diskId: "system" }, { diskId: "data" }], nics: [{ network: "VM Network" }] },
        properties: [
          { key: "com.example.appliance.hostname.1", type: "string", userConfigurable: true },
          { key: "com.example.appliance.dhcp.1", value: "true", type: "boolean", userConfigurable: true },
        ],
      },
    });
  });

  it("takes the first configuration when none is marked default", () => {
    const text = mutate(fixture("appliance.ovf"), [' ovf:default="true"', ""]);
    expect(fromXml(text).content.hardware.cpus).toBe(1);
  });

  it("decodes character references and predefined entities, and normalizes attribute whitespace", () => {
    const env = fromXml(
      mutate(
        SHOP_XML,
        ["Network the shop &amp; its database share", "&#x41;&#66;&lt;&gt;&quot;&apos;"],
        ['ovf:value="shop.example.com"', 'ovf:value="line&#10;break\tand tab"'],
      ),
    );
    expect(env.networks[0].description).toBe(`AB<>"'`);
    expect(env.content.properties[0].value).toBe("line\nbreak and tab");
  });

  it("takes the sizes in whatever unit they are given", () => {
    const env = fromXml(
      mutate(
        SHOP_XML,
        ['ovf:capacity="10" ovf:capacityAllocationUnits="byte * 2^30"', 'ovf:capacity="10240" ovf:capacityAllocationUnits="MB"'],
        ['ovf:capacity="20480" ovf:capacityAllocationUnits="byte * 2^20"', 'ovf:capacity="21474836480"'],
        ["<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "<rasd:AllocationUnits>KiloBytes</rasd:AllocationUnits>"],
        ["<rasd:VirtualQuantity>4096</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>4194304</rasd:VirtualQuantity>"],
      ),
    );
    expect(env).toEqual(SHOP);
  });

  it.each([
    ["a capacity that is not a number", ['ovf:capacity="10"', 'ovf:capacity="ten"'], "value", 'DiskSection > Disk "web-disk1"', "capacityBytes"],
    ["a capacity in an unknown unit", ['"byte * 2^30" ovf:fileRef', '"furlongs" ovf:fileRef'], "value", 'DiskSection > Disk "web-disk1"', "capacityBytes"],
    ["a capacity taken from a property", ['ovf:capacity="10"', 'ovf:capacity="${disk_size}"'], "unsupported", 'DiskSection > Disk "web-disk1"', "capacityBytes"],
    ["a file size that is not a number", ['ovf:size="67"', 'ovf:size="big"'], "value", 'References > File "web-disk1-file"', "size"],
    ["a memory unit that is not a byte unit", ["<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", "<rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>"], "value", 'VirtualSystem "web" > VirtualHardwareSection', "memoryBytes"],
    ["memory without a unit", ["<rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>", ""], "missing", 'VirtualSystem "web" > VirtualHardwareSection', "memoryBytes"],
    ["a CPU count that is not a number", ["<rasd:VirtualQuantity>2</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>two</rasd:VirtualQuantity>"], "value", 'VirtualSystem "web" > VirtualHardwareSection', "cpus"],
    ["a second memory item", ["<rasd:ResourceType>6</rasd:ResourceType>", "<rasd:ResourceType>4</rasd:ResourceType>"], "value", 'VirtualSystem "web" > VirtualHardwareSection', "memoryBytes"],
    ["a ResourceType that is not a number", ["<rasd:ResourceType>6</rasd:ResourceType>", "<rasd:ResourceType>scsi</rasd:ResourceType>"], "value", 'VirtualSystem "web" > VirtualHardwareSection > Item "3"', undefined],
    ["a disk drive backed by a File", ["<rasd:HostResource>ovf:/disk/web-disk1</rasd:HostResource>", "<rasd:HostResource>ovf:/file/web-disk1-file</rasd:HostResource>"], "unsupported", 'VirtualSystem "web" > VirtualHardwareSection > Item "4"', undefined],
    ["a disk drive with no HostResource", ["<rasd:HostResource>ovf:/disk/web-disk1</rasd:HostResource>", ""], "missing", 'VirtualSystem "web" > VirtualHardwareSection > Item "4"', undefined],
    ["an adapter with no Connection", ["<rasd:Connection>frontnet</rasd:Connection>\n          <rasd:ElementName>Network adapter 1</rasd:ElementName>\n          <rasd:InstanceID>5", "<rasd:ElementName>Network adapter 1</rasd:ElementName>\n          <rasd:InstanceID>5"], "missing", 'VirtualSystem "web" > VirtualHardwareSection > Item "5"', undefined],
    ["a userConfigurable that is not a boolean", ['ovf:key="domain" ovf:type="string" ovf:value="shop.example.com" ovf:userConfigurable="true"', 'ovf:key="domain" ovf:type="string" ovf:value="shop.example.com" ovf:userConfigurable="yes"'], "value", 'VirtualSystemCollection "shop" > ProductSection > Property "domain"', undefined],
  ] as const)("reports %s where it is", (_what, edit, code, location, field) => {
    const problems = problemsAfter(edit as unknown as [string, string]);
    expect(problems).toEqual([{ code, location, message: expect.any(String), ...(field && { field }) }]);
  });

  it("reports a root that is not an OVF 1.x or 2.x Envelope", () => {
    expect(readEnvelope(fixture("malformed/pre-standard-namespace.ovf")).problems).toEqual([
      expect.objectContaining({ code: "not-ovf", message: expect.stringContaining("http://www.vmware.com/schema/ovf/1/envelope") }),
    ]);
    expect(readEnvelope("<Envelope/>").problems.map((p: { code: string }) => p.code)).toEqual(["not-ovf"]);
  });

  it("reports an envelope without content, or with two", () => {
    const none = mutate(SHOP_XML, [/<VirtualSystemCollection[\s\S]*<\/VirtualSystemCollection>/, ""]);
    expect(readEnvelope(none)).toEqual({ problems: [expect.objectContaining({ code: "missing", location: "Envelope" })] });
    const two = mutate(SHOP_XML, ["</Envelope>", '<VirtualSystem ovf:id="extra"><Info>x</Info></VirtualSystem></Envelope>']);
    expect(readEnvelope(two).problems).toEqual([expect.objectContaining({ code: "not-ovf", location: "Envelope" })]);
  });

  it("throws one OvfError that lists every problem that kept the descriptor from being read", () => {
    const text = mutate(SHOP_XML, ['ovf:capacity="10"', 'ovf:capacity="ten"'], ['ovf:size="67"', 'ovf:size="big"']);
    let error: InstanceType<typeof OvfError> | undefined;
    try {
      fromXml(text);
    } catch (e) {
      error = e as InstanceType<typeof OvfError>;
    }
    expect(error).toBeInstanceOf(OvfError);
    expect(error!.code).toBe("CIMI_ERR_OVF");
    expect(error!.problems.map((p) => p.location)).toEqual(['References > File "web-disk1-file"', 'DiskSection > Disk "web-disk1"']);
    expect(error!.message).toContain("2 problems");
    for (const p of error!.problems) expect(error!.message).toContain(`${p.location}: ${p.message}`);
  });
});
