// The encodings the simulator can serve, each built on the client's Codec (parse, media type).
// Handlers build every document in JSON shape; a format only decides how it goes on the wire.
import { CIMI_NS } from "../../provider/src/catalog";
import { jsonCodec, xmlCodec, type Codec, type Doc } from "../../provider/src/client/codec";
import type { FormatName } from "./options";

export interface Format {
  name: FormatName;
  codec: Codec;
  /** Media types taken as this format in Content-Type and Accept (the codec's own first). */
  aliases: string[];
  /** The response body for a server document (JSON shape, `resourceURI` naming its type). */
  write(doc: Doc): string;
}

const json: Format = {
  name: "json",
  codec: jsonCodec,
  aliases: [],
  // Not codec.serialize: that one is for request documents and drops the empty `id` SPEC §9
  // gives transient error Jobs; server documents are already in their final JSON shape.
  write: (doc) => JSON.stringify(doc),
};

const xml: Format = {
  name: "xml",
  codec: xmlCodec,
  // Deltacloud also takes text/xml (SPEC §2).
  aliases: ["text/xml"],
  write: (doc) => xmlCodec.serialize(doc, typeNameOf(doc)),
};

const table: Record<FormatName, Format> = { json, xml };

export const formatOf = (name: FormatName): Format => table[name];

/** Bare media type of a Content-Type value, lowercased; "" when absent. */
export const bareType = (contentType: string | undefined): string => (contentType ?? "").split(";")[0].trim().toLowerCase();

/** The format a bare media type stands for. */
export function formatForType(bare: string): Format | undefined {
  return Object.values(table).find((f) => mediaTypes(f).includes(bare));
}

/** Format of a body sent without Content-Type, by its first character (lenient clouds guess). */
export function sniffFormat(text: string): Format {
  return text.trimStart().startsWith("<") ? xml : json;
}

/** Bare media types of a format, lowercased. */
export function mediaTypes(f: Format): string[] {
  return [f.codec.mediaType, ...f.aliases];
}

/**
 * CIMI type name of a server document, from its `resourceURI`: collections are all `Collection`
 * in XML (their `resourceURI` attribute then names the collection type, SPEC §5).
 */
export function typeNameOf(doc: Doc): string {
  const uri = typeof doc.resourceURI === "string" ? doc.resourceURI : "";
  const name = uri.startsWith(`${CIMI_NS}/`) ? uri.slice(CIMI_NS.length + 1) : "";
  if (!name) throw new Error(`document without a CIMI resourceURI: ${JSON.stringify(doc).slice(0, 80)}`);
  return name.endsWith("Collection") ? "Collection" : name;
}
