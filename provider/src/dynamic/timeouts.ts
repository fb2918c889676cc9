// Wait limits: the resource's own `timeouts` input, else the catalog default for the kind.
import type { CatalogEntry, Timeouts } from "../catalog/types";

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Parses `90s`, `10m`, `1h30m` or a number of seconds; `undefined` when invalid. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === "number") return text >= 0 ? text : undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_SECONDS[p[2]], 0);
}

/** Longest wait a resource may ask for. */
export const MAX_SECONDS = 7 * 24 * 3600;

/** Deadline (epoch ms) for an operation on a resource, and where its length comes from. */
export function deadlineFor(
  entry: CatalogEntry,
  inputs: Record<string, unknown>,
  intent: keyof Timeouts,
  now = Date.now(),
): { deadline: number; limit: string } {
  const own = (inputs.timeouts as Record<string, string> | undefined)?.[intent];
  const seconds = own !== undefined ? parseDuration(own) : undefined;
  if (seconds !== undefined) return { deadline: now + seconds * 1000, limit: `timeouts.${intent} = ${own}` };
  return { deadline: now + entry.timeouts[intent] * 1000, limit: `the default ${intent} timeout of ${entry.timeouts[intent]}s` };
}
