// Checks on consumer-supplied values: field types from the catalog, common attributes, refs.
import { refsIn, typeURI, type Field, type FieldType } from "../../provider/src/catalog";
import { badRequest } from "./http";
import type { Ctx } from "./context";
import type { Doc } from "./store";
import { entryOfKey } from "./kinds";

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const seg of path.split(".")) {
    if (!isObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Check `value` against a catalog field type; `where` names the attribute in messages. */
export function checkType(type: FieldType, value: unknown, where: string): void {
  const fail = (expected: string) => {
    throw badRequest(`attribute "${where}" must be ${expected}, got ${JSON.stringify(value)}`);
  };
  switch (type.kind) {
    case "duration":
      if (typeof value !== "string") fail("a string");
      return;
    case "string":
      if (typeof value !== "string") fail("a string");
      if (type.enum && !type.enum.includes(value as string)) fail(`one of ${type.enum.join(", ")}`);
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) fail("an integer");
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("a boolean");
      return;
    case "map":
      if (!isObject(value) || Object.values(value).some((v) => typeof v !== "string")) fail("an object of string values");
      return;
    case "ref":
      if (typeof value !== "string") fail("an href string");
      return;
    case "list":
      if (!Array.isArray(value)) fail("an array");
      // A list of references holds `{ href }` items (SPEC §3.5).
      (value as unknown[]).forEach((v, i) =>
        type.of.kind === "ref" ? checkType(type.of, isObject(v) ? v.href : v, `${where}[${i}].href`) : checkType(type.of, v, `${where}[${i}]`),
      );
      return;
    case "type":
      if (typeof value !== "string" || !type.of.some((k) => typeURI(k) === value)) fail(`the type URI of one of ${type.of.join(", ")}`);
      return;
    case "object":
      if (!isObject(value)) fail("an object");
      // A field of an object sits where its path says (`machineTemplate.href`).
      for (const [k, f] of Object.entries(type.fields)) {
        const v = getPath(value, f.create ?? k);
        if (v === undefined) {
          if (f.input?.required) throw badRequest(`attribute "${where}.${k}" is required`);
        } else checkType(f.type, v, `${where}.${k}`);
      }
      return;
  }
}

/** A catalog field's value at its `create` path, when given. */
export function checkField(f: Field, body: unknown, path: string): void {
  const v = getPath(body, path);
  if (v !== undefined && v !== null) checkType(f.type, v, path);
}

export function checkCommon(body: Record<string, unknown>): void {
  for (const a of ["name", "description"]) if (body[a] !== undefined) checkType({ kind: "string" }, body[a], a);
  if (body.properties !== undefined) checkType({ kind: "map" }, body.properties, "properties");
}

/** Resolve an href that must name an existing resource of `kind`; `where` names the attribute. */
export function resolveRef(ctx: Ctx, href: unknown, where: string, kind: string): { path: string; doc: Doc } {
  if (typeof href !== "string" || href === "") throw badRequest(`attribute "${where}" must be a non-empty href string`);
  const path = ctx.links.rel(href);
  const found = path !== undefined ? ctx.store.byPath(path) : undefined;
  if (!found || entryOfKey(found.key)?.kind !== kind) {
    throw badRequest(`attribute "${where}": ${kind} ${href} does not exist`);
  }
  return { path: path as string, doc: found.doc };
}

/** Every reference inside a list or object value (a template's networkInterfaces[0].network) must name an existing resource of its kind. */
export function checkNestedRefs(ctx: Ctx, type: FieldType, value: unknown, where: string): void {
  if (type.kind !== "list" && type.kind !== "object") return;
  for (const r of refsIn(type, value, where, true)) resolveRef(ctx, r.href, r.path, r.to);
}
