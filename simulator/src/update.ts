// PUT on a resource: full replacement of the consumer-writable attributes, or a partial update
// limited to the attributes listed in `$select` (SPEC §6.3).
import { typeURI } from "../../provider/src/catalog";
import type { CatalogEntry, Field } from "../../provider/src/catalog";
import { badRequest } from "./http";
import type { Ctx } from "./context";
import type { Doc } from "./store";
import { topLevel, writableAttrs } from "./kinds";
import { entryAsConfigured } from "./mutability";
import { checkCommon, checkNestedRefs, checkType, isObject, resolveRef } from "./validate";

/** Catalog field that is read at top-level attribute `attr`, if any. */
function fieldAt(e: CatalogEntry, attr: string): Field | undefined {
  return Object.values(e.fields).find((f) => f.read && topLevel(f.read) === attr && f.input?.change === "update");
}

function checkedValue(ctx: Ctx, e: CatalogEntry, attr: string, value: unknown): unknown {
  const f = fieldAt(e, attr);
  if (!f || !f.read || f.read === attr) {
    if (f) checkType(f.type, value, attr);
    if (f) checkNestedRefs(ctx, f.type, value, attr);
    return value;
  }
  // A ref read at `<attr>.href`.
  if (!isObject(value)) throw badRequest(`attribute "${attr}" must be an object with an href`);
  if (f.type.kind === "ref") return { href: resolveRef(ctx, value.href, f.read, f.type.to).path };
  return value;
}

/** Apply a PUT body to `doc` (in place). `select` lists the attributes of a partial update. */
export function applyUpdate(ctx: Ctx, kind: CatalogEntry, doc: Doc, body: Record<string, unknown>, select?: string[]): void {
  // What this cloud lets a consumer change (its profile may differ from the catalog).
  const e = entryAsConfigured(ctx.config, kind);
  if (body.resourceURI !== undefined && body.resourceURI !== typeURI(e.kind)) {
    throw badRequest(`resourceURI must be ${typeURI(e.kind)}, got ${JSON.stringify(body.resourceURI)}`);
  }
  checkCommon(body);
  const writable = writableAttrs(e);
  let targets: string[];
  if (select) {
    const extra = Object.keys(body).filter((k) => k !== "resourceURI" && !select.includes(k));
    if (extra.length) throw badRequest(`attribute "${extra[0]}" is in the body but not in $select=${select.join(",")}`);
    targets = select.filter((a) => writable.has(a));
  } else {
    targets = [...writable];
  }
  const next: Doc = {};
  for (const attr of targets) {
    const v = body[attr];
    if (v !== undefined && v !== null) next[attr] = checkedValue(ctx, e, attr, v);
  }
  for (const attr of targets) {
    const f = fieldAt(e, attr);
    if (next[attr] === undefined && f?.input?.required) throw badRequest(`${e.kind}: attribute "${f.read}" is required and cannot be removed`);
  }
  for (const attr of targets) {
    if (next[attr] === undefined || (attr === "properties" && Object.keys(next[attr] as object).length === 0)) delete doc[attr];
    else doc[attr] = next[attr];
  }
  doc.updated = ctx.now.toISOString();
}

/** Attribute names of `?$select=a,b` (repeated parameters merged), or undefined. */
export function selectList(query: URLSearchParams): string[] | undefined {
  const all = query.getAll("$select");
  if (!all.length) return undefined;
  return [...new Set(all.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))];
}
