// At preview, inputs that need a capability the endpoint says it lacks (its ResourceMetadata,
// SPEC §13) fail with the endpoint and the capability named. Only an explicit "false" counts:
// an absent capability means "no preference", and a cloud that cannot be reached is not an error here.
import type { CatalogEntry } from "../catalog/types";
import { CimiError } from "../client";
import type { CheckFailure } from "./check";
import { endpointIfConfigured, sessionFor } from "./config";

export async function checkCapabilities(entry: CatalogEntry, inputs: Record<string, unknown>): Promise<CheckFailure[]> {
  const endpoint = endpointIfConfigured();
  const needs = (entry.needs ?? []).filter((n) => inputs[n.unless] === undefined);
  if (!endpoint || needs.length === 0) return [];
  let capabilities: Record<string, string>;
  try {
    capabilities = await sessionFor(endpoint).capabilities(entry.kind);
  } catch (e) {
    if (e instanceof CimiError) return [];
    throw e;
  }
  return needs
    .filter((n) => capabilities[n.capability]?.toLowerCase() === "false")
    .map((n) => ({
      property: n.unless,
      reason: `${entry.kind}: ${endpoint} cannot ${n.what}: its ResourceMetadata says ${n.capability} is false; ${n.instead}`,
    }));
}
