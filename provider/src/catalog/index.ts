// The resource catalog: every CIMI type this project knows, described once.
import type { CatalogEntry } from "./types";
import { compute } from "./compute";
import { storage } from "./storage";
import { network } from "./network";
import { system } from "./system";

export * from "./types";
export const catalog: readonly CatalogEntry[] = [...compute, ...storage, ...network, ...system];

const byKind = new Map(catalog.map((e) => [e.kind, e]));

export function entry(kind: string): CatalogEntry {
  const found = byKind.get(kind);
  if (!found) throw new Error(`unknown CIMI resource kind "${kind}"`);
  return found;
}
