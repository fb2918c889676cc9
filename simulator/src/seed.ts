// Seed data for a fresh simulator: a few configurations, images, a credential and templates of
// each family, so that programs and tests have something to refer to and look up.
import { entry } from "../../provider/src/catalog";
import type { Doc, State } from "./store";

const DISK = { capacity: 10485760, format: "ext4", initialLocation: "/dev/vda" };

function docs(cepKey: string, now: string, items: Array<Doc & { id: string }>): Record<string, Doc> {
  const out: Record<string, Doc> = {};
  for (const { id, name, description, ...rest } of items) {
    out[id] = { id: `${cepKey}/${id}`, name: name ?? id, description, created: now, updated: now, ...rest };
  }
  return out;
}

/** The CEP collection key of a kind. */
const key = (kind: string): string => entry(kind).cepKey!;

export function seedState(date: Date): State {
  const now = date.toISOString();
  const configs = key("MachineConfiguration");
  const images = key("MachineImage");
  const creds = key("Credential");
  const templates = key("MachineTemplate");
  const volumeConfigs = key("VolumeConfiguration");
  const volumeImages = key("VolumeImage");
  const config = (id: string, cpu: number, memory: number) => ({
    id,
    description: `${cpu} vCPU, ${memory / 1048576} GiB memory`,
    cpu,
    memory,
    cpuArch: "x86_64",
    disks: [{ ...DISK }],
  });
  const image = (id: string, file: string, description: string) => ({
    id,
    description,
    state: "AVAILABLE",
    type: "IMAGE",
    imageLocation: `file:///images/${file}`,
  });
  return {
    version: 1,
    counters: {},
    hidden: {},
    jobs: {},
    collections: {
      [key("Machine")]: {},
      [configs]: docs(configs, now, [config("small", 1, 1048576), config("medium", 2, 4194304), config("large", 4, 8388608)]),
      [images]: docs(images, now, [
        image("ubuntu-22-04", "ubuntu-22.04.qcow2", "Ubuntu 22.04 LTS"),
        image("debian-12", "debian-12.qcow2", "Debian 12"),
        image("alpine-3-19", "alpine-3.19.qcow2", "Alpine Linux 3.19"),
      ]),
      [creds]: docs(creds, now, [
        { id: "admin", description: "SSH key of the admin user", userName: "admin", key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISimulatorSeedKeyForAdminUser0000000 admin@sim" },
      ]),
      [templates]: docs(templates, now, [
        {
          id: "small-ubuntu",
          description: "small machine running Ubuntu 22.04, started",
          machineConfig: { href: `${configs}/small` },
          machineImage: { href: `${images}/ubuntu-22-04` },
          credential: { href: `${creds}/admin` },
          initialState: "STARTED",
        },
        {
          id: "medium-debian",
          description: "medium machine running Debian 12, stopped",
          machineConfig: { href: `${configs}/medium` },
          machineImage: { href: `${images}/debian-12` },
          initialState: "STOPPED",
        },
      ]),
      [volumeConfigs]: docs(volumeConfigs, now, [
        { id: "data-10g", description: "10 GB ext4 data volume", capacity: 10_000_000, format: "ext4" },
        { id: "data-100g", description: "100 GB ext4 data volume", capacity: 100_000_000, format: "ext4" },
      ]),
      [volumeImages]: docs(volumeImages, now, [
        { id: "empty-ext4", description: "An empty ext4 file system", state: "AVAILABLE", imageLocation: "file:///images/empty-ext4.img", bootable: false },
      ]),
      [key("VolumeTemplate")]: docs(key("VolumeTemplate"), now, [
        { id: "data-small", description: "10 GB data volume, formatted", volumeConfig: { href: `${volumeConfigs}/data-10g` }, volumeImage: { href: `${volumeImages}/empty-ext4` } },
      ]),
      [key("CredentialTemplate")]: docs(key("CredentialTemplate"), now, [
        { id: "operator", description: "the operator account, key only", userName: "operator", key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISimulatorSeedKeyForOperator00000 operator@sim" },
      ]),
      [key("NetworkConfiguration")]: docs(key("NetworkConfiguration"), now, [
        { id: "private-1500", description: "private network, MTU 1500", networkType: "PRIVATE", mtu: 1500, classOfService: "standard" },
        { id: "public-1500", description: "public network, MTU 1500", networkType: "PUBLIC", mtu: 1500, classOfService: "standard" },
      ]),
      [key("NetworkTemplate")]: docs(key("NetworkTemplate"), now, [
        { id: "private-started", description: "private network, started", networkConfig: { href: `${key("NetworkConfiguration")}/private-1500` }, initialState: "STARTED" },
      ]),
      [key("NetworkPortConfiguration")]: docs(key("NetworkPortConfiguration"), now, [
        { id: "access", description: "access port", portType: "ACCESS", classOfService: "standard" },
        { id: "trunk", description: "trunk port", portType: "TRUNK", classOfService: "standard" },
      ]),
      [key("AddressTemplate")]: docs(key("AddressTemplate"), now, [
        { id: "static-v4", description: "a static IPv4 address", ip: "192.0.2.10", allocation: "static", protocol: "IPv4", mask: "255.255.255.0" },
      ]),
      [key("SystemTemplate")]: docs(key("SystemTemplate"), now, [
        {
          id: "web-pair",
          description: "two started web machines on a private network, with a data volume",
          componentDescriptors: [
            { name: "web", type: "http://schemas.dmtf.org/cimi/1/Machine", machineTemplate: { href: `${templates}/small-ubuntu` }, quantity: 2 },
            { name: "data", type: "http://schemas.dmtf.org/cimi/1/Volume", volumeTemplate: { href: `${key("VolumeTemplate")}/data-small` } },
            { name: "lan", type: "http://schemas.dmtf.org/cimi/1/Network", networkTemplate: { href: `${key("NetworkTemplate")}/private-started` } },
          ],
        },
      ]),
      addresses: {},
    },
  };
}
