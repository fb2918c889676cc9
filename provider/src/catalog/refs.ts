// Every reference a value holds, found through its catalog type: in the Pulumi shape of inputs
// (object fields by name, lists of hrefs) or as CIMI writes it (`wire`: fields at their paths,
// lists of `{ href }`). The provider checks them at preview, the simulator when it is sent them.
import type { FieldType } from "./types";

export interface FoundRef {
  /** Where the reference is: `networkInterfaces[0].network`. */
  path: string;
  href: unknown;
  /** The kind it must name. */
  to: string;
}

const at = (v: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((cur, k) => (cur && typeof cur === "object" && !Array.isArray(cur) ? (cur as Record<string, unknown>)[k] : undefined), v);

export function refsIn(type: FieldType, value: unknown, path: string, wire = false): FoundRef[] {
  if (value === undefined || value === null) return [];
  switch (type.kind) {
    case "ref":
      return [{ path, href: value, to: type.to }];
    case "list": {
      if (!Array.isArray(value)) return [];
      const item = (v: unknown) => (wire && type.of.kind === "ref" ? at(v, "href") : v);
      return value.flatMap((v, i) => refsIn(type.of, item(v), `${path}[${i}]`, wire));
    }
    case "object":
      return Object.entries(type.fields).flatMap(([name, f]) => refsIn(f.type, at(value, wire ? (f.create ?? name) : name), `${path}.${name}`, wire));
    default:
      return [];
  }
}
