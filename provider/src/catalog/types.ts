// The shape of a catalog entry: one CIMI resource type described as data.
// The catalog imports nothing but this file, so the provider, the SDK and schema generators and
// the simulator can all load it cheaply.

/** CIMI 1.x namespace; type URIs are `${CIMI_NS}/<TypeName>`. */
export const CIMI_NS = "http://schemas.dmtf.org/cimi/1";
export const ACTION_NS = `${CIMI_NS}/action`;

/** Types a Pulumi-facing field can have. `ref` is the href of a resource of another kind. */
export type FieldType =
  | { kind: "string"; enum?: readonly string[] }
  | { kind: "integer" }
  /** A length of time as text: `90s`, `10m`, `1h30m`. */
  | { kind: "duration" }
  | { kind: "boolean" }
  | { kind: "map" }
  | { kind: "ref"; to: string }
  /** A CIMI resource type, given by its kind (`Machine`) and sent as its type URI. */
  | { kind: "type"; of: readonly string[] }
  | { kind: "list"; of: FieldType }
  | { kind: "object"; fields: Readonly<Record<string, Field>> };

/**
 * How a change to an input reaches the cloud:
 * - `update`: written in place with PUT on the resource's `edit` operation;
 * - `replace`: the resource must be recreated;
 * - `action`: converged through the resource's operations (the desired `state`);
 * - `trigger`: any change runs the operation named by the field's `trigger` (a restart), in place;
 * - `local`: a provider setting (timeouts); changing it touches nothing in the cloud.
 */
export type ChangeMode = "update" | "replace" | "action" | "trigger" | "local";

export interface Field {
  type: FieldType;
  /** One sentence for the SDK, schema.json and the README. */
  doc: string;
  /** Absent: output only. */
  input?: { required?: boolean; change: ChangeMode };
  /** Whether the field is an output too (default: true). */
  output?: boolean;
  secret?: boolean;
  /**
   * Dotted path of the value in the create request, when the field is sent on create. For a
   * field of an object, the path inside the object (`machineTemplate.href`), both ways.
   */
  create?: string;
  /** Dotted path of the value in the server document, when it can be read back. */
  read?: string;
  /**
   * A path through referenced documents and collections, for outputs gathered from several
   * documents, e.g. `networkInterfaces/* /addresses/* /address/ip` (without the spaces).
   */
  gather?: string;
  /** For `trigger` inputs: the operation (an action name) a change of the value runs. */
  trigger?: string;
  /**
   * A check of the value beyond its type, run at preview: `package`: the value is a package URI,
   * and a `file://` one must name a sound OVF package (every problem is reported); `base64`: the
   * value is Base64 text.
   */
  check?: "package" | "base64";
  /**
   * The value sent when the input is not given (a network interface's `Active` state, which CIMI
   * requires). check() fills it in, so the state, diffs and refreshes all see it.
   */
  default?: string | number | boolean;
}

/**
 * For kinds that are the outcome of an operation (SPEC §15: OVF import and export) rather than of
 * a collection's `add`: the Action posted, where it is offered, and what the resource stands for.
 */
export interface OperationSpec {
  /** Action name: the last segment of the operation's rel (`import`, `export`). */
  action: string;
  /** Offered by a CEP collection (`systems`) or by the resource an input refers to (`system`). */
  on: { cepKey: string } | { field: string };
  /** Inputs sent as the Action's parameters under their own names (`source`, `destination`). */
  params: readonly string[];
  /** Parameters sent when their input is not given (SPEC §15.1: `format` is `application/ovf`). */
  defaults?: Readonly<Record<string, string>>;
  /**
   * `resource`: the operation makes a resource of that kind; the id is its href, and read, update
   * and delete act on it. `location`: it makes something outside CIMI (a package); the id is the
   * URL the cloud answers in Location, or the input `fallback` when given; it is stored in the
   * output `field`; there is nothing to read or delete in the cloud afterwards.
   */
  result: { resource: string } | { location: { field: string; fallback?: string } };
}

export interface StateGroups {
  stable: readonly string[];
  failed: readonly string[];
  /** States reached while the resource is being deleted. */
  deleting?: readonly string[];
}

/** How the desired state of a resource is driven through its operations. */
export interface DesiredState {
  field: string;
  /** Target state -> action name (the last path segment of the operation's rel). */
  actions: Readonly<Record<string, string>>;
}

export interface ActionSpec {
  /** States the action is offered from. */
  from: readonly string[];
  /** State while the action runs. */
  during: string;
  /** State reached when the action succeeds. */
  to: string;
}

/** A capability (from the cloud's ResourceMetadata, SPEC §13) that some inputs need. */
export interface CapabilityNeed {
  capability: string;
  /** Not needed when this field is given. */
  unless: string;
  /** What the inputs ask for, for messages: "create a machine from a configuration and an image". */
  what: string;
  /** What to do instead, for messages. */
  instead: string;
}

export interface Timeouts {
  create: number;
  update: number;
  delete: number;
}

export interface CatalogEntry {
  /** CIMI type name, also the Pulumi type name: `cimi:index:<kind>`. */
  kind: string;
  doc: string;
  /**
   * Attribute of the Cloud Entry Point holding the collection (`machineConfigs`). Absent for kinds
   * that live in a sub-collection of another resource (see `parent`).
   */
  cepKey?: string;
  /**
   * For kinds created in a sub-collection of a parent resource rather than in a CEP collection
   * (a MachineVolume in its machine's `volumes`): the input holding the parent's href, and the
   * parent's attribute that refers to the sub-collection.
   */
  parent?: { field: string; collection: string };
  /** JSON member holding the items of the collection (`machineConfigurations`). */
  member: string;
  /**
   * How a resource is created: through an `XxxCreate` request wrapping a template, or by posting
   * the resource's own representation.
   */
  create: { wrapper: string; template: string } | { wrapper: "self" };
  /** Pulumi-facing fields (inputs and outputs). */
  fields: Readonly<Record<string, Field>>;
  /** Alternatives of which at least one must be fully given (e.g. template, or config + image). */
  requireOneOf?: readonly (readonly string[])[];
  /** Lifecycle states; absent for kinds with no state to await. */
  states?: StateGroups;
  /** State the resource reports while being created. */
  creatingState?: string;
  actions?: Readonly<Record<string, ActionSpec>>;
  desiredState?: DesiredState;
  /** Capabilities checked at preview against the endpoint's ResourceMetadata. */
  needs?: readonly CapabilityNeed[];
  /** Default wait limits, in seconds. */
  timeouts: Timeouts;
  /** Whether the SDK exposes this kind as a resource yet. */
  sdk: boolean;
  /** Whether the SDK has a `get<Kind>` lookup (by href, name or filter) for it. */
  lookup?: boolean;
  /** For kinds made by an operation (import, export): that operation; `create` is then unused. */
  operation?: OperationSpec;
  /**
   * Kinds the cloud makes and a consumer only reads (monitoring, SPEC §11.5): no resource, a
   * lookup only; `create` says how a cloud would take one, which this project never sends.
   */
  readOnly?: boolean;
  /**
   * For lookups that may start from the resource this kind belongs to (`target`, the href of a
   * machine): that resource's attribute leading here, a collection (`meters`) or a reference (`eventLog`).
   */
  lookupVia?: string;
  /**
   * What it attaches can be attached only once at a time (a volume to a machine, an address to an
   * interface): a replacement deletes the old one first, or a real cloud would refuse the new one.
   */
  exclusive?: boolean;
}

/** A kind with its article, for messages: "an Address", "a Volume". */
export const aKind = (kind: string | undefined): string => (kind ? `${/^[AEIOU]/.test(kind) ? "an" : "a"} ${kind}` : "a resource of no known type");

export const typeURI = (kind: string): string => `${CIMI_NS}/${kind}`;
export const actionURI = (name: string): string => `${ACTION_NS}/${name}`;

/** The CIMI type a kind's documents are: its own, or what the operation that makes it makes (a System for a SystemImport). */
export const documentKind = (e: CatalogEntry): string => (e.operation && "resource" in e.operation.result ? e.operation.result.resource : e.kind);
