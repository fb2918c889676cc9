// Compute resources of CIMI 1.x (SPEC §11.1): machines, what they are made from, and what is
// attached to them.
import type { CatalogEntry, Field } from "./types";
import { ref, str, int, listOf, wrapped, selfCreated } from "./common";

const MACHINE_STATES = ["STARTED", "STOPPED", "PAUSED", "SUSPENDED"] as const;

/**
 * What a machine is given at creation besides its configuration and image (SPEC §11.1.5): data
 * for the guest, existing volumes to attach and networks to connect to. A MachineTemplate holds
 * them; a Machine may give them too, over its template's. `at` is where they sit in the document
 * (`machineTemplate.` inside a MachineCreate).
 */
function creationExtras(change: "update" | "replace", at: string): Record<string, Field> {
  const inner = { change } as const;
  const own: Record<string, Omit<Field, "input" | "create" | "read">> = {
    userData: {
      type: str(),
      doc: "Data handed to the guest, e.g. a cloud-init script, as Base64 text (Buffer.from(script).toString(\"base64\")); how the guest reads it is the cloud's UserData capability.",
      check: "base64",
    },
    volumes: {
      type: listOf({
        volume: { type: ref("Volume"), doc: "Href of the volume.", input: { required: true, ...inner }, create: "href" },
        initialLocation: { type: str(), doc: "Where it appears in the guest, e.g. /dev/vdb.", input: inner },
      }),
      doc: "Existing volumes to attach at creation, each with where it appears in the guest (attachments made later are MachineVolume resources).",
    },
    networkInterfaces: {
      type: listOf({
        network: { type: ref("Network"), doc: "Href of the network to connect to.", input: { required: true, ...inner }, create: "network.href" },
        networkPort: { type: ref("NetworkPort"), doc: "Href of the network port to use.", input: inner, create: "networkPort.href" },
        addresses: { type: { kind: "list", of: ref("Address") }, doc: "Hrefs of addresses to give the interface; without, the cloud assigns one.", input: inner },
        state: { type: str(["Active", "Passive", "Disabled"]), doc: "Active (the default), Passive or Disabled.", input: inner, default: "Active" },
        mtu: { type: int(), doc: "Maximum transmission unit, in bytes.", input: inner },
      }),
      doc: "Network interfaces to create with the machine, in order (interfaces added later are MachineNetworkInterface resources).",
    },
  };
  // Read back only from a template: a machine does not show what it was made with.
  return Object.fromEntries(Object.entries(own).map(([name, f]) => [name, { ...f, input: { change }, create: `${at}${name}`, read: at ? undefined : name }]));
}

/** The complete example: a kind created through a template, with a desired state and actions. */
export const Machine: CatalogEntry = wrapped({
  kind: "Machine",
  doc: "A virtual machine, created from a MachineTemplate or from a configuration and an image.",
  cepKey: "machines",
  member: "machines",
  wrapper: "MachineCreate",
  template: "machineTemplate",
  fields: {
    template: {
      type: ref("MachineTemplate"),
      doc: "Href of the MachineTemplate to create the machine from; config, image and credential override it.",
      input: { change: "replace" },
      create: "machineTemplate.href",
    },
    config: {
      type: ref("MachineConfiguration"),
      doc: "Href of the MachineConfiguration (CPU, memory, disks).",
      input: { change: "replace" },
      create: "machineTemplate.machineConfig.href",
    },
    image: {
      type: ref("MachineImage"),
      doc: "Href of the MachineImage to boot from.",
      input: { change: "replace" },
      create: "machineTemplate.machineImage.href",
    },
    credential: {
      type: ref("Credential"),
      doc: "Href of the Credential installed for the initial superuser.",
      input: { change: "replace" },
      create: "machineTemplate.credential.href",
    },
    state: {
      type: str(MACHINE_STATES),
      doc: "Desired power state; reached through the start, stop, pause and suspend operations the machine offers. Omitted: whatever the template says, and not managed afterwards.",
      input: { change: "action" },
      create: "machineTemplate.initialState",
      read: "state",
    },
    restartTrigger: {
      type: str(),
      doc: "Any text; changing it restarts the machine in place (the restart operation), e.g. after its configuration files changed.",
      input: { change: "trigger" },
      trigger: "restart",
    },
    ...creationExtras("replace", "machineTemplate."),
    cpu: { type: int(), doc: "Number of virtual CPUs.", read: "cpu" },
    memory: { type: int(), doc: "Memory in kibibytes.", read: "memory" },
    cpuArch: { type: str(), doc: "CPU architecture, e.g. x86_64.", read: "cpuArch" },
    addresses: {
      type: { kind: "list", of: str() },
      doc: "IP addresses of the machine's network interfaces.",
      gather: "networkInterfaces/*/addresses/*/address/ip",
    },
    disks: {
      type: listOf({
        capacity: { type: int(), doc: "Capacity in kilobytes." },
        initialLocation: { type: str(), doc: "Where the disk appears in the guest." },
      }),
      doc: "The machine's local disks, as its configuration made them.",
      gather: "disks/*",
    },
  },
  requireOneOf: [["template"], ["config", "image"]],
  states: {
    stable: MACHINE_STATES,
    failed: ["ERROR", "FAILED"],
    deleting: ["DELETING"],
  },
  creatingState: "CREATING",
  actions: {
    start: { from: ["STOPPED", "PAUSED", "SUSPENDED"], during: "STARTING", to: "STARTED" },
    stop: { from: ["STARTED", "PAUSED", "SUSPENDED"], during: "STOPPING", to: "STOPPED" },
    restart: { from: ["STARTED", "STOPPED"], during: "STARTING", to: "STARTED" },
    pause: { from: ["STARTED"], during: "PAUSING", to: "PAUSED" },
    suspend: { from: ["STARTED"], during: "SUSPENDING", to: "SUSPENDED" },
  },
  desiredState: {
    field: "state",
    actions: { STARTED: "start", STOPPED: "stop", PAUSED: "pause", SUSPENDED: "suspend" },
  },
  needs: [
    {
      capability: "MachineTemplateByValue",
      unless: "template",
      what: "create a machine from a configuration and an image (a template by value)",
      instead: "give a template href",
    },
  ],
  timeouts: { create: 600, update: 600, delete: 600 },
  sdk: true,
});

export const MachineConfiguration: CatalogEntry = selfCreated({
  kind: "MachineConfiguration",
  doc: "Hardware of a machine: CPU count, memory and local disks (a 'flavor').",
  cepKey: "machineConfigs",
  member: "machineConfigurations",
  fields: {
    cpu: { type: int(), doc: "Number of virtual CPUs.", input: { required: true, change: "replace" } },
    memory: { type: int(), doc: "Memory in kibibytes.", input: { required: true, change: "replace" } },
    cpuArch: { type: str(), doc: "CPU architecture, e.g. x86_64.", input: { change: "replace" } },
    disks: {
      type: listOf({
        capacity: { type: int(), doc: "Capacity in kilobytes.", input: { required: true, change: "replace" } },
        format: { type: str(), doc: "File system, e.g. ext4.", input: { change: "replace" } },
        initialLocation: { type: str(), doc: "Where the disk appears in the guest.", input: { change: "replace" } },
      }),
      doc: "Local disks.",
      input: { change: "replace" },
    },
  },
  sdk: true,
  lookup: true,
});

export const MachineImage: CatalogEntry = selfCreated({
  kind: "MachineImage",
  doc: "A bootable image, registered from an image location or captured from a machine.",
  cepKey: "machineImages",
  member: "machineImages",
  fields: {
    imageLocation: { type: str(), doc: "Where the image bits are.", input: { change: "replace" } },
    machine: { type: ref("Machine"), doc: "Href of a machine to capture (sent as the imageLocation).", input: { change: "replace" }, create: "imageLocation" },
    type: { type: str(["IMAGE", "SNAPSHOT", "PARTIAL_SNAPSHOT"]), doc: "IMAGE, SNAPSHOT or PARTIAL_SNAPSHOT." },
    state: { type: str(), doc: "CREATING, AVAILABLE, DELETING or ERROR." },
  },
  requireOneOf: [["imageLocation"], ["machine"]],
  states: { stable: ["AVAILABLE"], failed: ["ERROR"], deleting: ["DELETING"] },
  creatingState: "CREATING",
  sdk: true,
  lookup: true,
});

export const CredentialTemplate: CatalogEntry = selfCreated({
  kind: "CredentialTemplate",
  doc: "A reusable recipe for credentials: user name, password and public key.",
  cepKey: "credentialTemplates",
  member: "credentialTemplates",
  fields: {
    userName: { type: str(), doc: "User name.", input: { change: "replace" } },
    password: { type: str(), doc: "Password; kept secret.", input: { change: "replace" }, secret: true },
    key: { type: str(), doc: "Public key, as text.", input: { change: "replace" } },
  },
  sdk: true,
  lookup: true,
});

export const Credential: CatalogEntry = wrapped({
  kind: "Credential",
  doc: "Login material installed into machines (user name, password, public key).",
  cepKey: "credentials",
  member: "credentials",
  wrapper: "CredentialCreate",
  template: "credentialTemplate",
  fields: {
    template: { type: ref("CredentialTemplate"), doc: "Href of the CredentialTemplate to create the credential from; the fields below override it.", input: { change: "replace" }, create: "credentialTemplate.href" },
    userName: { type: str(), doc: "User name.", input: { change: "replace" }, create: "credentialTemplate.userName", read: "userName" },
    password: { type: str(), doc: "Password; kept secret.", input: { change: "replace" }, secret: true, create: "credentialTemplate.password" },
    key: { type: str(), doc: "Public key, as text.", input: { change: "replace" }, create: "credentialTemplate.key", read: "key" },
  },
  needs: [{ capability: "CredentialTemplateByValue", unless: "template", what: "create a credential from a template by value", instead: "give a template href" }],
  sdk: true,
});

export const MachineTemplate: CatalogEntry = selfCreated({
  kind: "MachineTemplate",
  doc: "A reusable recipe for machines: configuration, image, credential and initial state.",
  cepKey: "machineTemplates",
  member: "machineTemplates",
  fields: {
    config: { type: ref("MachineConfiguration"), doc: "Href of the MachineConfiguration.", input: { required: true, change: "update" }, create: "machineConfig.href", read: "machineConfig.href" },
    image: { type: ref("MachineImage"), doc: "Href of the MachineImage.", input: { required: true, change: "update" }, create: "machineImage.href", read: "machineImage.href" },
    credential: { type: ref("Credential"), doc: "Href of the Credential.", input: { change: "update" }, create: "credential.href", read: "credential.href" },
    initialState: { type: str(MACHINE_STATES), doc: "State of new machines.", input: { change: "update" } },
    ...creationExtras("update", ""),
  },
  sdk: true,
  lookup: true,
});

/** A volume attached to a machine: an item of the machine's `volumes` sub-collection. */
export const MachineVolume: CatalogEntry = selfCreated({
  kind: "MachineVolume",
  doc: "The attachment of a volume to a machine; destroying it detaches the volume.",
  parent: { field: "machine", collection: "volumes" },
  member: "machineVolumes",
  fields: {
    machine: { type: ref("Machine"), doc: "Href of the machine to attach to.", input: { required: true, change: "replace" } },
    volume: { type: ref("Volume"), doc: "Href of the volume to attach.", input: { required: true, change: "replace" }, create: "volume.href", read: "volume.href" },
    initialLocation: { type: str(), doc: "Where the volume appears in the guest, e.g. /dev/vdb.", input: { change: "replace" } },
  },
  exclusive: true,
  sdk: true,
});

export const compute: readonly CatalogEntry[] = [Machine, MachineTemplate, MachineConfiguration, MachineImage, Credential, CredentialTemplate, MachineVolume];
