// check(): validates inputs against the catalog model, naming the field, before anything is sent.
import type { CatalogEntry } from "../catalog/types";
import { inputModel, UNKNOWN } from "./model";
import { parseDuration } from "./timeouts";

export interface CheckFailure {
  property: string;
  reason: string;
}

export function checkInputs(entry: CatalogEntry, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const inputs = withoutUndefined(news);
  const failures: CheckFailure[] = [];
  const result = inputModel(entry).safeParse(inputs);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.code === "unrecognized_keys" ? [...issue.path, ...issue.keys] : issue.path;
      const property = path.length ? path.map(String).join(".") : "(inputs)";
      failures.push({ property, reason: `${entry.kind}.${property}: ${issue.message}` });
    }
  }
  const timeouts = inputs.timeouts as Record<string, unknown> | undefined;
  if (timeouts && typeof timeouts === "object") {
    for (const [intent, value] of Object.entries(timeouts)) {
      if (value === UNKNOWN || typeof value !== "string") continue;
      if (parseDuration(value) === undefined) {
        failures.push({ property: `timeouts.${intent}`, reason: `${entry.kind}.timeouts.${intent}: "${value}" is not a duration such as 90s, 10m or 1h30m` });
      }
    }
  }
  return { inputs, failures };
}

/** Pulumi sends absent optional inputs as undefined; drop them so they never reach outputs. */
export function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined && k !== "__provider") out[k] = v;
  return out;
}
