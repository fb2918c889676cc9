import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { dist, ROOT, VECTORS } from "../../helpers/dist";

const { xmlCodec, jsonCodec, codecFor, CimiCodecError } = dist("provider/src/client/index.js");
const { XML_MODEL } = dist("provider/src/client/codec/xml-model.generated.js");
const { memberName } = dist("provider/src/client/codec/xml-names.js");

const NS = "http://schemas.dmtf.org/cimi/1";
const EXT = "http://cloud.example.com/cimi/ext";

const files = fs.existsSync(VECTORS) ? fs.readdirSync(VECTORS) : [];
const stems = files.filter((f) => f.endsWith(".xml") && files.includes(f.replace(/\.xml$/, ".json"))).map((f) => f.slice(0, -4));
const xmlOf = (stem: string): string => fs.readFileSync(path.join(VECTORS, `${stem}.xml`), "utf8");
const jsonOf = (stem: string): any => JSON.parse(fs.readFileSync(path.join(VECTORS, `${stem}.json`), "utf8"));
const typeOf = (doc: any): string => String(doc.resourceURI).split("/").pop()!;

/** serialize() omits empty strings (SPEC §3.8): the transient error Job's `id: ""` does not travel. */
function withoutEmptyId(doc: any): any {
  const copy = structuredClone(doc);
  if (copy.id === "") delete copy.id;
  return copy;
}

/** Start-tag names in document order, empty elements (`<id></id>`) left out as serialize() does. */
function tags(xml: string): string[] {
  return [...xml.replace(/<(\w+)><\/\1>/g, "").matchAll(/<([A-Za-z][\w:.-]*)/g)].map((m) => m[1]);
}

function codecError(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CimiCodecError);
    expect((e as any).code).toBe("CIMI_ERR_CODEC");
    return e;
  }
  throw new Error("expected a CimiCodecError, nothing was thrown");
}

describe("XML codec: the shared vectors", () => {
  it("finds an XML file for every JSON vector", () => {
    expect(stems.length).toBeGreaterThan(10);
    expect(stems.length).toBe(files.filter((f) => f.endsWith(".json")).length);
  });

  it.each(stems)("parses %s.xml to the document of its JSON twin", (stem) => {
    expect(xmlCodec.parse(xmlOf(stem))).toEqual(jsonOf(stem));
  });

  it.each(stems)("serializes the parsed %s.xml and reads it back unchanged", (stem) => {
    const doc = xmlCodec.parse(xmlOf(stem));
    expect(xmlCodec.parse(xmlCodec.serialize(doc, typeOf(doc)))).toEqual(withoutEmptyId(doc));
  });

  it.each(stems)("serializes %s.json to XML that reads back as the JSON vector", (stem) => {
    const json = jsonOf(stem);
    expect(xmlCodec.parse(xmlCodec.serialize(json, typeOf(json)))).toEqual(withoutEmptyId(json));
  });

  it.each(stems)("writes %s.json with the elements of the XML vector, in its order", (stem) => {
    const json = jsonOf(stem);
    expect(tags(xmlCodec.serialize(json, typeOf(json)))).toEqual(tags(xmlOf(stem)));
  });
});

describe("XML codec: reading", () => {
  const machine = xmlOf("machine");

  it("ignores the root attributes Deltacloud (resourceURI) and Sirocco (href) add", () => {
    const text = machine.replace(`<Machine xmlns="${NS}">`, `<Machine xmlns="${NS}" resourceURI="${NS}/Machine" href="https://cloud.example.com/cimi/machines/m-101">`);
    expect(text).not.toBe(machine);
    expect(xmlCodec.parse(text)).toEqual(jsonOf("machine"));
  });

  it("accepts any prefix for the CIMI namespace", () => {
    const text = machine.replace(`<Machine xmlns="${NS}">`, `<c:Machine xmlns:c="${NS}">`).replace(/<(\/?)(?!c:|\?)/g, "<$1c:");
    expect(text).toContain("<c:cpu>");
    expect(xmlCodec.parse(text)).toEqual(jsonOf("machine"));
  });

  it("converts numbers and booleans as the schema types them, white space around them included", () => {
    const doc = xmlCodec.parse(`<Volume xmlns="${NS}"><name> data </name><capacity> 2 </capacity><bootable>
      true </bootable></Volume>`);
    expect(doc).toEqual({ resourceURI: `${NS}/Volume`, name: " data ", capacity: 2, bootable: true });
  });

  it("types attributes too, and keeps text that is not a valid number as it is", () => {
    const doc = xmlCodec.parse(`<ResourceMetadata xmlns="${NS}"><attribute name="zone" required="1"/></ResourceMetadata>`);
    expect(doc.attributes).toEqual([{ name: "zone", required: true }]);
    expect(xmlCodec.parse(`<Machine xmlns="${NS}"><cpu>two</cpu><memory>99999999999999999999</memory></Machine>`)).toMatchObject({ cpu: "two", memory: "99999999999999999999" });
  });

  it("decodes entities, character references and CDATA, and nothing else", () => {
    const doc = xmlCodec.parse(`<Machine xmlns="${NS}"><name>a &lt;&amp;&gt; &#169;&#x1F600; <![CDATA[<b>&amp;]]></name></Machine>`);
    expect(doc.name).toBe("a <&> \u00A9\u{1F600} <b>&amp;");
  });

  it("reads collection items given as bare references (Sirocco)", () => {
    const doc = xmlCodec.parse(
      `<Collection xmlns="${NS}" resourceURI="${NS}/MachineCollection"><id>https://c/machines</id><count>1</count><Machine href="https://c/machines/1"/></Collection>`,
    );
    expect(doc).toEqual({ resourceURI: `${NS}/MachineCollection`, id: "https://c/machines", count: 1, machines: [{ resourceURI: `${NS}/Machine`, href: "https://c/machines/1" }] });
  });

  it("reads operations of a collection whose schema type omits them (JobCollection)", () => {
    const doc = xmlCodec.parse(`<Collection xmlns="${NS}" resourceURI="${NS}/JobCollection"><id>j</id><count>0</count><operation rel="add" href="j"/></Collection>`);
    expect(doc.operations).toEqual([{ rel: "add", href: "j" }]);
  });

  it("keeps an unknown element of the CIMI namespace under its name, a reference as { href }", () => {
    const doc = xmlCodec.parse(`<Machine xmlns="${NS}"><name>a</name><realm href="https://c/realms/eu"/><driver>mock</driver></Machine>`);
    expect(doc).toEqual({ resourceURI: `${NS}/Machine`, name: "a", realm: { href: "https://c/realms/eu" }, driver: "mock" });
  });

  it("treats an empty body as no document", () => {
    expect(xmlCodec.parse("")).toBeUndefined();
    expect(xmlCodec.parse(" \n\t")).toBeUndefined();
  });
});

describe("XML codec: extension elements", () => {
  const extended = xmlOf("machine").replace(
    "</Machine>",
    `  <ext:zone xmlns:ext="${EXT}">eu-1</ext:zone>
  <ext:placement xmlns:ext="${EXT}" kind="rack" ext:priority="2"><ext:rack>r1</ext:rack><ext:rack>r2</ext:rack></ext:placement>
  <ext:pinned xmlns:ext="${EXT}"/>
</Machine>`,
  );

  it("keeps elements of other namespaces under {namespace}name", () => {
    const doc = xmlCodec.parse(extended);
    expect(doc).toEqual({
      ...jsonOf("machine"),
      [`{${EXT}}zone`]: "eu-1",
      [`{${EXT}}placement`]: { "@kind": "rack", [`@{${EXT}}priority`]: "2", [`{${EXT}}rack`]: ["r1", "r2"] },
      [`{${EXT}}pinned`]: "",
    });
  });

  it("writes them back in their namespace, after the CIMI elements, and reads them back", () => {
    const doc = xmlCodec.parse(extended);
    const text = xmlCodec.serialize(doc, "Machine");
    const prefix = new RegExp(`<Machine xmlns="${NS}" xmlns:(\\w+)="${EXT}">`).exec(text)?.[1];
    expect(prefix).toBeDefined();
    const names = tags(text);
    expect(names.slice(-6)).toEqual(["operation", ...["zone", "placement", "rack", "rack", "pinned"].map((n) => `${prefix}:${n}`)]);
    expect(xmlCodec.parse(text)).toEqual(doc);
  });

  it("keeps namespaced attributes, including ones in the CIMI namespace and xml:lang", () => {
    const text = `<Machine xmlns="${NS}" xmlns:c="${NS}"><ext:note xmlns:ext="${EXT}" c:kind="k" xml:lang="en">hi</ext:note></Machine>`;
    const doc = xmlCodec.parse(text);
    expect(doc[`{${EXT}}note`]).toEqual({ [`@{${NS}}kind`]: "k", "@{http://www.w3.org/XML/1998/namespace}lang": "en", "#text": "hi" });
    expect(xmlCodec.parse(xmlCodec.serialize(doc, "Machine"))).toEqual(doc);
  });

  it("keeps attributes the schema does not declare, except on resources", () => {
    const text = `<Collection xmlns="${NS}" resourceURI="${NS}/MachineCollection" extra="x"><id>c</id><count>1</count>
      <Machine href="m" resourceURI="${NS}/Machine"><disks href="d" ext:hint="fast" xmlns:ext="${EXT}"/><operation rel="edit" href="e" title="t"/></Machine></Collection>`;
    const doc = xmlCodec.parse(text);
    expect(doc.machines).toEqual([{ resourceURI: `${NS}/Machine`, href: "m", disks: { href: "d", [`@{${EXT}}hint`]: "fast" }, operations: [{ rel: "edit", href: "e", "@title": "t" }] }]);
    expect(xmlCodec.parse(xmlCodec.serialize(doc, "MachineCollection"))).toEqual(doc);
  });

  it("writes extension members of a JSON-shaped document too", () => {
    const text = xmlCodec.serialize({ name: "web", [`{${EXT}}zone`]: "eu-1", machineTemplate: { href: "https://c/t/1" } }, "MachineCreate");
    expect(tags(text)).toEqual(["MachineCreate", "name", "machineTemplate", "ns1:zone"]);
    expect(xmlCodec.parse(text)[`{${EXT}}zone`]).toBe("eu-1");
  });
});

describe("XML codec: writing", () => {
  it("starts with the XML declaration and the type as root element in the CIMI namespace", () => {
    const text = xmlCodec.serialize({ name: "a" }, "MachineCreate");
    expect(text.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<MachineCreate xmlns="${NS}">`)).toBe(true);
  });

  it("orders elements as the schema does, whatever the order of the document's members", () => {
    const json = jsonOf("machine");
    const reversed = Object.fromEntries(Object.entries(json).reverse());
    expect(Object.keys(reversed)[0]).toBe("operations");
    expect(xmlCodec.serialize(reversed, "Machine")).toBe(xmlCodec.serialize(json, "Machine"));
  });

  it("puts Credential operations before userName, as its schema type does", () => {
    const text = xmlCodec.serialize({ userName: "u", operations: [{ rel: "edit", href: "e" }], name: "n" }, "Credential");
    expect(tags(text)).toEqual(["Credential", "name", "operation", "userName"]);
  });

  it("writes a credential's key (xs:hexBinary) as the hex of its text, and reads it back as text", () => {
    const key = "ssh-ed25519 AAAAC3Nz ops@example";
    const xml = xmlCodec.serialize({ userName: "ops", key }, "Credential");
    expect(xml).toContain(`<key>${Buffer.from(key).toString("hex")}</key>`);
    expect(xmlCodec.parse(xml).key).toBe(key);
    // A server that writes the key as plain text is still understood.
    expect(xmlCodec.parse(`<Credential xmlns="${NS}"><key>${key}</key></Credential>`).key).toBe(key);
  });

  it("omits empty strings, maps and arrays but keeps 0 and false (SPEC §3.8)", () => {
    const text = xmlCodec.serialize({ name: "", description: null, properties: {}, cpu: 0, disks: [], cpuArch: undefined }, "MachineConfiguration");
    expect(tags(text)).toEqual(["MachineConfiguration", "cpu"]);
    expect(xmlCodec.parse(xmlCodec.serialize({ bootable: false, capacity: 0 }, "Volume"))).toEqual({ resourceURI: `${NS}/Volume`, capacity: 0, bootable: false });
  });

  it("escapes text and attribute values", () => {
    const doc = { resourceURI: `${NS}/MachineCreate`, name: `a<b>&"c'\r\nd`, properties: { 'k"<&>\t': "x]]>y" }, machineTemplate: { href: "https://c/t?a=1&b=<2>" } };
    const text = xmlCodec.serialize(doc, "MachineCreate");
    expect(text).not.toContain("<b>");
    expect(text).toContain("&amp;b=&lt;2&gt;");
    expect(xmlCodec.parse(text)).toEqual(doc);
  });

  it("drops resourceURI members, and writes a collection as <Collection resourceURI>", () => {
    const json = jsonOf("machine-collection");
    const text = xmlCodec.serialize(json, "MachineCollection");
    expect(text.match(/resourceURI/g)).toHaveLength(1);
    expect(text).toContain(`<Collection xmlns="${NS}" resourceURI="${NS}/MachineCollection">`);
    expect(xmlCodec.serialize(json, "Collection")).toBe(text);
  });

  it("writes a bare reference item as an href attribute", () => {
    const text = xmlCodec.serialize({ id: "c", count: 1, machines: [{ href: "https://c/m/1" }] }, "MachineCollection");
    expect(text).toContain('<Machine href="https://c/m/1"/>');
  });

  it.each([
    [{ cpu: { n: 2 } }, "Machine", /Machine|cpu/],
    [{ machineTemplate: "https://c/t/1" }, "MachineCreate", /machineTemplate/],
    [{ properties: ["a"] }, "Machine", /property/],
  ])("refuses a value of the wrong shape: %j", (doc, type, where) => {
    expect(codecError(() => xmlCodec.serialize(doc, type)).message).toMatch(where);
  });
});

describe("XML codec: unsafe and broken input", () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Machine xmlns="${NS}"><name>&lol9;</name></Machine>`;

  it("refuses a billion-laughs document, saying why", () => {
    expect(codecError(() => xmlCodec.parse(billionLaughs)).message).toMatch(/DOCTYPE or ENTITY declaration/);
  });

  it("refuses an external entity (XXE) and reads nothing from disk", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><Machine xmlns="${NS}"><name>&x;</name></Machine>`;
    const e = codecError(() => xmlCodec.parse(xxe));
    expect(e.message).toMatch(/DOCTYPE or ENTITY declaration/);
    expect(e.message).not.toMatch(/root:/);
  });

  it("refuses any DOCTYPE, even one without entities", () => {
    expect(codecError(() => xmlCodec.parse(`<!DOCTYPE Machine><Machine xmlns="${NS}"/>`)).message).toMatch(/DOCTYPE/);
  });

  it.each([
    ["an unclosed element", `<Machine xmlns="${NS}"><name>a</Machine>`, /closing tag/],
    ["two root elements", `<Machine xmlns="${NS}"/><Machine xmlns="${NS}"/>`, /one root element/],
    ["text after the root", `<Machine xmlns="${NS}"/>tail`, /after the root/],
    ["an undeclared prefix", `<c:Machine xmlns="${NS}"/>`, /prefix "c" is not declared/],
    ["an undefined entity", `<Machine xmlns="${NS}"><name>&nbsp;</name></Machine>`, /&nbsp; is not defined/],
    ["a bare ampersand in an attribute", `<Machine xmlns="${NS}"><disks href="a&b"/></Machine>`, /"&"/],
    ["a control character", `<Machine xmlns="${NS}"><name>\u0001</name></Machine>`, /U\+0001/],
    ["JSON", `{"name": "a"}`, /not expected/],
  ])("refuses %s as malformed XML", (_what, text, problem) => {
    const e = codecError(() => xmlCodec.parse(text));
    expect(e.message).toMatch(/^malformed XML: /);
    expect(e.message).toMatch(problem);
  });

  it("refuses a document that is not CIMI", () => {
    expect(codecError(() => xmlCodec.parse(`<Machine xmlns="urn:other"/>`)).message).toMatch(/not a CIMI document.*urn:other/);
    expect(codecError(() => xmlCodec.parse(`<Machine/>`)).message).toMatch(/no namespace/);
  });

  it("refuses element names the parser cannot hold safely, and very deep nesting", () => {
    expect(codecError(() => xmlCodec.parse(`<Machine xmlns="${NS}"><__proto__/></Machine>`)).message).toMatch(/__proto__/);
    const deep = `<Machine xmlns="${NS}">${"<x>".repeat(500)}${"</x>".repeat(500)}</Machine>`;
    expect(codecError(() => xmlCodec.parse(deep)).message).toMatch(/nested/);
  });

  it("keeps a property keyed __proto__ as data", () => {
    const doc = xmlCodec.parse(`<Machine xmlns="${NS}"><property key="__proto__">x</property></Machine>`);
    expect(Object.getPrototypeOf(doc.properties)).toBe(Object.prototype);
    expect(Object.keys(doc.properties)).toEqual(["__proto__"]);
  });
});

describe("codecFor", () => {
  it.each([
    ["application/xml", "xml"],
    ["text/xml; charset=utf-8", "xml"],
    ["Application/XML", "xml"],
    ["application/cimi+xml", "xml"],
    ["application/json", "json"],
    [" application/json ;charset=UTF-8", "json"],
    ["application/vnd.example+json", "json"],
    ["text/plain", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("picks the codec for %j", (contentType, expected) => {
    const codec = codecFor(contentType);
    expect(codec).toBe(expected === "xml" ? xmlCodec : expected === "json" ? jsonCodec : undefined);
  });
});

describe("XML model", () => {
  it("is what scripts/xsd-model.ts makes of the XSD (the committed file is not stale)", () => {
    expect(() => execFileSync(process.execPath, [path.join(ROOT, "dist/scripts/xsd-model.js"), "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("gives every type distinct JSON member names", () => {
    const clashes: string[] = [];
    for (const [name, type] of Object.entries<any>(XML_MODEL.types)) {
      const members = type.el.map(memberName);
      const attrs = (type.at ?? []).map(([a]: [string]) => a);
      const all = [...members, ...attrs];
      if (new Set(all).size !== all.length) clashes.push(`${name}: ${all.join(",")}`);
    }
    expect(clashes).toEqual([]);
  });

  it("knows the schema's order, repetition and types", () => {
    const machine = XML_MODEL.types.Machine.el;
    expect(machine.slice(0, 6).map((c: any[]) => c[0])).toEqual(["id", "name", "description", "created", "updated", "property"]);
    expect(machine.at(-1)).toEqual(["operation", "operation", true]);
    expect(machine.find((c: any[]) => c[0] === "cpu")).toEqual(["cpu", "integer"]);
    expect(XML_MODEL.types.Job.el.find((c: any[]) => c[0] === "nestedJob")).toEqual(["nestedJob", "JobRef", true]);
    expect(XML_MODEL.types.MachineRef.at).toEqual([["href", "anyURI"]]);
    expect(XML_MODEL.roots.NetworkInterface).toBe("NetworkInterface");
  });

  it.each([
    [["operation", "operation", true], "operations"],
    [["property", "map", true], "properties"],
    [["capability", "x", true], "capabilities"],
    [["affectedResource", "expRef", true], "affectedResources"],
    [["Address", "Address", true], "addresses"],
    [["ResourceMetadata", "ResourceMetadata", true], "resourceMetadatas"],
    [["MachineConfiguration", "MachineConfiguration", true], "machineConfigurations"],
    [["attribute", "x"], "attributes"],
    [["dns", "string", true], "dns"],
    [["cpu", "integer"], "cpu"],
  ])("names %j %s in JSON", (child, name) => {
    expect(memberName(child)).toBe(name);
  });
});
