// HTTP transport over undici. It knows nothing of CIMI: it sends, bounds and times out requests,
// and gives credentials only to the endpoint's own origin.
import * as undici from "undici";
import { redact } from "./errors";

/** A failure below HTTP; the session turns it into a CimiError naming the endpoint. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly kind: "network" | "too-large",
    options?: { cause?: unknown; maybeDelivered?: boolean },
  ) {
    super(message, options);
    this.name = "TransportError";
    this.maybeDelivered = options?.maybeDelivered ?? false;
  }
  /** The server may have received (and acted on) the request although no answer came back. */
  readonly maybeDelivered: boolean;
}

/** Errors raised before a single byte of the request could have left. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT", "ERR_TLS_CERT_ALTNAME_INVALID", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "CERT_HAS_EXPIRED"]);

function errorCode(e: unknown): string | undefined {
  for (let cur = e as { code?: unknown; cause?: unknown } | undefined; cur; cur = cur.cause as typeof cur) {
    if (typeof cur.code === "string" && cur.code !== "UND_ERR_SOCKET") return cur.code;
  }
  return undefined;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export type Credentials =
  | { kind: "basic"; username: string; password: string }
  | { kind: "bearer"; token: string }
  | { kind: "none" };

/** How the server is verified and how the client proves itself over TLS (all PEM text). */
export interface TlsOptions {
  /** Certificate authorities to trust instead of the system's. */
  ca?: string;
  /** Client certificate and its key, for servers that ask for one. */
  cert?: string;
  key?: string;
  /** false turns verification off: only for tests; the provider warns when it is used. */
  verify?: boolean;
}

export interface TransportOptions {
  /** Origin (scheme://host:port) that may receive the credentials. */
  origin: string;
  credentials: Credentials;
  /** Extra headers (e.g. an API key) sent with every request to the origin, like credentials. */
  headers?: Record<string, string>;
  tls?: TlsOptions;
  connectTimeoutMs: number;
  /** Limit for the headers and for each pause while the body streams in. */
  readTimeoutMs: number;
  maxBodyBytes: number;
}

export const TRANSPORT_DEFAULTS = { connectTimeoutMs: 10_000, readTimeoutMs: 60_000, maxBodyBytes: 16 * 1024 * 1024 };

export class HttpTransport {
  private readonly agent: undici.Agent;

  constructor(private readonly options: TransportOptions) {
    const tls = options.tls ?? {};
    this.agent = new undici.Agent({
      connect: { timeout: options.connectTimeoutMs, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.verify !== false },
      headersTimeout: options.readTimeoutMs,
      bodyTimeout: options.readTimeoutMs,
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (new URL(req.url).origin === this.options.origin) {
      for (const [k, v] of Object.entries(this.options.headers ?? {})) headers[k.toLowerCase()] = v;
      const auth = authorization(this.options.credentials);
      if (auth) headers["authorization"] = auth;
    }
    let res: undici.Dispatcher.ResponseData;
    try {
      res = await undici.request(req.url, {
        method: req.method,
        headers,
        body: req.body,
        dispatcher: this.agent,
      });
    } catch (e) {
      const code = errorCode(e);
      const why = code && !(e as Error).message.includes(code) ? `${(e as Error).message} (${code})` : (e as Error).message;
      throw new TransportError(`cannot reach ${redact(req.url)}: ${why}`, "network", { cause: e, maybeDelivered: !code || !NOT_SENT.has(code) });
    }
    const body = await readBounded(res.body, this.options.maxBodyBytes, req);
    return { status: res.statusCode, headers: flatten(res.headers), body };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function authorization(c: Credentials): string | undefined {
  if (c.kind === "basic") return "Basic " + Buffer.from(`${c.username}:${c.password}`, "utf8").toString("base64");
  if (c.kind === "bearer") return `Bearer ${c.token}`;
  return undefined;
}

async function readBounded(body: undici.Dispatcher.ResponseData["body"], limit: number, req: HttpRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        body.destroy();
        throw new TransportError(`the response of ${redact(req.url)} is larger than ${limit} bytes`, "too-large");
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof TransportError) throw e;
    throw new TransportError(`connection lost while reading the response of ${redact(req.url)}: ${(e as Error).message}`, "network", { cause: e, maybeDelivered: true });
  }
  return Buffer.concat(chunks).toString("utf8");
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}
