// The HTTP front: per request, read the body, pick the response format, authenticate, check the
// request's media types, advance jobs, dispatch, log, persist, and write the reply.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Ctx, SimConfig } from "./context";
import { errorReply, HttpError, readBody, type Reply } from "./http";
import type { Links } from "./links";
import type { Store } from "./store";
import { advance } from "./jobs";
import { matchRoute } from "./routes";
import { CONTROL_PREFIX, handleControl } from "./control";
import { checkAuth, type Auth } from "./auth";
import { checkRequestType, responseFormat } from "./negotiate";
import { send, type Wire } from "./wire";
import type { Faults } from "./faults";
import type { BodyRecorder } from "./recorder";

export const CIMI_PREFIX = "/cimi/";

export interface ServerDeps {
  store: Store;
  config: SimConfig;
  links: () => Links;
  auth: Auth;
  /** Fixed settings shown by GET /_sim/config next to `config` (never secrets). */
  about: Record<string, unknown>;
  faults: Faults;
  recorder: BodyRecorder;
}

export function requestListener(deps: ServerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(deps, req, res).catch((err) => {
      if (!res.headersSent) send(res, errorReply(new HttpError(500, `internal error: ${(err as Error).message}`), new Date()));
      else res.destroy();
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://localhost");
  let body = "";
  try {
    body = await readBody(req);
  } catch (err) {
    send(res, errorReply(err instanceof HttpError ? err : new HttpError(400, String(err)), new Date()));
    return;
  }
  const ctx: Ctx = { store: deps.store, config: deps.config, links: deps.links(), now: new Date(), faults: deps.faults, recorder: deps.recorder };
  if (url.pathname.startsWith(CONTROL_PREFIX)) {
    // Control API: same in every profile (JSON, no auth, not logged).
    send(res, await guard(ctx, () => handleControl(method, url.pathname, req.headers["content-type"], body, ctx, deps.about)));
    deps.store.flush();
    return;
  }
  const fault = deps.faults.take(method, url.pathname);
  if (fault?.when === "before") return void req.socket.destroy();
  const { format, refusal } = responseFormat(ctx.config, req.headers.accept, url.searchParams);
  const wire: Wire = { format, links: ctx.links, sloppy: ctx.config.sloppy, negotiated: ctx.config.formats.length > 1 };
  const reply = await guard(ctx, () => dispatch(method, url, body, req, ctx, deps, refusal));
  const entry: { method: string; path: string; query?: string; status: number } = { method, path: url.pathname, status: reply.status };
  if (url.search) entry.query = url.search;
  deps.store.requests.push(entry);
  deps.store.flush();
  if (fault?.when === "after") return void req.socket.destroy();
  const sent = send(res, reply, wire);
  deps.recorder.add({ method, path: url.pathname, status: reply.status, requestType: req.headers["content-type"], requestBody: body || undefined, responseType: sent.type, responseBody: sent.text });
}

async function guard(ctx: Ctx, f: () => Reply | Promise<Reply>): Promise<Reply> {
  try {
    return await f();
  } catch (err) {
    return errorReply(err instanceof HttpError ? err : new HttpError(500, `internal error: ${(err as Error).message}`), ctx.now);
  }
}

function dispatch(method: string, url: URL, body: string, req: IncomingMessage, ctx: Ctx, deps: ServerDeps, refusal?: HttpError): Reply | Promise<Reply> {
  if (!url.pathname.startsWith(CIMI_PREFIX)) throw new HttpError(404, `no resource at ${url.pathname}`);
  checkAuth(deps.auth, req.headers.authorization);
  if (refusal) throw refusal;
  checkRequestType(ctx.config, method, req.headers["content-type"], body);
  advance(ctx.store, ctx.now.getTime());
  const segments = url.pathname.slice(CIMI_PREFIX.length).split("/").filter(Boolean).map(decodeURIComponent);
  const found = matchRoute(segments);
  if (!found) throw new HttpError(404, `no resource at ${ctx.links.abs(segments.join("/"))}`);
  const handler = found.route.methods[method];
  if (!handler) {
    const allow = Object.keys(found.route.methods).join(", ");
    throw new HttpError(405, `${method} is not allowed on ${ctx.links.abs(segments.join("/"))} (allowed: ${allow})`, undefined, undefined, { Allow: allow });
  }
  return handler({ method, segments, query: url.searchParams, headers: req.headers, body }, found.params, ctx);
}
