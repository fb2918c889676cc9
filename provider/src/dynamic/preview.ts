// What check() asks the endpoint at preview, reading only: that the hrefs an input refers to
// exist and are of the right kind, and that the endpoint's ResourceMetadata (SPEC §13) does not
// say it lacks a capability the inputs need. A cloud that cannot be reached is not an error here
// (the operation itself will say so), only a warning.
import { aKind, refsIn, type CatalogEntry } from "../catalog";
import { CimiError, type Doc, type Session } from "../client";
import type { CheckFailure } from "./check";
import { endpointIfConfigured, NO_ENDPOINT, sessionFor } from "./config";
import { UNKNOWN } from "./model";

type Inputs = Record<string, unknown>;

/** href -> its document (undefined when it does not exist), per provider process. */
const seen = new Map<string, Promise<Doc | undefined>>();

export async function checkAgainstEndpoint(entry: CatalogEntry, inputs: Inputs): Promise<CheckFailure[]> {
  const endpoint = endpointIfConfigured();
  if (!endpoint) return [{ property: "", reason: `${entry.kind}: ${NO_ENDPOINT}` }];
  const session = sessionFor(endpoint);
  const failures = await checkReferences(entry, inputs, session);
  return failures.length ? failures : checkCapabilities(entry, inputs, session);
}

async function checkReferences(entry: CatalogEntry, inputs: Inputs, session: Session): Promise<CheckFailure[]> {
  const failures: CheckFailure[] = [];
  // Every reference, also inside lists and objects (a machine's networkInterfaces[0].network).
  const found = Object.entries(entry.fields).flatMap(([name, field]) => refsIn(field.type, inputs[name], name).map((r) => ({ ...r, name })));
  for (const { name, path, href, to: wanted } of found) {
    if (typeof href !== "string" || href === UNKNOWN) continue;
    // Only the endpoint's own resources: credentials go nowhere else.
    if (new URL(href).origin !== new URL(session.endpoint).origin) continue;
    let read = seen.get(href);
    if (!read) seen.set(href, (read = session.get(href, `check ${entry.kind}.${path}`)));
    const doc = await unlessUnreachable(read, () => seen.delete(href));
    if (doc === SKIP) continue;
    if (!doc) {
      failures.push({ property: name, reason: `${entry.kind}.${path}: ${href} does not exist on ${session.endpoint}` });
    } else if (typeof doc.resourceURI === "string" && !doc.resourceURI.endsWith(`/${wanted}`)) {
      failures.push({ property: name, reason: `${entry.kind}.${path}: ${href} is ${aKind(doc.resourceURI.split("/").pop())}, not ${aKind(wanted)}` });
    }
  }
  return failures;
}

/** Only an explicit "false" counts: an absent capability means "no preference". */
async function checkCapabilities(entry: CatalogEntry, inputs: Inputs, session: Session): Promise<CheckFailure[]> {
  const needs = (entry.needs ?? []).filter((n) => inputs[n.unless] === undefined);
  if (needs.length === 0) return [];
  const capabilities = await unlessUnreachable(session.capabilities(entry.kind));
  if (capabilities === SKIP) return [];
  return needs
    .filter((n) => capabilities[n.capability]?.toLowerCase() === "false")
    .map((n) => ({
      property: n.unless,
      reason: `${entry.kind}: ${session.endpoint} cannot ${n.what}: its ResourceMetadata says ${n.capability} is false; ${n.instead}`,
    }));
}

export const SKIP = Symbol("skip");

/** Endpoints already warned about, so a preview of many resources says it once. */
const warned = new Set<string>();

/** A read at preview; when the endpoint cannot be reached, a warning (once per endpoint) and SKIP. */
export async function unlessUnreachable<T>(read: Promise<T>, onSkip?: () => void): Promise<T | typeof SKIP> {
  try {
    return await read;
  } catch (e) {
    if (!(e instanceof CimiError)) throw e;
    onSkip?.();
    // Not an error at preview (the operation will say so), but never a silent pass either.
    const where = e.details.endpoint ?? "the endpoint";
    if (!warned.has(where)) {
      warned.add(where);
      console.error(`warning: could not check references, capabilities and which attributes change in place against ${where} during preview: ${e.summary}${e.details.status ? ` (HTTP ${e.details.status})` : ""}; up will fail if they are wrong`);
    }
    return SKIP;
  }
}
