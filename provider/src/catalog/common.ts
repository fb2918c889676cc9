// Field building blocks shared by every catalog entry.
import type { CatalogEntry, Field, FieldType, Timeouts } from "./types";

export const str = (values?: readonly string[]): FieldType => (values ? { kind: "string", enum: values } : { kind: "string" });
export const int = (): FieldType => ({ kind: "integer" });
export const ref = (to: string): FieldType => ({ kind: "ref", to });
/** A list of structures (SPEC §3.5), e.g. a configuration's disks. */
export const listOf = (fields: Readonly<Record<string, Field>>): FieldType => ({ kind: "list", of: { kind: "object", fields } });

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

/** Name of the input that takes over an existing resource (see `adoptField`). */
export const ADOPT = "adopt";

/**
 * Dynamic providers cannot `pulumi import`; instead a resource may adopt an existing one by href:
 * create() reads it rather than posting, then applies the updatable inputs and desired state.
 */
export const adoptField = (kind: string): Field => ({
  type: ref(kind),
  doc: `Href of an existing ${kind} to take over instead of creating one (the import of dynamic providers); destroy then deletes it.`,
  input: { change: "replace" },
});

type Spec = Omit<CatalogEntry, "create" | "timeouts" | "sdk"> & Partial<Pick<CatalogEntry, "timeouts" | "sdk">>;

/** The fields every kind has around its own: common attributes first, provider settings last. */
function framed(kind: string, own: Readonly<Record<string, Field>>): Record<string, Field> {
  return { ...common, ...own, [ADOPT]: adoptField(kind), timeouts: timeoutsField, endpoint: endpointField };
}

/**
 * An entry for a kind created through an `XxxCreate` request wrapping a template (Machine,
 * Volume, Network...): its fields say where they go in the request (`create`) and where they are
 * read back (`read`).
 */
export function wrapped(spec: Spec & { wrapper: string; template: string }): CatalogEntry {
  const { wrapper, template, ...rest } = spec;
  return { timeouts: DEFAULT_TIMEOUTS, sdk: false, ...rest, create: { wrapper, template }, fields: framed(spec.kind, spec.fields) };
}

/**
 * An entry for a kind created by posting its own representation (templates, configurations,
 * images, and items of a parent's sub-collection): a field that says neither where it is sent
 * (`create`) nor where it is read (`read`, `gather`) is sent and read under its own name; the parent input
 * is neither (it says where to post). A cloud never gives a secret back, so secrets are not read.
 */
export function selfCreated(spec: Spec): CatalogEntry {
  const placed = (name: string, f: Field): Field =>
    f.create !== undefined || f.read !== undefined || f.gather !== undefined || name === spec.parent?.field
      ? f
      : { create: f.input ? name : undefined, read: f.secret ? undefined : name, ...f };
  const own = Object.fromEntries(Object.entries(spec.fields).map(([name, f]) => [name, placed(name, f)]));
  return { timeouts: DEFAULT_TIMEOUTS, sdk: false, ...spec, create: { wrapper: "self" }, fields: framed(spec.kind, own) };
}

/**
 * An association item (SPEC §5.2): an item of a parent's sub-collection that refers to another
 * resource (a SystemMachine in a system's `machines`); destroying it removes the association only.
 */
export function membership(spec: {
  kind: string;
  doc: string;
  /** The parent: its input, its kind and its sub-collection attribute. */
  parent: { field: string; kind: string; collection: string };
  /** The resource referred to: its attribute in the item, and its kind. */
  item: { attr: string; kind: string };
  sdk?: boolean;
}): CatalogEntry {
  const { parent, item } = spec;
  return selfCreated({
    kind: spec.kind,
    doc: spec.doc,
    parent: { field: parent.field, collection: parent.collection },
    member: `${spec.kind[0].toLowerCase()}${spec.kind.slice(1)}${spec.kind.endsWith("s") ? "es" : "s"}`,
    fields: {
      [parent.field]: { type: ref(parent.kind), doc: `Href of the ${parent.kind}.`, input: { required: true, change: "replace" } },
      [item.attr]: { type: ref(item.kind), doc: `Href of the ${item.kind}.`, input: { required: true, change: "replace" }, create: `${item.attr}.href`, read: `${item.attr}.href` },
    },
    exclusive: true,
    ...(spec.sdk ? { sdk: true } : {}),
  });
}

/**
 * An entry for a kind the cloud makes and consumers only read (Meter, EventLog): a lookup, no SDK
 * resource; every field is output only and, unless it says otherwise, read under its own name.
 */
export function readOnly(spec: Omit<Spec, "sdk" | "lookup"> & { create: CatalogEntry["create"] }): CatalogEntry {
  const own = Object.fromEntries(Object.entries(spec.fields).map(([name, f]) => [name, f.read !== undefined || f.gather !== undefined ? f : { read: name, ...f }]));
  const name = { ...common.name, doc: "Name of the resource in the cloud." };
  return { timeouts: DEFAULT_TIMEOUTS, ...spec, sdk: false, lookup: true, readOnly: true, fields: { ...common, name, ...own, endpoint: endpointField } };
}
