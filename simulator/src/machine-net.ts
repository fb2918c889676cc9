// The one network interface (with one IPv4 address) every simulated machine has, and the
// documents that expose it: MachineNetworkInterface(Collection), ...AddressCollection, Address.
import { typeURI } from "../../provider/src/catalog";
import type { Doc, Store } from "./store";

export const ADDRESSES = "addresses";
const NIC = "eth0";

interface NetInfo {
  mac: string;
  addressId: string;
}

const info = (store: Store, machinePath: string): NetInfo | undefined => store.state.hidden[machinePath] as unknown as NetInfo | undefined;

function ipFor(n: number): string {
  const i = n - 1;
  return `10.0.${Math.floor(i / 250) % 256}.${(i % 250) + 2}`;
}

function macFor(n: number): string {
  const b = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((x) => x.toString(16).padStart(2, "0"));
  return `52:54:00:${b.join(":")}`;
}

/** Allocate the machine's address; returns the sub-collection refs to put on the machine. */
export function attachNetwork(store: Store, machinePath: string, now: string): Doc {
  const n = store.nextNumber("ip");
  const addressId = store.nextId("a");
  store.put(ADDRESSES, addressId, {
    id: `${ADDRESSES}/${addressId}`,
    name: `${machinePath.split("/").pop()}-${NIC}`,
    created: now,
    updated: now,
    ip: ipFor(n),
    allocation: "dynamic",
    protocol: "IPv4",
  });
  const net: NetInfo = { mac: macFor(n), addressId };
  store.state.hidden[machinePath] = { ...net };
  return {
    disks: { href: `${machinePath}/disks` },
    networkInterfaces: { href: `${machinePath}/networkInterfaces` },
  };
}

export function detachNetwork(store: Store, machinePath: string): void {
  const net = info(store, machinePath);
  if (net) store.remove(ADDRESSES, net.addressId);
}

const collection = (kind: string, id: string, member: string, items: Doc[]): Doc => ({
  resourceURI: `${typeURI(kind)}Collection`,
  id,
  count: items.length,
  ...(items.length ? { [member]: items } : {}),
});

export function nicDoc(store: Store, machinePath: string, nic: string): Doc | undefined {
  const net = info(store, machinePath);
  if (!net || nic !== NIC) return undefined;
  const id = `${machinePath}/networkInterfaces/${NIC}`;
  return { resourceURI: typeURI("MachineNetworkInterface"), id, name: NIC, state: "Active", macAddress: net.mac, addresses: { href: `${id}/addresses` } };
}

export function nicCollection(store: Store, machinePath: string): Doc {
  const nic = nicDoc(store, machinePath, NIC);
  return collection("MachineNetworkInterface", `${machinePath}/networkInterfaces`, "machineNetworkInterfaces", nic ? [nic] : []);
}

export function nicAddressCollection(store: Store, machinePath: string, nic: string): Doc | undefined {
  const net = info(store, machinePath);
  if (!net || nic !== NIC) return undefined;
  const id = `${machinePath}/networkInterfaces/${NIC}/addresses`;
  const items = [{ resourceURI: typeURI("MachineNetworkInterfaceAddress"), id: `${id}/${net.addressId}`, address: { href: `${ADDRESSES}/${net.addressId}` } }];
  return collection("MachineNetworkInterfaceAddress", id, "machineNetworkInterfaceAddresses", items);
}

/** Sub-collections served empty (`disks`). */
export function emptyCollection(machinePath: string, sub: string): Doc | undefined {
  const kinds: Record<string, [string, string]> = { disks: ["Disk", "disks"] };
  const k = kinds[sub];
  return k ? collection(k[0], `${machinePath}/${sub}`, k[1], []) : undefined;
}
