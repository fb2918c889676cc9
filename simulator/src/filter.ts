// Minimal CIMI $filter (SPEC §8.1): `attr='v'`, `attr="v"`, `attr=123`, `!=`, joined by `and`.
import { badRequest } from "./http";
import type { Doc } from "./store";

type Clause = { attr: string; op: "=" | "!="; value: string | number | boolean };

const CLAUSE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|=)\s*('([^']*)'|"([^"]*)"|(-?\d+)|(true|false))\s*$/;

export function parseFilter(text: string): Clause[] {
  return text.split(/\s+and\s+/).map((part) => {
    const m = CLAUSE.exec(part);
    if (!m) throw badRequest(`$filter: cannot parse "${part.trim()}" (supported: attr='value', attr!=value, joined by and)`);
    const value = m[4] ?? m[5] ?? (m[6] !== undefined ? Number(m[6]) : m[7] === "true");
    return { attr: m[1], op: m[2] as Clause["op"], value };
  });
}

export function matches(doc: Doc, filters: Clause[]): boolean {
  return filters.every((c) => (doc[c.attr] === c.value) === (c.op === "="));
}

/** Apply every `$filter` parameter (several are ANDed). */
export function applyFilters(docs: Doc[], query: URLSearchParams): Doc[] {
  const clauses = query.getAll("$filter").flatMap(parseFilter);
  return clauses.length ? docs.filter((d) => matches(d, clauses)) : docs;
}

/** `$first`/`$last`: a 1-based inclusive range of the (filtered) items; out of range is no error. */
export function page<T>(items: T[], query: URLSearchParams): T[] {
  const num = (name: string) => {
    const v = query.get(name);
    if (v === null) return undefined;
    if (!/^\d+$/.test(v)) throw badRequest(`${name} must be a whole number, got "${v}"`);
    return Number(v);
  };
  const first = num("$first") ?? 1;
  const last = num("$last") ?? items.length;
  return first > last ? [] : items.slice(Math.max(0, first - 1), last);
}
