import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { DEFAULT_RETRY, retryDelay, retryAfterMs } = dist("provider/src/client/retry.js");

const req = (method: string) => ({ method, url: "http://127.0.0.1:1/x" });
const res = (status: number, headers: Record<string, string> = {}) => ({ status, headers, body: "" });

describe("retry policy", () => {
  it("retries GET, PUT and DELETE on 429 and 503, honouring Retry-After", () => {
    for (const m of ["GET", "PUT", "DELETE"]) expect(retryDelay(DEFAULT_RETRY, req(m), 0, res(503, { "retry-after": "2" }))).toBe(2000);
    expect(retryDelay(DEFAULT_RETRY, req("GET"), 0, res(429))).toBeGreaterThan(0);
  });

  it("never retries a POST, whatever happened", () => {
    expect(retryDelay(DEFAULT_RETRY, req("POST"), 0, res(503, { "retry-after": "1" }))).toBeUndefined();
    expect(retryDelay(DEFAULT_RETRY, req("POST"), 0, undefined)).toBeUndefined();
  });

  it("retries a lost connection only for GET", () => {
    expect(retryDelay(DEFAULT_RETRY, req("GET"), 0, undefined)).toBeGreaterThan(0);
    expect(retryDelay(DEFAULT_RETRY, req("PUT"), 0, undefined)).toBeUndefined();
    expect(retryDelay(DEFAULT_RETRY, req("DELETE"), 0, undefined)).toBeUndefined();
  });

  it("does not retry other failures, a Retry-After beyond the limit, or past the last attempt", () => {
    expect(retryDelay(DEFAULT_RETRY, req("GET"), 0, res(500))).toBeUndefined();
    expect(retryDelay(DEFAULT_RETRY, req("GET"), 0, res(404))).toBeUndefined();
    expect(retryDelay(DEFAULT_RETRY, req("GET"), 0, res(503, { "retry-after": "3600" }))).toBeUndefined();
    expect(retryDelay(DEFAULT_RETRY, req("GET"), DEFAULT_RETRY.attempts - 1, res(503))).toBeUndefined();
  });

  it("backs off exponentially with jitter under a ceiling", () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const d = retryDelay({ ...DEFAULT_RETRY, attempts: 10 }, req("GET"), attempt, res(503));
      const base = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.minDelayMs * 2 ** attempt);
      expect(d).toBeGreaterThanOrEqual(base / 2);
      expect(d).toBeLessThanOrEqual(base);
    }
    expect(retryDelay({ ...DEFAULT_RETRY, attempts: 50 }, req("GET"), 40, res(503))).toBeLessThanOrEqual(DEFAULT_RETRY.maxDelayMs);
  });

  it("reads Retry-After as seconds or as a date", () => {
    const now = Date.parse("2026-12-03T10:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Thu, 03 Dec 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});
