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
