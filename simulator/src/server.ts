// The HTTP front: per request, read the body, authenticate, advance jobs, dispatch, log, persist.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Ctx, SimConfig } from "./context";
import { errorReply, HttpError, readBody, send, type Reply } from "./http";
import type { Links } from "./links";
import type { Store } from "./store";
import { advance } from "./jobs";
import { matchRoute } from "./routes";
import { CONTROL_PREFIX, handleControl } from "./control";
import { checkBasicAuth, type Credentials } from "./auth";
import type { Faults } from "./faults";

export const CIMI_PREFIX = "/cimi/";

export interface ServerDeps {
  store: Store;
  config: SimConfig;
  links: () => Links;
  credentials?: Credentials;
  faults: Faults;
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
  let reply: Reply;
  try {
    body = await readBody(req);
  } catch (err) {
    send(res, errorReply(err instanceof HttpError ? err : new HttpError(400, String(err)), new Date()));
    return;
  }
  const ctx: Ctx = { store: deps.store, config: deps.config, links: deps.links(), now: new Date(), faults: deps.faults };
  const isControl = url.pathname.startsWith(CONTROL_PREFIX);
  const fault = isControl ? undefined : deps.faults.take(method, url.pathname);
  if (fault?.when === "before") return void req.socket.destroy();
  try {
    reply = isControl ? handleControl(method, url.pathname, req.headers["content-type"], body, ctx) : dispatch(method, url, body, req, ctx, deps);
  } catch (err) {
    reply = errorReply(err instanceof HttpError ? err : new HttpError(500, `internal error: ${(err as Error).message}`), ctx.now);
  }
  if (!isControl) {
    const entry: { method: string; path: string; query?: string; status: number } = { method, path: url.pathname, status: reply.status };
    if (url.search) entry.query = url.search;
    deps.store.requests.push(entry);
  }
  deps.store.flush();
  if (fault?.when === "after") return void req.socket.destroy();
  send(res, reply);
}

function dispatch(method: string, url: URL, body: string, req: IncomingMessage, ctx: Ctx, deps: ServerDeps): Reply {
  if (!url.pathname.startsWith(CIMI_PREFIX)) throw new HttpError(404, `no resource at ${url.pathname}`);
  checkBasicAuth(deps.credentials, req.headers.authorization);
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
