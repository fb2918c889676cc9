// When a request may be sent again: one policy, all knobs and defaults here. POST is never
// retried: a create whose answer was lost must be reconciled by looking, not by posting again.
import type { HttpRequest, HttpResponse } from "./http";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured; a server asking for more gets its error back now. */
  maxRetryAfterMs: number;
  /** Methods that may be sent again. */
  methods: readonly HttpRequest["method"][];
  /** Statuses worth another try. */
  statuses: readonly number[];
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  minDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 30_000,
  methods: ["GET", "PUT", "DELETE"],
  statuses: [429, 503],
};

/**
 * The pause before attempt `attempt + 1`, or undefined when the request must not be retried.
 * `res` is the answer, or undefined when the network failed (then only GET is retried: a PUT or
 * DELETE whose answer was lost may have been applied, and the completion routine checks that).
 */
export function retryDelay(policy: RetryPolicy, req: HttpRequest, attempt: number, res: HttpResponse | undefined, now = Date.now()): number | undefined {
  if (attempt + 1 >= policy.attempts || !policy.methods.includes(req.method)) return undefined;
  if (!res) return req.method === "GET" ? backoff(policy, attempt) : undefined;
  if (!policy.statuses.includes(res.status)) return undefined;
  const asked = retryAfterMs(res.headers["retry-after"], now);
  if (asked === undefined) return backoff(policy, attempt);
  return asked <= policy.maxRetryAfterMs ? asked : undefined;
}

/** Exponential pause for an attempt, under the ceiling, with jitter. */
export function backoff(policy: Pick<RetryPolicy, "minDelayMs" | "maxDelayMs">, attempt: number): number {
  const base = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt);
  return base * (0.5 + Math.random() / 2); // jitter: spread clients that failed together
}

/** Retry-After as seconds or as an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
