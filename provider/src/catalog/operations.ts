// Pulumi resources that stand for an operation rather than for a CIMI type (SPEC §15): importing
// an OVF package into the SystemCollection makes a System; exporting a System makes a package.
// They are described like every other kind, plus an `operation` saying which Action makes them,
// and kept apart from `catalog`, which lists the types a cloud serves.
import type { CatalogEntry } from "./types";
import { common, endpointField, ref, str, timeoutsField } from "./common";
import { System, members } from "./system";

export const OVF_FORMAT = "application/ovf";

export const SystemImport: CatalogEntry = {
  kind: "SystemImport",
  doc: "A System imported from an OVF package with the SystemCollection's import operation; its id is the System's href, so refresh reads and destroy deletes that System and everything the import made.",
  member: System.member,
  create: { wrapper: "self" },
  operation: { action: "import", on: { cepKey: System.cepKey! }, params: ["source"], result: { resource: System.kind } },
  fields: {
    ...common,
    name: { ...common.name, doc: "Name of the imported System; defaults to the Pulumi resource name (the package's own name is its ovf:id)." },
    source: {
      type: str(),
      doc: "URI of the OVF package (its .ovf descriptor; for file://, also its folder). A file:// package is checked at preview and every problem named.",
      input: { required: true, change: "replace" },
      check: "package",
    },
    system: { type: ref(System.kind), doc: "Href of the imported System.", read: "id" },
    machines: members("machines", "machine"),
    volumes: members("volumes", "volume"),
    networks: members("networks", "network"),
    timeouts: timeoutsField,
    endpoint: endpointField,
  },
  states: System.states,
  creatingState: System.creatingState,
  timeouts: System.timeouts,
  sdk: true,
};

export const SystemExport: CatalogEntry = {
  kind: "SystemExport",
  doc: "An OVF package written from a System with its export operation. Every input replaces (a new export); destroy deletes nothing: the package is yours once written, and CIMI has no operation to remove one.",
  member: "systemExports",
  create: { wrapper: "self" },
  operation: {
    action: "export",
    on: { field: "system" },
    params: ["format", "destination"],
    defaults: { format: OVF_FORMAT },
    result: { location: { field: "location", fallback: "destination" } },
  },
  fields: {
    system: { type: ref(System.kind), doc: "Href of the System to export.", input: { required: true, change: "replace" } },
    format: { type: str(), doc: `Media type of the package (default ${OVF_FORMAT}).`, input: { change: "replace" } },
    destination: { type: str(), doc: "URI to write the package to; omitted: the cloud keeps it and answers where (location).", input: { change: "replace" } },
    location: { type: str(), doc: "Where the package is: the destination, or the URL the cloud answered with." },
    timeouts: timeoutsField,
    endpoint: endpointField,
  },
  timeouts: System.timeouts,
  sdk: true,
};

export const operationKinds: readonly CatalogEntry[] = [SystemImport, SystemExport];
