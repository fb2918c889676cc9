// Packages this simulator serves itself: an export without a destination is kept in the store
// (so it survives restarts with a state file) and read back with GET <baseURI>packages/<id>.
import type { Store } from "../store";

export const PACKAGES = "packages";
/** The media type a package is served with (SPEC §15.2). */
export const OVF_MEDIA_TYPE = "application/ovf";

const key = (id: string) => `${PACKAGES}/${id}`;

/** Keeps a package's descriptor; returns its path relative to baseURI. */
export function savePackage(store: Store, text: string): string {
  const id = store.nextId("p");
  store.state.hidden[key(id)] = { text };
  store.touch();
  return key(id);
}

/** The descriptor at a path returned by savePackage, if there is one. */
export function packageText(store: Store, path: string): string | undefined {
  const text = store.state.hidden[path]?.text;
  return path.startsWith(`${PACKAGES}/`) && typeof text === "string" ? text : undefined;
}
