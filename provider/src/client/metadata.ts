// Reading one ResourceMetadata document (SPEC §13): the capabilities a type has, and which of its
// attributes a consumer may change in place (`mutable`, CIMI 2.0; 1.x clouds may send it too).
import type { Doc } from "./codec";

export interface TypeMetadata {
  /** Capability name -> value; `"true"` when the cloud gives none. */
  capabilities: Record<string, string>;
  /** Attribute name -> whether it may change in place, for the attributes that say so. */
  mutable: Record<string, boolean>;
}

/** A boolean as JSON or XML writes it (`false`, `"false"`), or undefined when absent or unclear. */
function flag(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^\s*(true|false)\s*$/i.test(v)) return v.trim().toLowerCase() === "true";
  return undefined;
}

export function metadataOf(meta: Doc | undefined): TypeMetadata {
  const out: TypeMetadata = { capabilities: {}, mutable: {} };
  for (const c of Array.isArray(meta?.capabilities) ? (meta.capabilities as Doc[]) : []) {
    const name = typeof c.name === "string" && c.name ? c.name : String(c.uri ?? "").split("/").pop();
    if (name) out.capabilities[name] = c.value === undefined || c.value === null ? "true" : String(c.value);
  }
  for (const a of Array.isArray(meta?.attributes) ? (meta.attributes as Doc[]) : []) {
    // Extension attributes (with a namespace) are not the catalog's.
    if (typeof a.name !== "string" || a.namespace) continue;
    // XML carries it as a child element, or as an attribute some servers add (`@mutable`).
    const mutable = flag(a.mutable ?? a["@mutable"]);
    // 2.0 also has consumerWritable: false means the consumer never writes it, so never in place.
    const writable = flag(a.consumerWritable ?? a["@consumerWritable"]);
    if (mutable !== undefined || writable === false) out.mutable[a.name] = mutable !== false && writable !== false;
  }
  return out;
}
