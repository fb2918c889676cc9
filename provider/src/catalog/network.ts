// Network resources of CIMI 1.x (SPEC §11.3): networks, ports, addresses, forwarding groups, what
// they are made from, and the interfaces that connect machines to networks.
import type { CatalogEntry, FieldType } from "./types";
import { ref, str, int, wrapped, selfCreated, membership } from "./common";

const RUN_STATES = ["STARTED", "STOPPED"] as const;
/** Networks and ports run or not, through start and stop (SPEC §11.3). */
const running: Pick<CatalogEntry, "states" | "creatingState" | "actions" | "desiredState"> = {
  states: { stable: RUN_STATES, failed: ["ERROR"], deleting: ["DELETING"] },
  creatingState: "CREATING",
  actions: {
    start: { from: ["STOPPED"], during: "STARTING", to: "STARTED" },
    stop: { from: ["STARTED"], during: "STOPPING", to: "STOPPED" },
  },
  desiredState: { field: "state", actions: { STARTED: "start", STOPPED: "stop" } },
};
const stateDoc = "Desired state, reached through the start and stop operations. Omitted: whatever the template says, and not managed afterwards.";
const networkType = str(["PUBLIC", "PRIVATE"]);
const portType = str(["ACCESS", "TRUNK"]);
/** A list of references, sent and read as `[{ href }]` (SPEC §3.5). */
const networks: FieldType = { kind: "list", of: ref("Network") };

export const Network: CatalogEntry = wrapped({
  kind: "Network",
  doc: "A network, created from a NetworkTemplate or from a configuration.",
  cepKey: "networks",
  member: "networks",
  wrapper: "NetworkCreate",
  template: "networkTemplate",
  fields: {
    template: { type: ref("NetworkTemplate"), doc: "Href of the NetworkTemplate to create the network from; config overrides it.", input: { change: "replace" }, create: "networkTemplate.href" },
    config: { type: ref("NetworkConfiguration"), doc: "Href of the NetworkConfiguration (type, MTU, class of service).", input: { change: "replace" }, create: "networkTemplate.networkConfig.href" },
    forwardingGroup: { type: ref("ForwardingGroup"), doc: "Href of the ForwardingGroup that connects it to other networks.", input: { change: "replace" }, create: "networkTemplate.forwardingGroup.href", read: "forwardingGroup.href" },
    state: { type: str(RUN_STATES), doc: stateDoc, input: { change: "action" }, create: "networkTemplate.initialState", read: "state" },
    networkType: { type: networkType, doc: "PUBLIC or PRIVATE.", read: "networkType" },
    mtu: { type: int(), doc: "Maximum transmission unit, in bytes.", read: "mtu" },
    classOfService: { type: str(), doc: "Class of service.", read: "classOfService" },
  },
  requireOneOf: [["template"], ["config"]],
  ...running,
  needs: [{ capability: "NetworkTemplateByValue", unless: "template", what: "create a network from a configuration (a template by value)", instead: "give a template href" }],
  sdk: true,
});

export const NetworkTemplate: CatalogEntry = selfCreated({
  kind: "NetworkTemplate",
  doc: "A reusable recipe for networks: a configuration, a forwarding group and an initial state.",
  cepKey: "networkTemplates",
  member: "networkTemplates",
  fields: {
    config: { type: ref("NetworkConfiguration"), doc: "Href of the NetworkConfiguration.", input: { required: true, change: "update" }, create: "networkConfig.href", read: "networkConfig.href" },
    forwardingGroup: { type: ref("ForwardingGroup"), doc: "Href of the ForwardingGroup.", input: { change: "update" }, create: "forwardingGroup.href", read: "forwardingGroup.href" },
    initialState: { type: str(RUN_STATES), doc: "State of new networks.", input: { change: "update" } },
  },
  sdk: true,
  lookup: true,
});

export const NetworkConfiguration: CatalogEntry = selfCreated({
  kind: "NetworkConfiguration",
  doc: "What a network is: public or private, its MTU and class of service.",
  cepKey: "networkConfigs",
  member: "networkConfigurations",
  fields: {
    networkType: { type: networkType, doc: "PUBLIC or PRIVATE.", input: { change: "replace" } },
    mtu: { type: int(), doc: "Maximum transmission unit, in bytes.", input: { change: "replace" } },
    classOfService: { type: str(), doc: "Class of service.", input: { change: "replace" } },
  },
  sdk: true,
  lookup: true,
});

export const NetworkPort: CatalogEntry = wrapped({
  kind: "NetworkPort",
  doc: "A port on a network, created from a NetworkPortTemplate or from a network and a configuration.",
  cepKey: "networkPorts",
  member: "networkPorts",
  wrapper: "NetworkPortCreate",
  template: "networkPortTemplate",
  fields: {
    template: { type: ref("NetworkPortTemplate"), doc: "Href of the NetworkPortTemplate to create the port from; network and config override it.", input: { change: "replace" }, create: "networkPortTemplate.href" },
    network: { type: ref("Network"), doc: "Href of the network the port is on.", input: { change: "replace" }, create: "networkPortTemplate.network.href", read: "network.href" },
    config: { type: ref("NetworkPortConfiguration"), doc: "Href of the NetworkPortConfiguration.", input: { change: "replace" }, create: "networkPortTemplate.networkPortConfig.href" },
    state: { type: str(RUN_STATES), doc: stateDoc, input: { change: "action" }, read: "state" },
    portType: { type: portType, doc: "ACCESS or TRUNK.", read: "portType" },
    classOfService: { type: str(), doc: "Class of service.", read: "classOfService" },
  },
  requireOneOf: [["template"], ["network", "config"]],
  ...running,
  needs: [{ capability: "NetworkPortTemplateByValue", unless: "template", what: "create a port from a network and a configuration (a template by value)", instead: "give a template href" }],
  sdk: true,
});

export const NetworkPortTemplate: CatalogEntry = selfCreated({
  kind: "NetworkPortTemplate",
  doc: "A reusable recipe for network ports: a network and a port configuration.",
  cepKey: "networkPortTemplates",
  member: "networkPortTemplates",
  fields: {
    network: { type: ref("Network"), doc: "Href of the network.", input: { change: "update" }, create: "network.href", read: "network.href" },
    config: { type: ref("NetworkPortConfiguration"), doc: "Href of the NetworkPortConfiguration.", input: { required: true, change: "update" }, create: "networkPortConfig.href", read: "networkPortConfig.href" },
  },
  sdk: true,
  lookup: true,
});

export const NetworkPortConfiguration: CatalogEntry = selfCreated({
  kind: "NetworkPortConfiguration",
  doc: "What a network port is: access or trunk, and its class of service.",
  cepKey: "networkPortConfigs",
  member: "networkPortConfigurations",
  fields: {
    portType: { type: portType, doc: "ACCESS or TRUNK.", input: { change: "replace" } },
    classOfService: { type: str(), doc: "Class of service.", input: { change: "replace" } },
  },
  sdk: true,
  lookup: true,
});

/** The attributes of an address and of its template, with where each goes in a create request. */
function addressFields(prefix: string, change: "update" | "replace") {
  const at = (name: string) => ({ create: `${prefix}${name}`, read: name });
  return {
    ip: { type: str(), doc: "IP address.", input: { change }, ...at("ip") },
    hostname: { type: str(), doc: "Host name.", input: { change }, ...at("hostname") },
    allocation: { type: str(["dynamic", "static"]), doc: "dynamic or static.", input: { change }, ...at("allocation") },
    defaultGateway: { type: str(), doc: "Default gateway.", input: { change }, ...at("defaultGateway") },
    dns: { type: str(), doc: "DNS server.", input: { change }, ...at("dns") },
    protocol: { type: str(["IPv4", "IPv6"]), doc: "IPv4 or IPv6.", input: { change }, ...at("protocol") },
    mask: { type: str(), doc: "Network mask.", input: { change }, ...at("mask") },
    network: { type: ref("Network"), doc: "Href of the network the address belongs to.", input: { change }, create: `${prefix}network.href`, read: "network.href" },
  };
}

export const Address: CatalogEntry = wrapped({
  kind: "Address",
  doc: "An IP address, created from an AddressTemplate or from its attributes.",
  cepKey: "addresses",
  member: "addresses",
  wrapper: "AddressCreate",
  template: "addressTemplate",
  fields: {
    template: { type: ref("AddressTemplate"), doc: "Href of the AddressTemplate to create the address from; the fields below override it.", input: { change: "replace" }, create: "addressTemplate.href" },
    ...addressFields("addressTemplate.", "replace"),
    resource: { type: str(), doc: "Href of what the address is bound to, e.g. a machine.", read: "resource.href" },
  },
  requireOneOf: [["template"], ["ip"]],
  needs: [{ capability: "AddressTemplateByValue", unless: "template", what: "create an address from its attributes (a template by value)", instead: "give a template href" }],
  sdk: true,
});

export const AddressTemplate: CatalogEntry = selfCreated({
  kind: "AddressTemplate",
  doc: "A reusable recipe for addresses.",
  cepKey: "addressTemplates",
  member: "addressTemplates",
  fields: addressFields("", "update"),
  sdk: true,
  lookup: true,
});

export const ForwardingGroup: CatalogEntry = wrapped({
  kind: "ForwardingGroup",
  doc: "Networks that forward traffic to each other, created from a ForwardingGroupTemplate or from a list of networks.",
  cepKey: "forwardingGroups",
  member: "forwardingGroups",
  wrapper: "ForwardingGroupCreate",
  template: "forwardingGroupTemplate",
  fields: {
    template: { type: ref("ForwardingGroupTemplate"), doc: "Href of the ForwardingGroupTemplate to create the group from; networks overrides it.", input: { change: "replace" }, create: "forwardingGroupTemplate.href" },
    networks: { type: networks, doc: "Hrefs of the networks in the group.", input: { change: "update" }, create: "forwardingGroupTemplate.networks", read: "networks" },
  },
  requireOneOf: [["template"], ["networks"]],
  sdk: true,
});

export const ForwardingGroupTemplate: CatalogEntry = selfCreated({
  kind: "ForwardingGroupTemplate",
  doc: "A reusable recipe for forwarding groups: a list of networks.",
  cepKey: "forwardingGroupTemplates",
  member: "forwardingGroupTemplates",
  fields: {
    networks: { type: networks, doc: "Hrefs of the networks.", input: { change: "update" } },
  },
  sdk: true,
  lookup: true,
});

/** A machine's connection to a network: an item of the machine's `networkInterfaces` sub-collection. */
export const MachineNetworkInterface: CatalogEntry = selfCreated({
  kind: "MachineNetworkInterface",
  doc: "A network interface of a machine, connecting it to a network; destroying it disconnects the machine.",
  parent: { field: "machine", collection: "networkInterfaces" },
  member: "machineNetworkInterfaces",
  fields: {
    machine: { type: ref("Machine"), doc: "Href of the machine.", input: { required: true, change: "replace" } },
    network: { type: ref("Network"), doc: "Href of the network to connect to.", input: { required: true, change: "replace" }, create: "network.href", read: "network.href" },
    networkPort: { type: ref("NetworkPort"), doc: "Href of the network port to use.", input: { change: "replace" }, create: "networkPort.href", read: "networkPort.href" },
    mtu: { type: int(), doc: "Maximum transmission unit, in bytes.", input: { change: "replace" } },
    macAddress: { type: str(), doc: "MAC address." },
    state: { type: str(), doc: "Active, Passive or Disabled." },
    addresses: { type: { kind: "list", of: str() }, doc: "IP addresses of the interface.", gather: "addresses/*/address/ip" },
  },
  sdk: true,
});

/** An address on a machine's interface: an item of the interface's `addresses` sub-collection. */
export const MachineNetworkInterfaceAddress: CatalogEntry = membership({
  kind: "MachineNetworkInterfaceAddress",
  doc: "An address given to a network interface of a machine; destroying it takes the address off the interface, not the address itself.",
  parent: { field: "networkInterface", kind: "MachineNetworkInterface", collection: "addresses" },
  item: { attr: "address", kind: "Address" },
  sdk: true,
});

export const network: readonly CatalogEntry[] = [
  Network,
  NetworkTemplate,
  NetworkConfiguration,
  NetworkPort,
  NetworkPortTemplate,
  NetworkPortConfiguration,
  Address,
  AddressTemplate,
  ForwardingGroup,
  ForwardingGroupTemplate,
  MachineNetworkInterface,
  MachineNetworkInterfaceAddress,
];
