// Which encoding to speak with an endpoint (SPEC §2): `json`, `xml`, or `auto` (ask for both,
// prefer JSON, then keep whatever the Cloud Entry Point came back in). Responses are always
// decoded by their own Content-Type, so a server mixing encodings is still understood.
import type { Codec } from "./codec";
import { jsonCodec } from "./codec";

export const FORMATS = ["auto", "json", "xml"] as const;
export type Format = (typeof FORMATS)[number];

const CODECS: Partial<Record<Exclude<Format, "auto">, Codec>> = { json: jsonCodec };

export function codecOf(format: Exclude<Format, "auto">): Codec {
  const codec = CODECS[format];
  if (!codec) throw new Error(`format "${format}" is not supported by this build`);
  return codec;
}

/** The Accept header for a format: `auto` takes either encoding, JSON first. */
export function acceptFor(format: Format): string {
  return format === "auto" ? "application/json, application/xml;q=0.9" : codecOf(format).mediaType;
}

/**
 * The codec for a response: by Content-Type (parameters, case and `+json`/`+xml` suffixes
 * tolerated), else by the first character of the body, else the session's own.
 */
export function responseCodec(contentType: string | undefined, body: string, fallback: Codec): Codec {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (/[/+]json$/.test(type)) return codecOf("json");
  if (/[/+]xml$/.test(type)) return CODECS.xml ?? fallback;
  const first = body.trimStart()[0];
  if (first === "{") return codecOf("json");
  if (first === "<" && CODECS.xml) return CODECS.xml;
  return fallback;
}
