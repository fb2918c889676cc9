// Puts a Reply on the wire the way this cloud does: hrefs written absolute or relative, the
// negotiated encoding, and the habits of sloppy real servers (SOURCES "Where implementations
// disagree"): media types with parameters, no version header, integers as strings, empty 202s.
import type { ServerResponse } from "node:http";
import type { Doc } from "../../provider/src/client/codec";
import { SPEC_VERSION, type Reply } from "./http";
import type { Links } from "./links";
import type { Format } from "./formats";

export interface Wire {
  format: Format;
  links: Links;
  sloppy: boolean;
  /** More than one format served: responses vary by Accept. */
  negotiated: boolean;
}

/** Headers whose value is a URI into this server. */
const URI_HEADERS = ["Location", "CIMI-Job-URI"];

function integersAsStrings(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(integersAsStrings);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, integersAsStrings(v)]));
}

/** A CIMI reply; without `wire` (control API, unreadable requests) a plain JSON one. Returns the body sent. */
export function send(res: ServerResponse, reply: Reply, wire?: Wire): { type?: string; text?: string } {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (!wire?.sloppy) headers["CIMI-Specification-Version"] = SPEC_VERSION;
  if (wire?.negotiated) headers.Vary = "Accept";
  let body = reply.body as Doc | undefined;
  let payload: Buffer | undefined;
  if (wire) {
    for (const h of URI_HEADERS) if (headers[h] !== undefined) headers[h] = wire.links.write(headers[h]);
    if (wire.sloppy && reply.status === 202) body = undefined;
  }
  if (reply.raw) {
    headers["Content-Type"] = reply.raw.type;
    payload = Buffer.from(reply.raw.text, "utf8");
  } else if (body !== undefined) {
    let text: string;
    if (wire) {
      let doc = wire.links.writeDoc(body);
      if (wire.sloppy && wire.format.name === "json") doc = integersAsStrings(doc) as Doc;
      text = wire.format.write(doc);
      headers["Content-Type"] = wire.sloppy ? `${wire.format.codec.mediaType}; charset=utf-8` : wire.format.codec.mediaType;
    } else {
      text = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
    payload = Buffer.from(text, "utf8");
  }
  headers["Content-Length"] = String(payload?.length ?? 0);
  res.writeHead(reply.status, headers);
  res.end(payload);
  return { type: headers["Content-Type"], text: payload?.toString("utf8") };
}
