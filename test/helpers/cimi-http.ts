// A bare CIMI HTTP client for simulator tests: one encoding, optional auth and TLS (CA, client
// certificate), hrefs resolved against baseURI, every response decoded by its Content-Type.
// Deliberately not the provider's client: tests look at status codes and headers themselves.
import { Agent, fetch, type Dispatcher } from "undici";
import { dist } from "./dist";

const { jsonCodec } = dist("provider/src/client/codec/index.js");

export type Doc = Record<string, any>;
export type FormatName = "json" | "xml";

export interface Codec {
  mediaType: string;
  parse(text: string): Doc | undefined;
  serialize(doc: Doc, typeName: string): string;
}

/** The codec of each format as the package builds it (XML once the codec is there). */
export function codecs(): Partial<Record<FormatName, Codec>> {
  const index = dist("provider/src/client/codec/index.js");
  return { json: jsonCodec, ...(index.xmlCodec ? { xml: index.xmlCodec } : {}) };
}

export interface HttpOptions {
  baseURI: string;
  format: FormatName;
  /** Value of the Authorization header. */
  authorization?: string;
  ca?: string;
  cert?: string;
  key?: string;
  /** Called with every XML body received (schema validation). */
  onXml?: (xml: string, url: string) => void | Promise<void>;
}

export interface Response {
  status: number;
  headers: Headers;
  text: string;
  /** The body decoded by its Content-Type; undefined when empty. */
  doc?: Doc;
}

export interface SendOptions {
  /** A document to send in the client's format, of this CIMI type. */
  doc?: Doc;
  typeName?: string;
  /** Raw body and its Content-Type, to send something else. */
  body?: string;
  contentType?: string | null;
  accept?: string | null;
  authorization?: string | null;
}

export class CimiHttp {
  readonly dispatcher?: Dispatcher;
  private readonly codec: Codec;

  constructor(readonly o: HttpOptions) {
    const codec = codecs()[o.format];
    if (!codec) throw new Error(`no ${o.format} codec in dist`);
    this.codec = codec;
    if (o.ca) this.dispatcher = new Agent({ connect: { ca: o.ca, cert: o.cert, key: o.key } });
  }

  resolve(href: string): string {
    return new URL(href, this.o.baseURI).toString();
  }

  async send(method: string, href: string, s: SendOptions = {}): Promise<Response> {
    const url = this.resolve(href);
    const headers: Record<string, string> = {};
    const accept = s.accept === undefined ? this.codec.mediaType : s.accept;
    if (accept !== null) headers.accept = accept;
    const authorization = s.authorization === undefined ? this.o.authorization : s.authorization;
    if (authorization) headers.authorization = authorization;
    let body = s.body;
    if (s.doc) body = this.codec.serialize(s.doc, s.typeName ?? "");
    const contentType = s.contentType === undefined ? (body !== undefined ? this.codec.mediaType : null) : s.contentType;
    if (contentType !== null) headers["content-type"] = contentType;
    // Bytes, not a string: fetch would add "text/plain" to a string body sent without a type.
    const bytes = body === undefined ? undefined : Buffer.from(body, "utf8");
    const res = await fetch(url, { method, headers, body: bytes, dispatcher: this.dispatcher });
    const text = await res.text();
    return { status: res.status, headers: res.headers as unknown as Headers, text, doc: await this.decode(res.headers.get("content-type"), text, url) };
  }

  get(href: string, s: SendOptions = {}): Promise<Response> {
    return this.send("GET", href, s);
  }

  private async decode(contentType: string | null, text: string, url: string): Promise<Doc | undefined> {
    if (!text) return undefined;
    const bare = (contentType ?? "").split(";")[0].trim();
    const codec = Object.values(codecs()).find((c) => c?.mediaType === bare);
    if (!codec) throw new Error(`${url}: unexpected Content-Type ${contentType}`);
    if (bare === "application/xml") await this.o.onXml?.(text, url);
    return codec.parse(text);
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }
}

export async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
