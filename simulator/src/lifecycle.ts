// Adding and removing resources, with their sub-collections and the per-kind side effects (a
// machine's network).
import type { Doc, Store } from "./store";
import { childEntries, entryOfKey } from "./kinds";
import { attachFirstInterface, attachInterface, detachInterface } from "./machine-net";

type Hooks = { created(store: Store, path: string, now: string): Doc; removed?(store: Store, path: string): void };

/** What the simulated cloud does besides storing a resource: wire up networking. */
const hooks: Record<string, Hooks> = {
  Machine: { created: attachFirstInterface },
  MachineNetworkInterface: { created: attachInterface, removed: detachInterface },
};

/** Store a new resource; returns the stored document (with its sub-collection refs and any kind-specific attributes). */
export function addResource(store: Store, kind: string, key: string, id: string, doc: Doc, now: string): Doc {
  const path = `${key}/${id}`;
  const subs: Doc = {};
  for (const child of childEntries(kind)) subs[child.parent!.collection] = { href: `${path}/${child.parent!.collection}` };
  const extra = hooks[kind]?.created(store, path, now) ?? {};
  const stored = { id: path, ...doc, ...subs, ...extra };
  store.put(key, id, stored);
  return stored;
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
