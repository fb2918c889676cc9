// Control API under /_sim/ (not CIMI; for tests and benchmarks; no auth, not logged).
import type { Ctx } from "./context";
import { HttpError, json, jsonObjectBody, type Reply } from "./http";

export const CONTROL_PREFIX = "/_sim/";

export function handleControl(method: string, path: string, contentType: string | undefined, body: string, ctx: Ctx): Reply {
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
      return json(200, { ...ctx.config });
    case "GET faults":
      return json(200, { faults: ctx.faults.get() });
    case "PUT faults":
      return json(200, { faults: ctx.faults.set(jsonObjectBody(contentType, body, "faults").faults) });
    case "PUT config": {
      const cfg = jsonObjectBody(contentType, body, "config");
      const d = cfg.jobDurationMs;
      if (d !== undefined) {
        if (typeof d !== "number" || !Number.isFinite(d) || d < 0) throw new HttpError(400, `jobDurationMs must be a number >= 0, got ${JSON.stringify(d)}`);
        ctx.config.jobDurationMs = d;
      }
      if (cfg.jobs !== undefined) {
        if (typeof cfg.jobs !== "boolean") throw new HttpError(400, `jobs must be true or false, got ${JSON.stringify(cfg.jobs)}`);
        ctx.config.jobs = cfg.jobs;
      }
      return json(200, { ...ctx.config });
    }
  }
  throw new HttpError(404, `no control route ${method} ${path}`);
}
