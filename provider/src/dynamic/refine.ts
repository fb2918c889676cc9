// A kind as one endpoint has it: the catalog entry with the change modes the endpoint's
// ResourceMetadata gives its attributes (SPEC §13), so diff replaces exactly what that cloud
// cannot change in place and update edits what it can.
import { documentKind, refinedInputs, withMutability, type CatalogEntry } from "../catalog";
import type { Session } from "../client";
import { SKIP, unlessUnreachable } from "./preview";

export async function refinedFor(entry: CatalogEntry, session: Session): Promise<CatalogEntry> {
  const meta = await unlessUnreachable(session.metadata(documentKind(entry)));
  return meta === SKIP ? entry : withMutability(entry, meta.mutable);
}

/** Why a changed input replaces or updates against the catalog's word, for the preview. */
export function refinementNotes(entry: CatalogEntry, refined: CatalogEntry, changed: readonly string[], endpoint: string): string[] {
  return refinedInputs(entry, refined)
    .filter((name) => changed.includes(name))
    .map((name) => {
      const attr = refined.fields[name].read!.split(".")[0];
      const inPlace = refined.fields[name].input!.change === "update";
      return `${name} changed; ${endpoint}'s ResourceMetadata says "${attr}" ${inPlace ? "may change in place: updated, not replaced" : "cannot change in place: replaced"}`;
    });
}
