// Which attributes this simulated cloud lets a consumer change in place: the catalog's word, unless
// the profile says otherwise (`mutable`: { "Kind.attribute": true | false }). Its ResourceMetadata
// publishes the result and its PUT honours it, so clients can be tested against clouds that differ.
import { withMutability, type CatalogEntry } from "../../provider/src/catalog";
import type { SimConfig } from "./context";

export function entryAsConfigured(config: Pick<SimConfig, "mutable">, e: CatalogEntry): CatalogEntry {
  const prefix = `${e.kind}.`;
  const said = Object.fromEntries(Object.entries(config.mutable).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  return Object.keys(said).length ? withMutability(e, said) : e;
}
