// Content negotiation for /cimi requests: which served format a response uses (Accept, `$format`,
// SPEC §2 and §8.5), and whether a request body's Content-Type is one this cloud takes.
import { HttpError } from "./http";
import type { SimConfig } from "./context";
import { FORMATS } from "./options";
import { bareType, formatOf, mediaTypes, type Format } from "./formats";

interface Range {
  type: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  return header
    .split(",")
    .map((part) => {
      const [type, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith("q="));
      const n = q ? Number(q.slice(2)) : 1;
      return { type, q: Number.isFinite(n) ? n : 0 };
    })
    .filter((r) => r.type !== "");
}

/** Quality the ranges give a media type: the most specific matching range wins (RFC 9110 §12.5.1). */
function quality(ranges: Range[], mediaType: string): number {
  const [major] = mediaType.split("/");
  for (const candidate of [mediaType, `${major}/*`, "*/*"]) {
    const r = ranges.find((x) => x.type === candidate);
    if (r) return r.q;
  }
  return 0;
}

const list = (formats: Format[]) => formats.map((f) => f.codec.mediaType).join(" and ");

/**
 * The format of the response. When the client accepts none of the served ones, `refusal` is the
 * 406 to answer (in the first served format, the only thing left to do).
 */
export function responseFormat(config: SimConfig, accept: string | undefined, query: URLSearchParams): { format: Format; refusal?: HttpError } {
  const served = config.formats.map(formatOf);
  const asked = query.get("$format");
  if (asked !== null) {
    const name = asked.trim().toLowerCase();
    const format = served.find((f) => f.name === name || mediaTypes(f).includes(name));
    if (format) return { format };
    return { format: served[0], refusal: new HttpError(406, `$format=${asked}: this cloud serves ${list(served)} only`) };
  }
  if (!accept?.trim()) return { format: served[0] };
  const ranges = parseAccept(accept);
  let best: { format: Format; q: number } | undefined;
  for (const format of served) {
    const q = Math.max(...mediaTypes(format).map((m) => quality(ranges, m)));
    if (q > 0 && (!best || q > best.q)) best = { format, q };
  }
  if (best) return { format: best.format };
  return { format: served[0], refusal: new HttpError(406, `Accept "${accept}" names none of the encodings this cloud serves: ${list(served)}`) };
}

/**
 * Refuse (415) a request body this cloud does not take: a format it does not serve, an unknown
 * type, and, with strictContentType, anything but a bare served media type or a missing
 * Content-Type on POST/PUT. Lenient clouds guess the format of a body sent without one.
 */
export function checkRequestType(config: SimConfig, method: string, contentType: string | undefined, body: string): void {
  const carriesBody = method === "POST" || method === "PUT" || body.length > 0;
  if (!carriesBody) return;
  const served = config.formats.map(formatOf);
  if (contentType === undefined || contentType.trim() === "") {
    if (config.strictContentType) throw new HttpError(415, `Content-Type is required on ${method}: send ${list(served)}`);
    return;
  }
  const bare = bareType(contentType);
  if (config.strictContentType && !served.some((f) => f.codec.mediaType === contentType)) {
    throw new HttpError(415, `Content-Type must be exactly ${list(served)} (no parameters), got "${contentType}"`);
  }
  if (served.some((f) => mediaTypes(f).includes(bare))) return;
  const other = FORMATS.map(formatOf).find((f) => !config.formats.includes(f.name) && mediaTypes(f).includes(bare));
  throw new HttpError(415, other ? `this cloud takes ${list(served)} only, not ${bare}` : `unsupported Content-Type "${contentType}": send ${list(served)}`);
}
