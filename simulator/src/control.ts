// Control API under /_sim/ (not CIMI; for tests and benchmarks; no auth, not logged, JSON in
// every profile).
import type { Ctx } from "./context";
import { HttpError, json, jsonObjectBody, type Reply } from "./http";
import { parseRuntimeConfig } from "./options";

export const CONTROL_PREFIX = "/_sim/";

export function handleControl(method: string, path: string, contentType: string | undefined, body: string, ctx: Ctx, about: Record<string, unknown>): Reply {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case "GET requests":
      return json(200, { requests: ctx.store.requests });
    case "DELETE requests":
      ctx.store.requests = [];
      return json(200, { requests: [] });
    case "POST reset":
      ctx.store.reset(ctx.now);
      return json(200, { reset: true });
    case "GET config":
      return json(200, { ...ctx.config, ...about });
    case "GET bodies":
      return json(200, { record: ctx.recorder.record, exchanges: ctx.recorder.exchanges });
    case "PUT bodies": {
      const { record } = jsonObjectBody(contentType, body, "bodies");
      if (typeof record !== "boolean") throw new HttpError(400, `record must be true or false, got ${JSON.stringify(record)}`);
      ctx.recorder.record = record;
      ctx.recorder.exchanges = [];
      return json(200, { record });
    }
    case "GET faults":
      return json(200, { faults: ctx.faults.get() });
    case "PUT faults":
      return json(200, { faults: ctx.faults.set(jsonObjectBody(contentType, body, "faults").faults) });
    case "PUT config": {
      const change = parseRuntimeConfig(jsonObjectBody(contentType, body, "config"), ctx.config.completion);
      if (typeof change === "string") throw new HttpError(400, change);
      Object.assign(ctx.config, change);
      return json(200, { ...ctx.config, ...about });
    }
  }
  throw new HttpError(404, `no control route ${method} ${path}`);
}
