// Stored documents hold ids and hrefs relative to baseURI (the port may change between runs);
// this module turns them into absolute URIs on the way out and back on the way in.

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export class Links {
  constructor(readonly baseURI: string) {}

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

  /** Deep copy of a stored document with `id` and every `href` made absolute. */
  absolutize<T>(value: T): T {
    return mapHrefs(value, (p) => this.abs(p)) as T;
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
