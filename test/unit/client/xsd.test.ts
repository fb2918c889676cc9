import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { dist, VECTORS } from "../../helpers/dist";
import { invalidCimiXml, isResourceMetadataGap, validateCimiXml, type XsdResult } from "../../helpers/xsd";

const { xmlCodec } = dist("provider/src/client/index.js");

const NS = "http://schemas.dmtf.org/cimi/1";
const files = fs.existsSync(VECTORS) ? fs.readdirSync(VECTORS) : [];
const stems = files.filter((f) => f.endsWith(".xml")).map((f) => f.slice(0, -4));
const xmlOf = (stem: string): string => fs.readFileSync(path.join(VECTORS, `${stem}.xml`), "utf8");
const jsonOf = (stem: string): any => JSON.parse(fs.readFileSync(path.join(VECTORS, `${stem}.json`), "utf8"));

// The documented exception (vectors/README.md, schema/README.md, SPEC §13): capability values are
// element text, which DSP8009 1.0.2 does not allow (it declares `capability` element-only).
const CAPABILITY_TEXT = "resource-metadata-machine";
const capabilityTextError = new RegExp(`Element '\\{${NS.replace(/[./]/g, "\\$&")}\\}capability': Character content other than whitespace is not allowed`);

function expectValid(result: XsdResult, stem: string): void {
  if (stem !== CAPABILITY_TEXT) {
    expect(result).toEqual({ valid: true, errors: [] });
    return;
  }
  // Invalid, and only for the capabilities: one error per capability with a value.
  expect(result.valid).toBe(false);
  expect(result.errors).toHaveLength(jsonOf(stem).capabilities.filter((c: any) => c.value !== undefined).length);
  for (const e of result.errors) expect(e).toMatch(capabilityTextError);
}

describe("validateCimiXml", () => {
  it("finds the vectors", () => {
    expect(stems).toContain(CAPABILITY_TEXT);
    expect(stems.length).toBeGreaterThan(10);
  });

  it("reports elements out of schema order, with their line", async () => {
    const result = await validateCimiXml(`<?xml version="1.0"?>\n<Machine xmlns="${NS}">\n  <cpu>2</cpu>\n  <name>a</name>\n</Machine>\n`);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/line 4: .*name/);
  });

  it("reports a document that is not well-formed", async () => {
    const result = await validateCimiXml(`<Machine xmlns="${NS}"><name>a</Machine>`);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});

describe("the XSD and the shared vectors", () => {
  it.each(stems)("%s.xml validates", async (stem) => {
    expectValid(await validateCimiXml(xmlOf(stem)), stem);
  });

  it("the ResourceMetadata vector validates once its capability values are gone", async () => {
    const text = xmlOf(CAPABILITY_TEXT).replace(/(<capability [^>]*)>[^<]*<\/capability>/g, "$1/>");
    expect(text).not.toBe(xmlOf(CAPABILITY_TEXT));
    expect(await validateCimiXml(text)).toEqual({ valid: true, errors: [] });
  });
});

describe("the XSD and what the XML codec writes", () => {
  it.each(stems)("serialize(%s.json) validates", async (stem) => {
    const json = jsonOf(stem);
    expectValid(await validateCimiXml(xmlCodec.serialize(json, String(json.resourceURI).split("/").pop())), stem);
  });

  it("serialize() of a document with extension elements validates", async () => {
    const doc = { ...jsonOf("machine"), "{http://cloud.example.com/cimi/ext}zone": "eu-1", "{http://cloud.example.com/cimi/ext}placement": { "@kind": "rack" } };
    expect(await validateCimiXml(xmlCodec.serialize(doc, "Machine"))).toEqual({ valid: true, errors: [] });
  });
});

describe("validating many documents in one run", () => {
  it("returns exactly the invalid ones, with their errors, and spots the capability-text gap", async () => {
    const good = xmlOf("machine");
    const bad = good.replace("<cpu>2</cpu>", "<cpu>two</cpu>");
    const result = await invalidCimiXml([good, bad, xmlOf(CAPABILITY_TEXT)]);
    expect(result.map((r) => r.xml)).toEqual([bad, xmlOf(CAPABILITY_TEXT)]);
    expect(result[0].errors.join("\n")).toMatch(/cpu/);
    expect(result[0].errors.every(isResourceMetadataGap)).toBe(false);
    expect(result[1].errors.every(isResourceMetadataGap)).toBe(true);
  });
});
