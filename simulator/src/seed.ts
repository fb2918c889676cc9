// Seed data for a fresh simulator: a few configurations, images, a credential and two templates.
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

export function seedState(date: Date): State {
  const now = date.toISOString();
  const configs = entry("MachineConfiguration").cepKey;
  const images = entry("MachineImage").cepKey;
  const creds = entry("Credential").cepKey;
  const templates = entry("MachineTemplate").cepKey;
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
      [entry("Machine").cepKey]: {},
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
      addresses: {},
    },
  };
}
