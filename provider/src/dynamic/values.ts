// check(): the value checks the catalog names (Field.check), run at preview before anything is
// sent. `package`: a package URI, and a file:// package must be sound (ovf validatePackage);
// `base64`: Base64 text.
import { fileURLToPath } from "node:url";
import type { CatalogEntry } from "../catalog/types";
import { OvfError, validatePackage } from "../ovf";
import type { CheckFailure } from "./check";
import { UNKNOWN } from "./model";

const checks: Record<NonNullable<CatalogEntry["fields"][string]["check"]>, (value: string) => Promise<string | undefined>> = {
  package: packageProblems,
  base64: async (value) =>
    /^[A-Za-z0-9+/]*={0,2}$/.test(value.replace(/\s+/g, "")) && value.replace(/\s+/g, "").length % 4 === 0
      ? undefined
      : 'must be Base64 text, e.g. Buffer.from(script).toString("base64")',
};

export async function checkValues(entry: CatalogEntry, inputs: Record<string, unknown>): Promise<CheckFailure[]> {
  const failures: CheckFailure[] = [];
  for (const [name, f] of Object.entries(entry.fields)) {
    const value = inputs[name];
    if (!f.check || typeof value !== "string" || value === UNKNOWN) continue;
    const reason = await checks[f.check](value);
    if (reason) failures.push({ property: name, reason: `${entry.kind}.${name}: ${reason}` });
  }
  return failures;
}

async function packageProblems(value: string): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URI (give file:///path/to/package.ovf or an http(s) URL)`;
  }
  if (url.protocol !== "file:") return undefined; // only the cloud can reach it: it says at import
  const location = fileURLToPath(url);
  const problems = await validatePackage(location);
  return problems.length ? new OvfError(problems, `OVF package ${location}`).message : undefined;
}
