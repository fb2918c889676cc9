// System resources of CIMI 1.x (SPEC §11.4): a SystemTemplate describes components made from other
// templates; a System is created from it, and its members are items of its sub-collections.
import type { CatalogEntry, Field } from "./types";
import { ref, str, int, listOf, wrapped, selfCreated, membership } from "./common";

const SYSTEM_STATES = ["STARTED", "STOPPED"] as const;
/** Kinds a component may be, each made from its own template (`machineTemplate` ...). */
const COMPONENT_KINDS = ["Machine", "Volume", "Network"] as const;

const templateSlot = (kind: string): [string, Field] => {
  const slot = `${kind[0].toLowerCase()}${kind.slice(1)}Template`;
  return [slot, { type: ref(`${kind}Template`), doc: `Href of the ${kind}Template, for a ${kind} component.`, input: { change: "update" }, create: `${slot}.href` }];
};

export const SystemTemplate: CatalogEntry = selfCreated({
  kind: "SystemTemplate",
  doc: "A reusable recipe for systems: components, each made from another template.",
  cepKey: "systemTemplates",
  member: "systemTemplates",
  fields: {
    componentDescriptors: {
      type: listOf({
        name: { type: str(), doc: "Name of the component; with a quantity above 1, a number is appended.", input: { change: "update" } },
        description: { type: str(), doc: "Description of the component.", input: { change: "update" } },
        type: { type: { kind: "type", of: COMPONENT_KINDS }, doc: "What the component is.", input: { required: true, change: "update" } },
        ...Object.fromEntries(COMPONENT_KINDS.map(templateSlot)),
        quantity: { type: int(), doc: "How many to create (default 1).", input: { change: "update" } },
      }),
      doc: "The components of systems made from the template; each gives its type and the template of that type.",
      input: { required: true, change: "update" },
    },
  },
  sdk: true,
  lookup: true,
});

/** What a system holds, as hrefs gathered from one of its sub-collections (SystemMachine items...). */
export const members = (collection: string, item: string): Field => ({
  type: { kind: "list", of: str() },
  doc: `Hrefs of the system's ${collection}.`,
  gather: `${collection}/*/${item}/href`,
});

export const System: CatalogEntry = wrapped({
  kind: "System",
  doc: "A group of machines, volumes and networks created together from a SystemTemplate and started or stopped as one.",
  cepKey: "systems",
  member: "systems",
  wrapper: "SystemCreate",
  template: "systemTemplate",
  fields: {
    template: { type: ref("SystemTemplate"), doc: "Href of the SystemTemplate to create the system from.", input: { required: true, change: "replace" }, create: "systemTemplate.href" },
    state: { type: str(SYSTEM_STATES), doc: "Desired state of all its machines, reached through the system's start and stop operations. Omitted: not managed.", input: { change: "action" }, read: "state" },
    machines: members("machines", "machine"),
    volumes: members("volumes", "volume"),
    networks: members("networks", "network"),
  },
  states: { stable: [...SYSTEM_STATES, "MIXED"], failed: ["ERROR"], deleting: ["DELETING"] },
  creatingState: "CREATING",
  actions: {
    start: { from: ["STOPPED", "MIXED"], during: "STARTING", to: "STARTED" },
    stop: { from: ["STARTED", "MIXED"], during: "STOPPING", to: "STOPPED" },
  },
  desiredState: { field: "state", actions: { STARTED: "start", STOPPED: "stop" } },
  timeouts: { create: 900, update: 600, delete: 900 },
  sdk: true,
});

/** A member of a system: an item of one of the system's sub-collections, referring to the member. */
const member = (kind: string, collection: string, attr: string): CatalogEntry =>
  membership({
    kind: `System${kind}`,
    doc: `A ${kind} as a member of a system; destroying it removes the ${kind} from the system, not the ${kind} itself.`,
    parent: { field: "system", kind: "System", collection },
    item: { attr, kind },
    sdk: true,
  });

export const SystemMachine = member("Machine", "machines", "machine");
export const SystemVolume = member("Volume", "volumes", "volume");
export const SystemNetwork = member("Network", "networks", "network");

export const system: readonly CatalogEntry[] = [SystemTemplate, System, SystemMachine, SystemVolume, SystemNetwork];
