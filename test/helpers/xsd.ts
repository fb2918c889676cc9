// Validates XML against the DMTF CIMI schema (DSP8009 1.0.2) with xmllint compiled to WebAssembly.
// Use it on everything the simulator serves and the client sends.
import * as fs from "node:fs";
import * as path from "node:path";
import { validateXML } from "xmllint-wasm";
import { ROOT } from "./dist";

export const CIMI_XSD = path.resolve(ROOT, "..", "shared", "cimi", "schema", "dsp8009_1.0.2.xsd");

let schema: string | undefined;

export interface XsdResult {
  valid: boolean;
  /** xmllint's messages, each with its line: `line 7: Element '{…}capability': …`. */
  errors: string[];
}

export async function validateCimiXml(xml: string): Promise<XsdResult> {
  schema ??= fs.readFileSync(CIMI_XSD, "utf8");
  const result = await validateXML({
    xml: [{ fileName: "document.xml", contents: xml }],
    schema: [{ fileName: "dsp8009_1.0.2.xsd", contents: schema }],
  });
  return {
    valid: result.valid,
    errors: result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message)),
  };
}

/**
 * Validates many documents in one run of xmllint (the schema is compiled once per call):
 * returns the documents that failed, each with its errors.
 */
export async function invalidCimiXml(docs: readonly string[]): Promise<{ xml: string; errors: string[] }[]> {
  if (docs.length === 0) return [];
  schema ??= fs.readFileSync(CIMI_XSD, "utf8");
  const result = await validateXML({
    xml: docs.map((contents, i) => ({ fileName: `doc-${i}.xml`, contents })),
    schema: [{ fileName: "dsp8009_1.0.2.xsd", contents: schema }],
  });
  const byDoc = new Map<number, string[]>();
  for (const e of result.errors) {
    if (/fails to validate$/.test(e.message)) continue; // the per-file summary line
    const i = Number(/doc-(\d+)\.xml/.exec(e.loc?.fileName ?? e.rawMessage ?? "")?.[1] ?? -1);
    byDoc.set(i, [...(byDoc.get(i) ?? []), e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message]);
  }
  return [...byDoc].map(([i, errors]) => ({ xml: docs[i] ?? "(unknown document)", errors }));
}

/**
 * The schema's one documented gap, in ResourceMetadata (vectors/README.md, SPEC §13): it gives a
 * `capability` no text value and allows one `attribute` only, where CIMI and real servers write a
 * value and describe several attributes.
 */
export const isResourceMetadataGap = (error: string): boolean =>
  /Element '\{http:\/\/schemas\.dmtf\.org\/cimi\/1\}capability': Character content other than whitespace is not allowed/.test(error) ||
  /Element '\{http:\/\/schemas\.dmtf\.org\/cimi\/1\}attribute': This element is not expected/.test(error);

/** Every distinct XML body a simulator recorded (/_sim/bodies), requests and responses alike. */
export function xmlBodies(exchanges: readonly { requestType?: string; requestBody?: string; responseType?: string; responseBody?: string }[]): string[] {
  const xml = new Set<string>();
  for (const x of exchanges) {
    if (/xml/.test(x.requestType ?? "") && x.requestBody) xml.add(x.requestBody);
    if (/xml/.test(x.responseType ?? "") && x.responseBody) xml.add(x.responseBody);
  }
  return [...xml];
}

/** What the schema finds wrong in these documents, apart from its ResourceMetadata gap: one readable line per document. */
export async function schemaProblems(docs: readonly string[]): Promise<string[]> {
  return (await invalidCimiXml(docs))
    .map((d) => ({ xml: d.xml, errors: d.errors.filter((e) => !isResourceMetadataGap(e)) }))
    .filter((d) => d.errors.length > 0)
    .map((d) => `${d.xml.slice(0, 300)}\n  -> ${d.errors.join("\n  -> ")}`);
}
