// Field building blocks shared by every catalog entry.
import type { CatalogEntry, Field, FieldType, Timeouts } from "./types";

export const str = (values?: readonly string[]): FieldType => (values ? { kind: "string", enum: values } : { kind: "string" });
export const int = (): FieldType => ({ kind: "integer" });
export const ref = (to: string): FieldType => ({ kind: "ref", to });

/** Default wait limits (seconds) for kinds that do not set their own. */
export const DEFAULT_TIMEOUTS: Timeouts = { create: 300, update: 300, delete: 300 };

/** The common attributes every CIMI resource has (SPEC §4) that a consumer may set. */
export const common: Readonly<Record<string, Field>> = {
  name: { type: str(), doc: "Name of the resource in the cloud; defaults to the Pulumi resource name.", input: { change: "update" }, create: "name", read: "name" },
  description: { type: str(), doc: "Free-text description.", input: { change: "update" }, create: "description", read: "description" },
  properties: { type: { kind: "map" }, doc: "Consumer-owned string key/value pairs kept by the cloud.", input: { change: "update" }, create: "properties", read: "properties" },
  created: { type: str(), doc: "When the cloud created the resource.", read: "created" },
};

const duration: FieldType = { kind: "duration" };

/** Our own wait limits: Pulumi's customTimeouts never reach dynamic providers. */
export const timeoutsField: Field = {
  type: {
    kind: "object",
    fields: {
      create: { type: duration, doc: "Limit for create, e.g. `10m`, `90s`.", input: { change: "local" } },
      update: { type: duration, doc: "Limit for update.", input: { change: "local" } },
      delete: { type: duration, doc: "Limit for delete.", input: { change: "local" } },
    },
  },
  doc: "How long to wait for the cloud to finish each operation (Pulumi's customTimeouts do not reach this provider).",
  input: { change: "local" },
};

export const endpointField: Field = {
  type: str(),
  doc: "Cloud Entry Point URL of the endpoint that holds the resource.",
};

type SelfCreatedSpec = Omit<CatalogEntry, "create" | "timeouts" | "sdk"> & Partial<Pick<CatalogEntry, "timeouts" | "sdk">>;

/**
 * An entry for a kind created by posting its own representation (templates, configurations,
 * images): its fields are sent and read under their own names unless they say otherwise.
 */
export function selfCreated(spec: SelfCreatedSpec): CatalogEntry {
  const own = Object.fromEntries(
    Object.entries(spec.fields).map(([name, f]) => [name, { create: f.input ? name : undefined, read: name, ...f }]),
  );
  return {
    timeouts: DEFAULT_TIMEOUTS,
    sdk: false,
    ...spec,
    create: { wrapper: "self" },
    fields: { ...common, ...own, endpoint: endpointField },
  };
}
