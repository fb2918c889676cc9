// Stored documents hold ids and hrefs relative to baseURI (the port may change between runs);
// this module writes them the way the cloud serves them (absolute, or relative to baseURI as
// SPEC §1.1 allows) on the way out, and makes them relative again on the way in.
import type { UriStyle } from "./options";

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export class Links {
  constructor(
    readonly baseURI: string,
    readonly style: UriStyle = "absolute",
  ) {}

  abs(path: string): string {
    return ABSOLUTE.test(path) ? path : this.baseURI + path;
  }

  /** Path relative to baseURI for an href that points into this server, else undefined. */
  rel(href: string): string | undefined {
    let url: URL;
    try {
      url = new URL(href, this.baseURI);
    } catch {
      return undefined;
    }
    const base = new URL(this.baseURI);
    const sameServer = url.origin === base.origin || (LOOPBACK.has(url.hostname) && url.port === base.port && url.protocol === base.protocol);
    if (!sameServer || !url.pathname.startsWith(base.pathname)) return undefined;
    return decodeURIComponent(url.pathname.slice(base.pathname.length)).replace(/\/+$/, "");
  }

  /**
   * The one href writer: how a URI into this server appears in a response (bodies, Location,
   * CIMI-Job-URI). Relative hrefs never start with "/", so baseURI + href is the resolved URI.
   */
  write(href: string): string {
    return this.style === "absolute" ? this.abs(href) : (this.rel(href) ?? href);
  }

  /** Deep copy of a document with `id` and every `href` written by `write`. */
  writeDoc<T>(value: T): T {
    return mapHrefs(value, (h) => this.write(h)) as T;
  }

  /** Deep copy of a request value with every `href` into this server made relative. */
  relativize<T>(value: T): T {
    return mapHrefs(value, (h) => this.rel(h) ?? h) as T;
  }
}

function mapHrefs(value: unknown, f: (s: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapHrefs(v, f));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "properties") out[k] = v; // consumer-owned map: never rewritten
    else out[k] = (k === "href" || k === "id") && typeof v === "string" && v !== "" ? f(v) : mapHrefs(v, f);
  }
  return out;
}
