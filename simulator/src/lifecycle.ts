// Adding and removing resources, with their sub-collections and what the simulated cloud does
// besides storing them (per-kind hooks: a machine's network, a system's components).
import type { Ctx } from "./context";
import type { Doc, Store } from "./store";
import type { Built } from "./create";
import { childEntries, entryOfKey } from "./kinds";
import { attachFirstInterface, attachInterface, detachInterface } from "./machine-net";
import { instantiateSystem, removeSystemComponents, actOnMembers } from "./systems";

interface Hooks {
  /** Attributes to add to a new resource, and the state its creation ends in if not the usual. */
  created(ctx: Ctx, path: string, built: Built): { attrs?: Doc; finalState?: string };
  removed?(store: Store, path: string): void;
  /** An action was accepted on the resource. */
  acted?(ctx: Ctx, path: string, action: string): void;
}

const hooks: Record<string, Hooks> = {
  Machine: { created: (ctx, path) => ({ attrs: attachFirstInterface(ctx.store, path, ctx.now.toISOString()) }) },
  MachineNetworkInterface: {
    created: (ctx, path) => ({ attrs: attachInterface(ctx.store, path, ctx.now.toISOString()) }),
    removed: detachInterface,
  },
  System: { created: instantiateSystem, removed: removeSystemComponents, acted: actOnMembers },
};

/** Store a new resource with its sub-collection refs; returns it and the state its creation ends in. */
export function addResource(ctx: Ctx, kind: string, key: string, id: string, built: Built): { stored: Doc; finalState?: string } {
  const path = `${key}/${id}`;
  const subs: Doc = {};
  for (const child of childEntries(kind)) subs[child.parent!.collection] = { href: `${path}/${child.parent!.collection}` };
  const hook = hooks[kind]?.created(ctx, path, built) ?? {};
  const stored = { id: path, ...built.doc, ...subs, ...hook.attrs };
  ctx.store.put(key, id, stored);
  return { stored, finalState: hook.finalState ?? built.finalState };
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
  store.remove(found.key, found.id);
}

export function actedOn(ctx: Ctx, kind: string, path: string, action: string): void {
  hooks[kind]?.acted?.(ctx, path, action);
}
