// Which encoding to speak with an endpoint (SPEC §2): `json`, `xml`, or `auto` (ask for both,
// prefer JSON, then keep whatever the Cloud Entry Point came back in). Responses are always
// decoded by their own Content-Type, so a server mixing encodings is still understood.
import { codecFor, jsonCodec, xmlCodec, type Codec } from "./codec";

export const FORMATS = ["auto", "json", "xml"] as const;
export type Format = (typeof FORMATS)[number];

export function codecOf(format: Exclude<Format, "auto">): Codec {
  return format === "xml" ? xmlCodec : jsonCodec;
}

/** The Accept header for a format: `auto` takes either encoding, JSON first. */
export function acceptFor(format: Format): string {
  return format === "auto" ? "application/json, application/xml;q=0.9" : codecOf(format).mediaType;
}

/** The codec for a response: by Content-Type, else by the body's first character, else the session's. */
export function responseCodec(contentType: string | undefined, body: string, fallback: Codec): Codec {
  const byType = codecFor(contentType);
  if (byType) return byType;
  const first = body.trimStart()[0];
  return first === "{" ? jsonCodec : first === "<" ? xmlCodec : fallback;
}
