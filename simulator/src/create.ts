// Turning a create request into the new resource's document, driven by the catalog entry:
// self kinds post their own representation; wrapper kinds (MachineCreate, CredentialCreate) carry
// a template by reference ({href, ...overrides}) or by value.
import type { CatalogEntry, Field } from "../../provider/src/catalog";
import { badRequest } from "./http";
import type { Ctx } from "./context";
import type { Doc } from "./store";
import { COMMON_READONLY, COMMON_WRITABLE, defaultInitialState, fieldsOf, initialStates, templateAttr, topLevel } from "./kinds";
import { checkCommon, checkField, checkNestedRefs, getPath, isObject, resolveRef } from "./validate";

export interface Built {
  /** Attributes of the new resource (without id). */
  doc: Doc;
  /** For resources created asynchronously: the state reached when the creation job ends. */
  finalState?: string;
  /** For kinds created from a template: the effective template (referenced, with overrides). */
  template?: Doc;
  /** Path of the resource this one is made from (the volume a VolumeImage snapshots). */
  madeFrom?: string;
}

const isRefPath = (f: Field, path: string) => f.type.kind === "ref" && path.endsWith(".href");

function setPath(doc: Doc, path: string, value: unknown): void {
  const segs = path.split(".");
  let cur = doc;
  for (const s of segs.slice(0, -1)) cur = (cur[s] ??= {}) as Doc;
  cur[segs[segs.length - 1]] = value;
}

function commonPart(body: Record<string, unknown>, now: string): Doc {
  checkCommon(body);
  const doc: Doc = {};
  if (body.name !== undefined) doc.name = body.name;
  if (body.description !== undefined) doc.description = body.description;
  doc.created = now;
  doc.updated = now;
  if (body.properties !== undefined && Object.keys(body.properties as object).length) doc.properties = body.properties;
  return doc;
}

export function buildResource(ctx: Ctx, e: CatalogEntry, body: Record<string, unknown>): Built {
  const doc = commonPart(body, ctx.now.toISOString());
  const tpl = templateAttr(e);
  if (!tpl) {
    const madeFrom = buildSelf(ctx, e, body, doc);
    return { ...creating(e, doc), madeFrom };
  }
  const template = buildFromTemplate(ctx, e, tpl, body, doc);
  return { ...creating(e, doc), template };
}

/** A kind with a creating state shows it until the creation job ends in the state it asked for. */
function creating(e: CatalogEntry, doc: Doc): Built {
  if (!e.creatingState || !e.states) return { doc };
  const finalState = typeof doc.state === "string" ? doc.state : e.states.stable[0];
  return { doc: { ...doc, state: e.creatingState }, finalState };
}

/** Fills `doc` from a posted representation; returns the path of the resource it is made from, if any. */
function buildSelf(ctx: Ctx, e: CatalogEntry, body: Record<string, unknown>, doc: Doc): string | undefined {
  let madeFrom: string | undefined;
  for (const [, f] of fieldsOf(e)) {
    if (!f.create || (COMMON_WRITABLE as readonly string[]).includes(f.create)) continue;
    const v = getPath(body, f.create);
    if (v === undefined || v === null) {
      if (f.input?.required) throw badRequest(`${e.kind}: attribute "${f.create}" is required`);
      continue;
    }
    checkField(f, body, f.create);
    checkNestedRefs(ctx, f.type, v, f.create);
    const to = f.type.kind === "ref" ? f.type.to : undefined;
    // A plain URI that points into this cloud (an imageLocation naming a volume) says what the
    // new resource is made from; elsewhere it is just a location.
    if (to && !isRefPath(f, f.create) && typeof v === "string" && ctx.links.rel(v) !== undefined) madeFrom = resolveRef(ctx, v, f.create, to).path;
    const value = to && isRefPath(f, f.create) ? resolveRef(ctx, v, f.create, to).path : v;
    if (f.read) setPath(doc, f.read, value);
  }
  for (const [, f] of fieldsOf(e)) {
    if (f.input || !f.read || doc[f.read] !== undefined || (COMMON_READONLY as readonly string[]).includes(f.read)) continue;
    if (f.read === "state" && e.states) doc.state = e.states.stable[0];
    else if (f.type.kind === "string" && f.type.enum) doc[f.read] = f.type.enum[0];
  }
  return madeFrom;
}

/** Fills `doc` from a create request's template; returns the effective template. */
function buildFromTemplate(ctx: Ctx, e: CatalogEntry, tplAttr: string, body: Record<string, unknown>, doc: Doc): Doc {
  const tpl = body[tplAttr];
  if (!isObject(tpl)) throw badRequest(`${e.create.wrapper}: attribute "${tplAttr}" is required and must be an object`);
  const fields = fieldsOf(e).filter(([, f]) => f.create?.startsWith(`${tplAttr}.`));
  const byRef = fields.find(([, f]) => f.create === `${tplAttr}.href` && f.type.kind === "ref")?.[1];

  // The effective template: the referenced one, overridden by what the request gives inline.
  let merged: Record<string, unknown> = {};
  if (tpl.href === undefined && !ctx.config.templateByValue) {
    throw badRequest(`attribute "${tplAttr}": this cloud accepts templates by reference only (${byValueCapability(tplAttr)} is false)`);
  }
  if (tpl.href !== undefined) {
    if (!byRef) throw badRequest(`attribute "${tplAttr}.href": ${e.kind} cannot be created from a template by reference`);
    const ref = resolveRef(ctx, tpl.href, `${tplAttr}.href`, (byRef.type as { to: string }).to);
    const skip = new Set<string>([...COMMON_READONLY, ...COMMON_WRITABLE]);
    for (const [k, v] of Object.entries(ref.doc)) if (!skip.has(k)) merged[k] = v;
  }
  for (const [k, v] of Object.entries(tpl)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  const req = { [tplAttr]: merged };

  // Referenced documents (by href or by value) the new resource takes its output attributes from.
  const sources: Doc[] = [];
  for (const [, f] of fields) {
    if (f === byRef || !f.create) continue;
    if (!isRefPath(f, f.create)) {
      checkField(f, req, f.create);
      checkNestedRefs(ctx, f.type, getPath(req, f.create), f.create);
      continue;
    }
    const slot = f.create.slice(0, -".href".length);
    const v = getPath(req, slot);
    if (v === undefined) continue;
    if (!isObject(v)) throw badRequest(`attribute "${slot}" must be an object with an href or the attributes of a ${(f.type as { to: string }).to}`);
    sources.push(v.href !== undefined ? resolveRef(ctx, v.href, f.create, (f.type as { to: string }).to).doc : v);
  }

  checkRequireOneOf(e, { [tplAttr]: { ...merged, ...(tpl.href !== undefined ? { href: tpl.href } : {}) } });

  for (const [name, f] of fields) {
    if (!f.create || !f.read || f === byRef) continue;
    let v = getPath(req, f.create);
    // A reference the resource keeps (a port's network) is stored as given, once known to exist.
    if (isRefPath(f, f.create)) {
      if (v !== undefined) setPath(doc, f.read, resolveRef(ctx, v, f.create, (f.type as { to: string }).to).path);
      continue;
    }
    if (e.desiredState?.field === name) {
      v ??= defaultInitialState(ctx.config, e);
      const allowed = initialStates(ctx.config, e);
      if (!allowed.includes(v as string)) throw badRequest(`attribute "${f.create}": ${e.kind}s here start in ${allowed.join(" or ")} (InitialStates), not ${String(v)}`);
    }
    if (v !== undefined) setPath(doc, f.read, v);
  }
  // A state is the resource's own, never its configuration's or image's.
  for (const [, f] of fieldsOf(e)) {
    if (f.create || f.input || !f.read || f.read === "state" || doc[topLevel(f.read)] !== undefined) continue;
    const from = sources.find((s) => getPath(s, f.read as string) !== undefined);
    if (from) setPath(doc, f.read, getPath(from, f.read));
  }
  return merged;
}

/** The ResourceMetadata capability saying whether a template slot takes values (`MachineTemplateByValue`). */
export function byValueCapability(tplAttr: string): string {
  return `${tplAttr[0].toUpperCase()}${tplAttr.slice(1)}ByValue`;
}

function checkRequireOneOf(e: CatalogEntry, req: Record<string, unknown>): void {
  if (!e.requireOneOf?.length) return;
  const given = (name: string) => {
    const f = e.fields[name];
    if (!f?.create) return false;
    if (getPath(req, f.create) !== undefined) return true;
    // A nested ref (machineTemplate.machineConfig.href) may also be given by value.
    const slot = f.create.slice(0, -".href".length);
    return isRefPath(f, f.create) && slot.includes(".") && isObject(getPath(req, slot));
  };
  if (e.requireOneOf.some((group) => group.every(given))) return;
  const alternatives = e.requireOneOf.map((g) => g.map((n) => e.fields[n]?.create ?? n).join(" + ")).join(", or ");
  throw badRequest(`${e.create.wrapper}: give ${alternatives}`);
}
