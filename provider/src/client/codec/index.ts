export type { Codec, Doc } from "./types";
export { jsonCodec, withoutEmpty } from "./json";
export { xmlCodec } from "./xml";
import type { Codec } from "./types";
import { jsonCodec } from "./json";
import { xmlCodec } from "./xml";

/**
 * The codec for a Content-Type, read leniently: parameters and case are ignored, `text/xml` and
 * `+json` / `+xml` suffixes are recognised. `undefined` when it is neither JSON nor XML.
 */
export function codecFor(contentType: string | undefined): Codec | undefined {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) return jsonCodec;
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return xmlCodec;
  return undefined;
}
