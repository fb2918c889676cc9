// HTTP reply helpers: status + headers + a document in JSON shape, CIMI error documents
// (Job-shaped, SPEC §9), and reading request bodies. wire.ts puts replies on the wire.
import { charXmlCannotCarry } from "../../provider/src/client/codec/xml-chars";
import type { IncomingMessage } from "node:http";
import { typeURI } from "../../provider/src/catalog";
import { bareType, formatForType, sniffFormat } from "./formats";

export const SPEC_VERSION = "1.0.1";

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A body that is no CIMI document (an exported OVF package), sent as it is. */
  raw?: { type: string; text: string };
}

/** An error a handler throws; turned into a Job-shaped error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly target?: string,
    readonly action?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (msg: string, target?: string, action?: string) => new HttpError(400, msg, target, action);
export const notFound = (msg: string) => new HttpError(404, msg);
export const conflict = (msg: string, target?: string, action?: string) => new HttpError(409, msg, target, action);

export function errorReply(err: HttpError, now: Date): Reply {
  const body: Record<string, unknown> = { resourceURI: typeURI("Job"), id: "", state: "FAILED" };
  if (err.target) {
    body.targetResource = { href: err.target };
    body.affectedResources = [{ href: err.target }];
  }
  if (err.action) body.action = err.action;
  Object.assign(body, { returnCode: err.status, progress: 100, statusMessage: err.message, timeOfStatusChange: now.toISOString() });
  return { status: err.status, headers: err.headers, body };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers, body };
}

const MAX_BODY = 1 << 20;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new HttpError(400, `request body larger than ${MAX_BODY} bytes`));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * A request body as a plain object, decoded by its Content-Type (guessed when absent) with the
 * format's codec. Which formats a cloud takes is checked before dispatch (negotiate.ts); the name
 * predates XML and is kept so handlers on other branches keep compiling.
 */
export function jsonObjectBody(contentType: string | undefined, raw: string, what: string): Record<string, unknown> {
  const bare = bareType(contentType);
  const format = bare ? formatForType(bare) : sniffFormat(raw);
  if (!format) throw new HttpError(415, `unsupported Content-Type "${contentType}"`);
  let parsed: unknown;
  try {
    parsed = format.codec.parse(raw);
  } catch (e) {
    throw badRequest(`${what}: unreadable ${format.name.toUpperCase()} body: ${(e as Error).message}`);
  }
  if (parsed === undefined) throw badRequest(`${what}: the body is empty`);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw badRequest(`${what}: body must be an object`);
  const bad = unencodable(parsed, "");
  // Stored text is served in XML too, which cannot carry these characters: refuse them now.
  if (bad) throw badRequest(`${what}: ${bad.path || "a key"} contains the control character ${bad.code}, which XML cannot carry`);
  return parsed as Record<string, unknown>;
}

/** The first string (key or value) holding a character XML 1.0 cannot carry, with where it is. */
function unencodable(value: unknown, path: string): { path: string; code: string } | undefined {
  const hit = (s: string, where: string) => {
    const code = charXmlCannotCarry(s);
    return code ? { path: where, code } : undefined;
  };
  if (typeof value === "string") return hit(value, path);
  if (value === null || typeof value !== "object") return undefined;
  for (const [k, v] of Object.entries(value)) {
    const where = path ? `${path}.${k}` : k;
    const found = hit(k, where) ?? unencodable(v, where);
    if (found) return found;
  }
  return undefined;
}
