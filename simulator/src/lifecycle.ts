// Adding and removing resources, with their sub-collections and what the simulated cloud does
// besides storing them (per-kind hooks: a machine's network, a system's components).
import type { Ctx } from "./context";
import type { Doc, Store } from "./store";
import type { Built } from "./create";
import { childEntries, entryOfKey, idPrefix, memberAttr } from "./kinds";
import { addressAdded, addressRemoved, attachInterface, connectMachine } from "./machine-net";
import { instantiateSystem, removeSystemComponents, actOnMembers } from "./systems";
import { unwatch, watch } from "./monitoring";

interface Hooks {
  /** Attributes to add to a new resource, and the state its creation ends in if not the usual. */
  created(ctx: Ctx, path: string, built: Built): { attrs?: Doc; finalState?: string };
  removed?(store: Store, path: string): void;
  /** An action was accepted on the resource. */
  acted?(ctx: Ctx, path: string, action: string): void;
}

const hooks: Record<string, Hooks> = {
  Machine: { created: (ctx, path, built) => ({ attrs: connectMachine(ctx, path, built.template) }) },
  MachineNetworkInterface: { created: (ctx, path) => ({ attrs: attachInterface(ctx.store, path, ctx.now.toISOString()) }) },
  MachineNetworkInterfaceAddress: { created: addressAdded, removed: addressRemoved },
  System: { created: instantiateSystem, removed: removeSystemComponents, acted: actOnMembers },
};

/** Store a new resource with its sub-collection refs; returns it and the state its creation ends in. */
export function addResource(ctx: Ctx, kind: string, key: string, id: string, built: Built): { stored: Doc; finalState?: string } {
  const path = `${key}/${id}`;
  const subs: Doc = {};
  for (const child of childEntries(kind)) subs[child.parent!.collection] = { href: `${path}/${child.parent!.collection}` };
  const hook = hooks[kind]?.created(ctx, path, built) ?? {};
  const stored: Doc = { id: path, ...built.doc, ...subs, ...hook.attrs };
  Object.assign(stored, watch(ctx.store, kind, path, stored, ctx.now.toISOString()));
  ctx.store.put(key, id, stored);
  if (built.madeFrom) listIn(ctx, built.madeFrom, kind, path);
  return { stored, finalState: hook.finalState ?? built.finalState };
}

/**
 * A resource made from another is listed in that one's sub-collection of its kind, if it has one
 * (a snapshot in its volume's `images`); the item goes when the resource does.
 */
function listIn(ctx: Ctx, sourcePath: string, kind: string, path: string): void {
  const source = ctx.store.byPath(sourcePath);
  const sourceKind = source && entryOfKey(source.key)?.kind;
  for (const child of sourceKind ? childEntries(sourceKind) : []) {
    const attr = memberAttr(child, kind);
    if (!attr) continue;
    const key = `${sourcePath}/${child.parent!.collection}`;
    const itemId = ctx.store.nextId(idPrefix(child.kind));
    const now = ctx.now.toISOString();
    ctx.store.put(key, itemId, { id: `${key}/${itemId}`, created: now, updated: now, [attr]: { href: path } });
    ctx.store.state.hidden[path] = { ...ctx.store.state.hidden[path], listedAs: `${key}/${itemId}` };
  }
}

/** Remove a resource and the items of its sub-collections (attachments go with their machine). */
export function removeResource(store: Store, path: string): void {
  const found = store.byPath(path);
  if (!found) return;
  const kind = entryOfKey(found.key)?.kind;
  if (kind) {
    for (const child of childEntries(kind)) {
      const key = `${path}/${child.parent!.collection}`;
      for (const item of store.list(key)) removeResource(store, item.id as string);
      store.drop(key);
    }
    hooks[kind]?.removed?.(store, path);
  }
  unwatch(store, path, (p) => removeResource(store, p));
  const listedAs = store.state.hidden[path]?.listedAs;
  if (typeof listedAs === "string") removeResource(store, listedAs);
  store.remove(found.key, found.id);
}

export function actedOn(ctx: Ctx, kind: string, path: string, action: string): void {
  hooks[kind]?.acted?.(ctx, path, action);
}
