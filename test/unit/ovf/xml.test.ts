// Untrusted descriptors: everything refused here is refused before or instead of being parsed, and
// reported as a problem rather than thrown past the caller.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dist, ROOT } from "../../helpers/dist";
import { fixture } from "./fixtures";

const { readXml } = dist("provider/src/ovf/xml.js");
const { validateEnvelope, fromXml, DEFAULT_MAX_BYTES } = dist("provider/src/ovf/index.js");

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);
const ENVELOPE = (inner = "") =>
  `<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><References/>${inner}<VirtualSystem ovf:id="v"><Info>v</Info></VirtualSystem></Envelope>`;

describe("hostile XML", () => {
  it.each(["hostile/billion-laughs.ovf", "hostile/xxe.ovf", "hostile/xxe-parameter.ovf"])("refuses %s before parsing, quickly", (file) => {
    const text = fixture(file);
    const started = performance.now();
    const problems = validateEnvelope(text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(problems).toEqual([expect.objectContaining({ code: "doctype", location: expect.stringMatching(/^line \d+$/) })]);
    expect(problems[0].message).toMatch(/billion laughs.*XXE/);
    expect(() => fromXml(text)).toThrow(expect.objectContaining({ code: "CIMI_ERR_OVF" }));
  });

  it("refuses a bare DOCTYPE and an ENTITY declaration anywhere", () => {
    expect(codes(readXml(`<!DOCTYPE Envelope>${ENVELOPE()}`).problems)).toEqual(["doctype"]);
    expect(codes(readXml(ENVELOPE("<!-- <!ENTITY x 'y'> -->")).problems)).toEqual(["doctype"]);
  });

  it("refuses a document over the size limit without parsing it", () => {
    const big = ENVELOPE(`<!--${"x".repeat(DEFAULT_MAX_BYTES)}-->`);
    const started = performance.now();
    expect(codes(readXml(big).problems)).toEqual(["too-large"]);
    expect(codes(readXml(Buffer.from(big)).problems)).toEqual(["too-large"]);
    expect(performance.now() - started).toBeLessThan(500);
    // The limit is configurable and counts UTF-8 bytes, not characters.
    const small = ENVELOPE();
    expect(readXml(small, { maxBytes: small.length }).problems).toEqual([]);
    expect(codes(readXml(small, { maxBytes: small.length - 1 }).problems)).toEqual(["too-large"]);
    const accented = ENVELOPE("<!--é-->");
    expect(codes(readXml(accented, { maxBytes: accented.length }).problems)).toEqual(["too-large"]);
  });

  it("reports malformed XML with its line and column", () => {
    expect(validateEnvelope(fixture("malformed/not-well-formed.ovf"))).toEqual([
      expect.objectContaining({ code: "xml", location: "line 8, column 3", message: expect.stringMatching(/closing tag/) }),
    ]);
    for (const text of ["", "not xml", `${ENVELOPE()}<Envelope/>`, `${ENVELOPE()} trailing text`]) {
      expect(codes(readXml(text).problems), text.slice(0, 40)).toEqual(["xml"]);
    }
  });

  it("refuses nesting deep enough to exhaust a recursive reader", () => {
    const deep = `<a>${"<b>".repeat(5000)}${"</b>".repeat(5000)}</a>`;
    expect(codes(readXml(deep).problems)).toEqual(["xml"]);
  });

  it("never writes to Object.prototype, whatever the element and attribute names", () => {
    const text = `<r><__proto__ polluted="yes"><polluted>yes</polluted></__proto__><constructor prototype="x"/></r>`;
    expect(() => readXml(text)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports undeclared prefixes and entities other than XML's five", () => {
    expect(readXml(`<a><x:b/></a>`).problems).toEqual([expect.objectContaining({ code: "xml", message: expect.stringMatching(/prefix "x" is not declared/) })]);
    expect(readXml(`<a>&nbsp;</a>`).problems).toEqual([expect.objectContaining({ code: "xml", message: expect.stringMatching(/&nbsp;/) })]);
    expect(readXml(`<a>&#0;</a>`).problems).toEqual([expect.objectContaining({ code: "xml", message: expect.stringMatching(/not an XML character/) })]);
  });

  it("decodes UTF-8 and UTF-16 with a byte-order mark, and refuses other encodings", () => {
    const text = ENVELOPE();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const utf8bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(readXml(utf16).root.local).toBe("Envelope");
    expect(readXml(utf8bom).root.local).toBe("Envelope");
    expect(codes(readXml(Buffer.from([0x3c, 0x61, 0xff, 0x3e])).problems)).toEqual(["encoding"]);
    expect(codes(readXml(`<?xml version="1.0" encoding="ISO-8859-1"?>${text}`).problems)).toEqual(["encoding"]);
  });

  it("reads every line end as a line feed, and keeps a carriage return written as a reference", () => {
    const root = readXml(`<a b="x&#13;y">one\r\ntwo\rthree</a>`).root;
    expect(root.text).toBe("one\ntwo\nthree");
    expect(root.attrs[0].value).toBe("x\ry");
  });

  it("resolves names by namespace URI, whatever the prefix", () => {
    const a = readXml(`<x:r xmlns:x="urn:n" xmlns:y="urn:m" y:at="1"><x:c/></x:r>`).root;
    const b = readXml(`<r xmlns="urn:n" xmlns:q="urn:m" q:at="1"><c/></r>`).root;
    for (const root of [a, b]) {
      expect(root).toMatchObject({ ns: "urn:n", local: "r", attrs: [{ ns: "urn:m", local: "at", value: "1" }], children: [{ ns: "urn:n", local: "c" }] });
    }
    // A prefix redeclared inside names another namespace there.
    const inner = readXml(`<p:r xmlns:p="urn:one"><p:c xmlns:p="urn:two"/></p:r>`).root;
    expect([inner.ns, inner.children[0].ns]).toEqual(["urn:one", "urn:two"]);
  });
});

describe("one safe XML reader", () => {
  it("the OVF module parses with the codec's reader, not a parser of its own", () => {
    const sources = ["xml.ts", "parse.ts", "validate.ts", "package.ts"].map((f) => readFileSync(join(ROOT, "provider/src/ovf", f), "utf8"));
    for (const text of sources) expect(text).not.toMatch(/fast-xml-parser/);
    expect(sources[0]).toMatch(/from "\.\.\/client\/codec\/xml-reader"/);
  });
});
