// What a machine gets when it is made: its local disks (from its configuration), the existing
// volumes and the network interfaces its template lists (SPEC §11.1.5), or one interface (eth0)
// when it lists none. More interfaces can be added through the machine's `networkInterfaces`
// sub-collection; each interface has the addresses it was given or one IPv4 Address the cloud
// assigns, as items of its `addresses` sub-collection (MachineNetworkInterfaceAddress), where
// more can be added.
import { entry, typeURI } from "../../provider/src/catalog";
import type { Ctx } from "./context";
import type { Doc, Store } from "./store";
import { idPrefix } from "./kinds";
import { isObject, resolveRef } from "./validate";

const ADDRESSES = entry("Address").cepKey!;
const DISKS = "disks";

function ipFor(n: number): string {
  const i = n - 1;
  return `10.0.${Math.floor(i / 250) % 256}.${(i % 250) + 2}`;
}

function macFor(n: number): string {
  const b = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((x) => x.toString(16).padStart(2, "0"));
  return `52:54:00:${b.join(":")}`;
}

/** The machine an interface, or an item of its `addresses`, belongs to. */
const machineOf = (path: string) => path.split("/").slice(0, 2).join("/");
const NIC_ADDRESS = entry("MachineNetworkInterfaceAddress");

type Found = NonNullable<ReturnType<Store["byPath"]>>;

/** The Address an item of an interface's `addresses` refers to, if it still exists. */
const addressOf = (store: Store, item: Doc | undefined): Found | undefined => {
  const href = (item?.address as Doc | undefined)?.href;
  return typeof href === "string" ? store.byPath(href) : undefined;
};

/** An Address bound to a machine (`resource`), or free again. */
function bind(store: Store, address: Found | undefined, machine: string | undefined, now: string): void {
  if (!address) return;
  const { resource: _was, ...doc } = address.doc;
  store.put(address.key, address.id, { ...doc, ...(machine ? { resource: { href: machine } } : {}), updated: now });
}

/** An address added to an interface (an item of its `addresses`): it is bound to the machine. */
export function addressAdded(ctx: Ctx, itemPath: string, built: { doc: Doc }): { attrs?: Doc } {
  bind(ctx.store, addressOf(ctx.store, built.doc), machineOf(itemPath), ctx.now.toISOString());
  return {};
}

/**
 * An address taken off an interface: the one the simulator assigned goes, one that was given is
 * unbound, unless another machine has taken it since (a machine replaced before the old one went).
 */
export function addressRemoved(store: Store, itemPath: string): void {
  const address = addressOf(store, store.byPath(itemPath)?.doc);
  if (!address) return;
  if (store.state.hidden[itemPath]?.assigned) store.remove(address.key, address.id);
  else if ((address.doc.resource as Doc | undefined)?.href === machineOf(itemPath)) bind(store, address, undefined, new Date().toISOString());
}

/**
 * Give an interface its addresses, as items of its `addresses`: the existing ones named (paths
 * of Addresses), else one IPv4 address assigned here. Returns the interface's attributes.
 */
export function attachInterface(store: Store, nicPath: string, now: string, given: readonly string[] = []): Doc {
  const n = store.nextNumber("ip");
  const key = `${nicPath}/${NIC_ADDRESS.parent!.collection}`;
  const add = (addressPath: string, assigned: boolean) => {
    const id = store.nextId(idPrefix(NIC_ADDRESS.kind));
    const item = { id: `${key}/${id}`, created: now, updated: now, address: { href: addressPath } };
    store.put(key, id, item);
    if (assigned) store.state.hidden[item.id] = { assigned: true };
    bind(store, addressOf(store, item), machineOf(nicPath), now);
  };
  for (const p of given) add(p, false);
  if (!given.length) {
    const id = store.nextId("a");
    const [, machineId, , nic] = nicPath.split("/");
    store.put(ADDRESSES, id, { id: `${ADDRESSES}/${id}`, name: `${machineId}-${nic}`, created: now, updated: now, ip: ipFor(n), allocation: "dynamic", protocol: "IPv4" });
    add(`${ADDRESSES}/${id}`, true);
  }
  return { state: "Active", macAddress: macFor(n), addresses: { href: key } };
}

interface Nic {
  network?: Doc;
  networkPort?: Doc;
  state?: unknown;
  mtu?: unknown;
  addresses: string[];
}

const listOf = (template: Doc | undefined, attr: string): Doc[] => (Array.isArray(template?.[attr]) ? (template[attr] as unknown[]).filter(isObject) : []);

/**
 * A new machine's disks, volumes and interfaces, from its effective template; returns the
 * machine's attribute for its disks. Every reference is checked before anything is made, so a
 * refused machine leaves nothing behind.
 */
export function connectMachine(ctx: Ctx, machinePath: string, template: Doc | undefined): Doc {
  const now = ctx.now.toISOString();
  const where = "machineTemplate";
  const volumes = listOf(template, "volumes").map((v, i) => ({ path: resolveRef(ctx, v.href, `${where}.volumes[${i}].href`, "Volume").path, initialLocation: v.initialLocation }));
  const nics: Nic[] = listOf(template, "networkInterfaces").map((n, i) => {
    const at = `${where}.networkInterfaces[${i}]`;
    const ref = (slot: string, kind: string) => (isObject(n[slot]) ? { href: resolveRef(ctx, (n[slot] as Doc).href, `${at}.${slot}.href`, kind).path } : undefined);
    const addresses = listOf(n, "addresses").map((a, j) => resolveRef(ctx, a.href, `${at}.addresses[${j}].href`, "Address").path);
    return { network: ref("network", "Network"), networkPort: ref("networkPort", "NetworkPort"), state: n.state, mtu: n.mtu, addresses };
  });
  const config = isObject(template?.machineConfig) ? (template.machineConfig as Doc) : undefined;
  const configDoc = config?.href !== undefined ? resolveRef(ctx, config.href, `${where}.machineConfig.href`, "MachineConfiguration").doc : config;

  const disks = listOf(configDoc, "disks").map((d) => ({ capacity: d.capacity, initialLocation: d.initialLocation }));
  ctx.store.state.hidden[machinePath] = { ...ctx.store.state.hidden[machinePath], disks };
  const attachments = `${machinePath}/${entry("MachineVolume").parent!.collection}`;
  for (const v of volumes) {
    const id = ctx.store.nextId(idPrefix("MachineVolume"));
    ctx.store.put(attachments, id, { id: `${attachments}/${id}`, created: now, updated: now, volume: { href: v.path }, ...(v.initialLocation !== undefined ? { initialLocation: v.initialLocation } : {}) });
  }
  const key = `${machinePath}/${entry("MachineNetworkInterface").parent!.collection}`;
  // Without interfaces in the template, the machine still gets one.
  for (const [i, nic] of (nics.length ? nics : [{ addresses: [] }]).entries()) {
    const path = `${key}/eth${i}`;
    const attrs = attachInterface(ctx.store, path, now, nic.addresses);
    const own = Object.fromEntries(Object.entries({ network: nic.network, networkPort: nic.networkPort, state: nic.state, mtu: nic.mtu }).filter(([, x]) => x !== undefined));
    ctx.store.put(key, `eth${i}`, { id: path, name: `eth${i}`, created: now, updated: now, ...attrs, ...own });
  }
  return { [DISKS]: { href: `${machinePath}/${DISKS}` } };
}

const collection = (kind: string, id: string, member: string, items: Doc[]): Doc => ({
  resourceURI: `${typeURI(kind)}Collection`,
  id,
  count: items.length,
  ...(items.length ? { [member]: items } : {}),
});

/** A machine's local disks (their XML element has no id in DSP8009, so neither does an item here). */
export function diskCollection(store: Store, machinePath: string, sub: string): Doc | undefined {
  if (sub !== DISKS) return undefined;
  const disks = (store.state.hidden[machinePath]?.disks as Doc[] | undefined) ?? [];
  return collection("Disk", `${machinePath}/${DISKS}`, "disks", disks.map((d) => ({ resourceURI: typeURI("Disk"), ...d })));
}
