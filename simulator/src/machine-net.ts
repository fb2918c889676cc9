// Network interfaces: every simulated machine gets one (eth0) when created, and more can be added
// through its `networkInterfaces` sub-collection; each interface gets one IPv4 Address, exposed
// through the interface's `addresses` sub-collection (MachineNetworkInterfaceAddress items).
import { typeURI } from "../../provider/src/catalog";
import type { Doc, Store } from "./store";

export const ADDRESSES = "addresses";
const FIRST_NIC = "eth0";

interface NetInfo {
  addressId: string;
}

const info = (store: Store, nicPath: string): NetInfo | undefined => store.state.hidden[nicPath] as unknown as NetInfo | undefined;

function ipFor(n: number): string {
  const i = n - 1;
  return `10.0.${Math.floor(i / 250) % 256}.${(i % 250) + 2}`;
}

function macFor(n: number): string {
  const b = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((x) => x.toString(16).padStart(2, "0"));
  return `52:54:00:${b.join(":")}`;
}

/** Allocate an interface's address and MAC; returns the attributes to put on the interface. */
export function attachInterface(store: Store, nicPath: string, now: string): Doc {
  const n = store.nextNumber("ip");
  const addressId = store.nextId("a");
  const [, machineId, , nic] = nicPath.split("/");
  store.put(ADDRESSES, addressId, {
    id: `${ADDRESSES}/${addressId}`,
    name: `${machineId}-${nic}`,
    created: now,
    updated: now,
    ip: ipFor(n),
    allocation: "dynamic",
    protocol: "IPv4",
    resource: { href: nicPath.split("/").slice(0, 2).join("/") },
  });
  store.state.hidden[nicPath] = { addressId };
  return { state: "Active", macAddress: macFor(n), addresses: { href: `${nicPath}/addresses` } };
}

export function detachInterface(store: Store, nicPath: string): void {
  const net = info(store, nicPath);
  if (net) store.remove(ADDRESSES, net.addressId);
}

/** A new machine's first interface; returns the machine's other sub-collection refs. */
export function attachFirstInterface(store: Store, machinePath: string, now: string): Doc {
  const key = `${machinePath}/networkInterfaces`;
  const path = `${key}/${FIRST_NIC}`;
  store.put(key, FIRST_NIC, { id: path, name: FIRST_NIC, created: now, updated: now, ...attachInterface(store, path, now) });
  return { disks: { href: `${machinePath}/disks` } };
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
  const items = [{ resourceURI: typeURI("MachineNetworkInterfaceAddress"), id: `${id}/${net.addressId}`, address: { href: `${ADDRESSES}/${net.addressId}` } }];
  return collection("MachineNetworkInterfaceAddress", id, "machineNetworkInterfaceAddresses", items);
}

/** Sub-collections served empty (`disks`). */
export function emptyCollection(machinePath: string, sub: string): Doc | undefined {
  const kinds: Record<string, [string, string]> = { disks: ["Disk", "disks"] };
  const k = kinds[sub];
  return k ? collection(k[0], `${machinePath}/${sub}`, k[1], []) : undefined;
}
