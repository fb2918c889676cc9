// Systems (SPEC §11.4): creating one makes its template's components (each through its own kind's
// create, from the template in its descriptor) and lists them in the system's sub-collections;
// start and stop reach its machines; deleting it deletes the components it made.
import { entry as entryOf, type CatalogEntry } from "../../provider/src/catalog";
import type { Ctx } from "./context";
import type { Doc, Store } from "./store";
import { badRequest } from "./http";
import { buildResource, type Built } from "./create";
import { childEntries, idPrefix, memberAttr, templateAttr } from "./kinds";
import { addResource, removeResource } from "./lifecycle";
import { setState } from "./monitoring";
import { isObject } from "./validate";

interface SystemInfo {
  components: string[];
}

/** The sub-collection kind listing members of `kind` (SystemMachine for Machine) and its ref attribute. */
function membershipOf(kind: string): { e: CatalogEntry; attr: string } | undefined {
  for (const e of childEntries("System")) {
    const attr = memberAttr(e, kind);
    if (attr) return { e, attr };
  }
  return undefined;
}

export function instantiateSystem(ctx: Ctx, systemPath: string, built: Built): { finalState?: string } {
  const descriptors = Array.isArray(built.template?.componentDescriptors) ? (built.template!.componentDescriptors as Doc[]) : [];
  ctx.store.state.hidden[systemPath] = { components: [] } satisfies SystemInfo;
  const machineStates: string[] = [];
  for (const [i, d] of descriptors.entries()) {
    const kind = String(d.type ?? "").split("/").pop() ?? "";
    const e = membershipOf(kind) ? entryOfKind(kind) : undefined;
    const slot = e && templateAttr(e);
    if (!e || !slot) throw badRequest(`componentDescriptors[${i}].type: a system cannot hold a ${kind || "component without a type"}`);
    if (!isObject(d[slot])) throw badRequest(`componentDescriptors[${i}]: a ${kind} component needs ${slot}`);
    const quantity = typeof d.quantity === "number" ? d.quantity : 1;
    for (let n = 1; n <= quantity; n++) {
      const name = `${d.name ?? kind.toLowerCase()}${quantity > 1 ? n : ""}`;
      const stored = addComponent(ctx, systemPath, kind, { name, description: d.description, properties: d.properties, [slot]: d[slot] });
      if (kind === "Machine") machineStates.push(String(stored.state));
    }
  }
  return { finalState: systemState(machineStates) };
}

/** All machines alike: their state; otherwise (or none) MIXED (SPEC §11.4.1). */
export function systemState(machineStates: readonly string[]): string {
  const distinct = new Set(machineStates);
  return distinct.size === 1 ? [...distinct][0] : "MIXED";
}

/**
 * Makes one component of a system through its kind's own create (`body` is that kind's create
 * request) and lists it in the system's sub-collection, so deleting the system deletes it.
 * Used by systems made from a template and by OVF imports.
 */
export function addComponent(ctx: Ctx, systemPath: string, kind: string, body: Doc): Doc {
  const membership = membershipOf(kind);
  const e = membership ? entryOfKind(kind) : undefined;
  if (!e || !membership) throw badRequest(`a system cannot hold a ${kind}`);
  const made = buildResource(ctx, e, body);
  // Components are ready when the system is: they settle with it.
  const doc = made.finalState ? { ...made.doc, state: made.finalState } : made.doc;
  const { stored } = addResource(ctx, e.kind, e.cepKey!, ctx.store.nextId(idPrefix(e.kind)), { doc, template: made.template });
  const info = (ctx.store.state.hidden[systemPath] ??= { components: [] }) as unknown as SystemInfo;
  info.components.push(stored.id as string);
  const now = ctx.now.toISOString();
  const key = `${systemPath}/${membership.e.parent!.collection}`;
  const itemId = ctx.store.nextId(idPrefix(membership.e.kind));
  ctx.store.put(key, itemId, { id: `${key}/${itemId}`, name: stored.name, created: now, updated: now, [membership.attr]: { href: stored.id } });
  return stored;
}

function entryOfKind(kind: string): CatalogEntry | undefined {
  try {
    const e = entryOf(kind);
    return e.cepKey ? e : undefined;
  } catch {
    return undefined;
  }
}

export function removeSystemComponents(store: Store, systemPath: string): void {
  const info = store.state.hidden[systemPath] as unknown as SystemInfo | undefined;
  for (const path of info?.components ?? []) removeResource(store, path);
}

/** A system's start or stop, applied to each of its machines that can take it now. */
export function actOnMembers(ctx: Ctx, systemPath: string, action: string): void {
  const machines = membershipOf("Machine");
  if (!machines) return;
  const spec = entryOf("Machine").actions?.[action];
  for (const item of ctx.store.list(`${systemPath}/${machines.e.parent!.collection}`)) {
    const href = (item[machines.attr] as Doc | undefined)?.href;
    const found = typeof href === "string" ? ctx.store.byPath(href) : undefined;
    if (!found || !spec || !spec.from.includes(String(found.doc.state))) continue;
    setState(ctx.store, href as string, found.doc, spec.to, ctx.now.toISOString());
  }
}
