// The resource catalog: every CIMI type this project knows, described once.
import type { CatalogEntry } from "./types";
import { compute } from "./compute";
import { storage } from "./storage";
import { network } from "./network";
import { system } from "./system";
import { monitoring } from "./monitoring";
import { operationKinds } from "./operations";

export * from "./types";
export * from "./mutability";
export * from "./refs";
/** The CIMI resource types (what a cloud, and the simulator, serves). */
export const catalog: readonly CatalogEntry[] = [...compute, ...storage, ...network, ...system, ...monitoring];
/** Pulumi resources that stand for an operation on those types (OVF import and export). */
export { operationKinds };

const byKind = new Map([...catalog, ...operationKinds].map((e) => [e.kind, e]));

export function entry(kind: string): CatalogEntry {
  const found = byKind.get(kind);
  if (!found) throw new Error(`unknown CIMI resource kind "${kind}"`);
  return found;
}
