// Where an import's package comes from (SPEC §15.2 `source`): a file:// path on this machine,
// checked as a whole package (descriptor and referenced files) by the ovf module, or an http://
// URL on the loopback interface; the packages this simulator serves are read from its store.
// Nothing else is fetched: a simulator must not become a way to reach other hosts.
import { fileURLToPath } from "node:url";
import { DEFAULT_MAX_BYTES, OvfError, loadEnvelope, loadPackage, type OvfEnvelope } from "../../../provider/src/ovf";
import type { Ctx } from "../context";
import { badRequest } from "../http";
import { packageText } from "./packages";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;
const FETCH_TIMEOUT_MS = 10_000;

/** The envelope of the package at `source`; an HttpError 400 that says why when it cannot be had. */
export async function envelopeAt(ctx: Ctx, source: string): Promise<OvfEnvelope> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw badRequest(`source "${source}" is not an absolute URI`);
  }
  try {
    if (url.protocol === "file:") return (await loadPackage(fileURLToPath(url), { maxBytes: DEFAULT_MAX_BYTES })).envelope;
    if (url.protocol === "http:" && LOOPBACK.test(url.hostname)) return loadEnvelope(await httpText(ctx, url), { maxBytes: DEFAULT_MAX_BYTES });
  } catch (e) {
    if (e instanceof OvfError) throw badRequest(`cannot import ${source}: ${e.message}`);
    throw e;
  }
  throw badRequest(`source ${source} is refused: this cloud imports file:// packages and http:// URLs on the loopback interface only`);
}

/** A descriptor over HTTP: ours from the store, others fetched without redirects, within the size limit. */
async function httpText(ctx: Ctx, url: URL): Promise<string | Uint8Array> {
  const own = ctx.links.rel(url.toString());
  if (own !== undefined) {
    const text = packageText(ctx.store, own);
    if (text === undefined) throw badRequest(`source ${url} is not a package this cloud serves`);
    return text;
  }
  let res: Response;
  try {
    res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (e) {
    throw badRequest(`cannot fetch ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw badRequest(`cannot fetch ${url}: HTTP ${res.status}`);
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > DEFAULT_MAX_BYTES) throw badRequest(`cannot import ${url}: it is ${declared} bytes, larger than the limit of ${DEFAULT_MAX_BYTES}`);
  // Counted while reading too: a server may send more than it declares.
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > DEFAULT_MAX_BYTES) throw badRequest(`cannot import ${url}: larger than the limit of ${DEFAULT_MAX_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
