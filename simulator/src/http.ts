// HTTP reply helpers: status + headers + JSON body, and CIMI error documents (Job-shaped, SPEC §9).
import type { IncomingMessage, ServerResponse } from "node:http";
import { typeURI } from "../../provider/src/catalog";

export const SPEC_VERSION = "1.0.1";

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
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

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { "CIMI-Specification-Version": SPEC_VERSION, ...(reply.headers ?? {}) };
  let payload: Buffer | undefined;
  if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body), "utf8");
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = String(payload.length);
  } else {
    headers["Content-Length"] = "0";
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
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

/** Parse a request body that must be a JSON object sent as application/json. */
export function jsonObjectBody(contentType: string | undefined, raw: string, what: string): Record<string, unknown> {
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new HttpError(415, `Content-Type must be application/json, got ${contentType ? `"${contentType}"` : "none"}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw badRequest(`${what}: body is not valid JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw badRequest(`${what}: body must be a JSON object`);
  return parsed as Record<string, unknown>;
}
