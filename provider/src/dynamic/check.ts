// check(): validates inputs against the catalog model, naming the field, before anything is sent.
import type { CatalogEntry, Field, FieldType } from "../catalog/types";
import { inputModel, UNKNOWN } from "./model";

export interface CheckFailure {
  property: string;
  reason: string;
}

export function checkInputs(entry: CatalogEntry, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const inputs = withoutUndefined(news);
  const failures: CheckFailure[] = [];
  const result = inputModel(entry).safeParse(inputs);
  // (zod's issue type is wider than the part read here)
  if (!result.success) {
    for (const { path, message } of flatten(result.error.issues as unknown as Issue[], [])) {
      // The engine looks `property` up among the top-level inputs; the full path goes in the reason.
      failures.push({ property: path[0] ?? "", reason: `${entry.kind}.${path.join(".") || "(inputs)"}: ${message}` });
    }
    return { inputs, failures };
  }
  return { inputs: withDefaults(entry.fields, inputs), failures };
}

/** The inputs with the catalog's defaults where a value is not given, inside objects and lists too. */
function withDefaults(fields: Readonly<Record<string, Field>>, value: Record<string, unknown>): Record<string, unknown> {
  const out = { ...value };
  for (const [name, f] of Object.entries(fields)) {
    if (!f.input) continue;
    if (out[name] === undefined && f.default !== undefined) out[name] = f.default;
    else out[name] = filled(f.type, out[name]);
    if (out[name] === undefined) delete out[name];
  }
  return out;
}

function filled(type: FieldType, v: unknown): unknown {
  if (type.kind === "list" && Array.isArray(v)) return v.map((x) => filled(type.of, x));
  if (type.kind === "object" && v && typeof v === "object" && !Array.isArray(v)) return withDefaults(type.fields, v as Record<string, unknown>);
  return v;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  values?: unknown[];
  errors?: Issue[][];
}

/**
 * Every leaf accepts "unknown at preview" or a real value; when both branches fail, report the
 * real value's problem at its full path instead of zod's generic "Invalid input".
 */
function flatten(issues: readonly Issue[], prefix: PropertyKey[]): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors) {
      const real = issue.errors.filter((branch) => !branch.every((i) => i.code === "invalid_value" && i.values?.[0] === UNKNOWN));
      out.push(...flatten(real.length ? real[real.length - 1] : issue.errors[0], path));
    } else if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const key of issue.keys) out.push({ path: [...path, key].map(String), message: "unknown field" });
    } else {
      out.push({ path: path.map(String), message: issue.message });
    }
  }
  return out;
}

/** Pulumi sends absent optional inputs as undefined; drop them so they never reach outputs. */
export function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && k !== "__provider") out[k] = v;
  return out;
}
