// CIMI's XML encoding (SPEC §3), read into and written from the same Doc shape as the JSON one,
// following the DMTF schema (xml-model.generated.ts).
import type { Codec, Doc } from "./types";
import { toDoc } from "./xml-parse";
import { readXml } from "./xml-reader";
import { fromDoc } from "./xml-serialize";
import { writeXml } from "./xml-writer";

export const xmlCodec: Codec = {
  mediaType: "application/xml",

  parse(text: string): Doc | undefined {
    const root = readXml(text);
    return root && toDoc(root);
  },

  serialize(doc: Doc, typeName: string): string {
    return writeXml(fromDoc(doc, typeName));
  },
};
