// Adding and removing resources, with the per-kind side effects (a machine's network).
import type { Doc, Store } from "./store";
import { entryByCepKey } from "./kinds";
import { attachNetwork, detachNetwork } from "./machine-net";

type Hooks = { created(store: Store, path: string, now: string): Doc; removed(store: Store, path: string): void };

const hooks: Record<string, Hooks> = {
  Machine: { created: attachNetwork, removed: detachNetwork },
};

/** Store a new resource; returns the stored document (with any kind-specific attributes). */
export function addResource(store: Store, kind: string, key: string, id: string, doc: Doc, now: string): Doc {
  const path = `${key}/${id}`;
  const extra = hooks[kind]?.created(store, path, now) ?? {};
  const stored = { id: path, ...doc, ...extra };
  store.put(key, id, stored);
  return stored;
}

export function removeResource(store: Store, path: string): void {
  const found = store.byPath(path);
  if (!found) return;
  const kind = entryByCepKey(found.key)?.kind;
  if (kind) hooks[kind]?.removed(store, path);
  store.remove(found.key, found.id);
}
