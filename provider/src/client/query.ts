// CIMI query parameters (SPEC §8): $filter built from values, never from pasted text, so a name
// cannot change the query; $select, $expand, and $first/$last paging.
import { CimiInputError } from "./errors";

export type FilterOp = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type FilterValue = string | number | boolean | Date;

export type Comparison =
  | { attr: string; op?: FilterOp; value: FilterValue }
  /** `property['key']='value'`: items whose properties map has that entry. */
  | { property: string; op?: "=" | "!="; value: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `$filter` expression: the comparisons joined with `and`. */
export function filterExpression(comparisons: readonly Comparison[]): string {
  return comparisons.map(comparison).join(" and ");
}

function comparison(c: Comparison): string {
  const op = c.op ?? "=";
  if ("property" in c) return `property[${quote(c.property)}]${op}${quote(c.value)}`;
  if (!IDENTIFIER.test(c.attr)) throw new CimiInputError(`$filter: "${c.attr}" is not an attribute name`);
  const v = c.value;
  if (typeof v === "string" && op !== "=" && op !== "!=") throw new CimiInputError(`$filter: strings compare with = or != only, not ${op}`);
  if (typeof v === "boolean" && op !== "=" && op !== "!=") throw new CimiInputError(`$filter: booleans compare with = or != only, not ${op}`);
  return `${c.attr}${op}${literal(v)}`;
}

function literal(v: FilterValue): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0) throw new CimiInputError(`$filter: ${v} is not a whole number >= 0 (the only numbers CIMI filters know)`);
    return String(v);
  }
  if (typeof v === "boolean") return String(v);
  return quote(v);
}

/**
 * A CIMI string literal. The grammar has no escapes: a value is quoted with whichever quote it
 * does not contain, and one containing both cannot be expressed at all.
 */
export function quote(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  throw new CimiInputError(`$filter: a value cannot contain both ' and " (CIMI strings have no escapes): ${s}`);
}

export interface QueryOptions {
  filter?: readonly Comparison[];
  select?: readonly string[];
  expand?: readonly string[];
  first?: number;
  last?: number;
}

/** Adds CIMI query parameters to a discovered URI, keeping the provider's own parameters. */
export function withQuery(href: string, q: QueryOptions): string {
  const url = new URL(href);
  if (q.filter?.length) url.searchParams.append("$filter", filterExpression(q.filter));
  if (q.select?.length) url.searchParams.append("$select", names(q.select));
  if (q.expand?.length) url.searchParams.append("$expand", names(q.expand));
  if (q.first !== undefined) url.searchParams.append("$first", String(q.first));
  if (q.last !== undefined) url.searchParams.append("$last", String(q.last));
  return url.toString();
}

function names(list: readonly string[]): string {
  for (const n of list) if (n !== "*" && !IDENTIFIER.test(n)) throw new CimiInputError(`"${n}" is not an attribute name`);
  return list.join(",");
}
