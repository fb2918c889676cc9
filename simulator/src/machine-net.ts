// What a machine gets when it is made: its local disks (from its configuration), the existing
// volumes and the network interfaces its template lists (SPEC §11.1.5), or one interface (eth0)
// when it lists none. More interfaces can be added through the machine's `networkInterfaces`
// sub-collection; each interface has the addresses it was given or one IPv4 Address the cloud
// assigns, exposed through its `addresses` sub-collection (MachineNetworkInterfaceAddress items).
import { entry, typeURI } from "../../provider/src/catalog";
import type { Ctx } from "./context";
import type { Doc, Store } from "./store";
import { idPrefix } from "./kinds";
import { isObject, resolveRef } from "./validate";

export const ADDRESSES = "addresses";
const DISKS = "disks";

interface NetInfo {
  /** Local ids of the interface's addresses. */
  addressIds: string[];
  /** The one the simulator assigned (deleted with the interface), if it assigned one. */
  assigned?: string;
  /** Older state files: the assigned address only. */
  addressId?: string;
}

const info = (store: Store, nicPath: string): NetInfo | undefined => {
  const net = store.state.hidden[nicPath] as unknown as NetInfo | undefined;
  return net && !net.addressIds && net.addressId ? { addressIds: [net.addressId], assigned: net.addressId } : net;
};

function ipFor(n: number): string {
  const i = n - 1;
  return `10.0.${Math.floor(i / 250) % 256}.${(i % 250) + 2}`;
}

function macFor(n: number): string {
  const b = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((x) => x.toString(16).padStart(2, "0"));
  return `52:54:00:${b.join(":")}`;
}

const machineOf = (nicPath: string) => nicPath.split("/").slice(0, 2).join("/");

/**
 * Give an interface its addresses: the existing ones named (paths of Addresses, bound to the
 * machine from now on), else one IPv4 address assigned here. Returns the interface's attributes.
 */
export function attachInterface(store: Store, nicPath: string, now: string, given: readonly string[] = []): Doc {
  const n = store.nextNumber("ip");
  let assigned: string | undefined;
  const addressIds = given.map((p) => p.slice(ADDRESSES.length + 1));
  for (const id of addressIds) store.put(ADDRESSES, id, { ...store.get(ADDRESSES, id), resource: { href: machineOf(nicPath) }, updated: now });
  if (!addressIds.length) {
    assigned = store.nextId("a");
    const [, machineId, , nic] = nicPath.split("/");
    store.put(ADDRESSES, assigned, {
      id: `${ADDRESSES}/${assigned}`,
      name: `${machineId}-${nic}`,
      created: now,
      updated: now,
      ip: ipFor(n),
      allocation: "dynamic",
      protocol: "IPv4",
      resource: { href: machineOf(nicPath) },
    });
    addressIds.push(assigned);
  }
  store.state.hidden[nicPath] = { addressIds, ...(assigned ? { assigned } : {}) } satisfies NetInfo;
  return { state: "Active", macAddress: macFor(n), addresses: { href: `${nicPath}/addresses` } };
}

/** The assigned address goes with its interface; addresses it was given are only unbound. */
export function detachInterface(store: Store, nicPath: string): void {
  const net = info(store, nicPath);
  if (!net) return;
  for (const id of net.addressIds) {
    if (id === net.assigned) store.remove(ADDRESSES, id);
    else {
      const { resource: _bound, ...address } = store.get(ADDRESSES, id) ?? {};
      if (address.id) store.put(ADDRESSES, id, address);
    }
  }
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

export function nicAddressCollection(store: Store, nicPath: string): Doc | undefined {
  const net = info(store, nicPath);
  if (!net) return undefined;
  const id = `${nicPath}/addresses`;
  const items = net.addressIds.map((a) => ({ resourceURI: typeURI("MachineNetworkInterfaceAddress"), id: `${id}/${a}`, address: { href: `${ADDRESSES}/${a}` } }));
  return collection("MachineNetworkInterfaceAddress", id, "machineNetworkInterfaceAddresses", items);
}

/** A machine's local disks (their XML element has no id in DSP8009, so neither does an item here). */
export function diskCollection(store: Store, machinePath: string, sub: string): Doc | undefined {
  if (sub !== DISKS) return undefined;
  const disks = (store.state.hidden[machinePath]?.disks as Doc[] | undefined) ?? [];
  return collection("Disk", `${machinePath}/${DISKS}`, "disks", disks.map((d) => ({ resourceURI: typeURI("Disk"), ...d })));
}
