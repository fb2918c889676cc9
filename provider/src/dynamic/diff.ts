// diff(): exact decisions from the catalog: replace only for immutable fields, update in place
// otherwise, nothing when nothing changed. A field still unknown at preview "may" replace.
import type { CatalogEntry } from "../catalog/types";
import { UNKNOWN } from "./model";

export interface DiffDecision {
  changes: boolean;
  replaces: string[];
  /** Fields that differ, for tests and messages. */
  changed: string[];
  deleteBeforeReplace: boolean;
}

export function decideDiff(
  entry: CatalogEntry,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  endpointNow?: string,
): DiffDecision {
  const changed: string[] = [];
  const replaces: string[] = [];
  for (const [name, field] of Object.entries(entry.fields)) {
    if (!field.input) continue;
    const before = olds[name];
    const after = news[name];
    if (after === UNKNOWN || containsUnknown(after)) {
      changed.push(name);
      if (field.input.change === "replace") replaces.push(name);
      continue;
    }
    // An unset desired state means "not managed": whatever the cloud reports is fine.
    if (field.input.change === "action" && after === undefined) continue;
    if (sameValue(before, after)) continue;
    changed.push(name);
    if (field.input.change === "replace") replaces.push(name);
  }
  // Another spelling of the same endpoint (trailing slash, query) is no move; another origin is.
  if (endpointNow && typeof olds.endpoint === "string" && origin(olds.endpoint) !== origin(endpointNow)) {
    changed.push("endpoint");
    replaces.push("endpoint");
  }
  return { changes: changed.length > 0, replaces, changed, deleteBeforeReplace: replaces.length > 0 && entry.exclusive === true };
}

function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** Deep equality where an empty string, map or list equals an absent value (SPEC §3.8). */
export function sameValue(a: unknown, b: unknown): boolean {
  a = emptyToUndefined(a);
  b = emptyToUndefined(b);
  if (a === b) return true;
  if (a === undefined || b === undefined || typeof a !== typeof b) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === "object") {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    return [...keys].every((k) => sameValue(ao[k], bo[k]));
  }
  return false;
}

function emptyToUndefined(v: unknown): unknown {
  if (v === null || v === "") return undefined;
  if (Array.isArray(v)) return v.length ? v : undefined;
  if (v && typeof v === "object") {
    const entries = Object.values(v as object).filter((x) => emptyToUndefined(x) !== undefined);
    return entries.length ? v : undefined;
  }
  return v;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
