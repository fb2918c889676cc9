// At preview, the hrefs an input refers to (a template, an image...) are read once, so a typo
// fails before anything is created. Only reads; a cloud that cannot be reached is not an error here.
import type { CatalogEntry } from "../catalog/types";
import { CimiError, type Doc } from "../client";
import { endpointIfConfigured, NO_ENDPOINT, sessionFor } from "./config";
import type { CheckFailure } from "./check";
import { UNKNOWN } from "./model";

/** href -> its document (or undefined when it does not exist), per provider process. */
const seen = new Map<string, Promise<Doc | undefined>>();

export async function checkReferences(entry: CatalogEntry, inputs: Record<string, unknown>): Promise<CheckFailure[]> {
  const endpoint = endpointIfConfigured();
  if (!endpoint) {
    // Said at preview rather than when the first create fails.
    return [{ property: "", reason: `${entry.kind}: ${NO_ENDPOINT}` }];
  }
  const session = sessionFor(endpoint);
  const failures: CheckFailure[] = [];
  for (const [name, field] of Object.entries(entry.fields)) {
    const href = inputs[name];
    if (field.type.kind !== "ref" || typeof href !== "string" || href === UNKNOWN) continue;
    if (new URL(href).origin !== new URL(endpoint).origin) continue;
    let read = seen.get(href);
    if (!read) seen.set(href, (read = session.get(href, `check ${entry.kind}.${name}`)));
    let doc: Doc | undefined;
    try {
      doc = await read;
    } catch (e) {
      seen.delete(href);
      if (e instanceof CimiError) continue; // unreachable or refused: create will say so
      throw e;
    }
    const wanted = field.type.to;
    if (!doc) {
      failures.push({ property: name, reason: `${entry.kind}.${name}: ${href} does not exist on ${endpoint}` });
    } else if (typeof doc.resourceURI === "string" && !doc.resourceURI.endsWith(`/${wanted}`)) {
      failures.push({ property: name, reason: `${entry.kind}.${name}: ${href} is a ${doc.resourceURI.split("/").pop()}, not a ${wanted}` });
    }
  }
  return failures;
}
