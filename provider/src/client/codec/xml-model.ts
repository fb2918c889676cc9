// The CIMI XML schema as data. The tables live in xml-model.generated.ts, written from the DMTF
// XSD by scripts/xsd-model.ts; this module only declares their shape and looks things up in them.
import { XML_MODEL } from "./xml-model.generated";

/** XSD simple types the codec converts (xs:long, xs:int and xs:integer are all `integer`). */
export type ScalarKind = "string" | "integer" | "boolean" | "dateTime" | "duration" | "anyURI" | "hexBinary";

/**
 * What an element holds: a scalar, `map` (repeated `<property key="k">v</property>`, propertyType),
 * `operation` (`<operation rel href/>`, operationType), or the name of a complex type of the model.
 */
export type Kind = ScalarKind | "map" | "operation" | (string & {});

/** A child element: XML name, kind, and `true` when it may repeat (maxOccurs > 1). */
export type ChildModel = readonly [name: string, kind: Kind, repeats?: true];

export interface TypeModel {
  /** Child elements in schema order; groups, sequences and choices flattened. */
  readonly el: readonly ChildModel[];
  /** XML attributes; a type with `href` is a reference that may be expanded. */
  readonly at?: readonly (readonly [name: string, kind: ScalarKind])[];
  /** Kind of the text content, for simple-content types. */
  readonly text?: ScalarKind;
  /** Which extension elements the type admits (xs:any). */
  readonly any?: "##other" | "##any";
}

export interface XmlModel {
  readonly namespace: string;
  /** Global elements (document roots and collection items) and their type names. */
  readonly roots: Readonly<Record<string, string>>;
  /** Named types, groups, and anonymous types named `Owner.element`. */
  readonly types: Readonly<Record<string, TypeModel>>;
}

export const CIMI_XML_NS = XML_MODEL.namespace;

const SCALARS: ReadonlySet<string> = new Set<ScalarKind>(["string", "integer", "boolean", "dateTime", "duration", "anyURI", "hexBinary"]);

export function isScalar(kind: Kind): kind is ScalarKind {
  return SCALARS.has(kind);
}

export function typeNamed(name: string): TypeModel | undefined {
  return Object.hasOwn(XML_MODEL.types, name) ? XML_MODEL.types[name] : undefined;
}

/** The type behind a complex kind (`operation` is the schema's operationType). */
export function complexType(kind: Kind): TypeModel | undefined {
  return typeNamed(kind === "operation" ? "operationType" : kind);
}

/** The type of a global element, e.g. `Machine`, `MachineCreate`. */
export function rootType(element: string): TypeModel | undefined {
  return Object.hasOwn(XML_MODEL.roots, element) ? typeNamed(XML_MODEL.roots[element]) : undefined;
}

export function isRootElement(element: string): boolean {
  return Object.hasOwn(XML_MODEL.roots, element);
}

/** Attributes of a type; a collection item may also be a bare reference with `href` (SPEC §5). */
export function attributesOf(type: TypeModel | undefined, href?: boolean): readonly (readonly [string, ScalarKind])[] {
  const at = type?.at ?? [];
  return href && !at.some(([n]) => n === "href") ? [...at, ["href", "anyURI"]] : at;
}

/**
 * Whether text in the element is its JSON `value`: simple-content types, and attribute-only types
 * whose text the schema forgot, e.g. a ResourceMetadata capability's value (SPEC §13).
 */
export function hasValueText(type: TypeModel): boolean {
  return type.text !== undefined || type.el.length === 0;
}

const childIndex = new WeakMap<TypeModel, Map<string, ChildModel>>();

export function childNamed(type: TypeModel, name: string): ChildModel | undefined {
  let index = childIndex.get(type);
  if (!index) {
    index = new Map(type.el.map((c) => [c[0], c]));
    childIndex.set(type, index);
  }
  return index.get(name);
}

const OPERATIONS: ChildModel = ["operation", "operation", true];
const UNKNOWN_COLLECTION: TypeModel = { el: [["id", "anyURI"], ["count", "integer"], OPERATIONS] };
// Keyed by schema type names only, so a server's resourceURI values cannot grow it.
const collections = new Map<TypeModel, TypeModel>();

/**
 * The content of `<Collection resourceURI=".../XxxCollection">`: the schema's `XxxCollRef`
 * sequence (id, count, Xxx*, operation*). The root `Collection` element itself is `id, count,
 * xs:any*`, so operations are allowed even where the CollRef type forgot them (JobCollRef, ...).
 * An unknown item type gets `id, count, operation*`; its items are recognised as global elements.
 */
export function collectionType(itemElement: string | undefined): TypeModel {
  const base = itemElement === undefined ? undefined : typeNamed(`${itemElement}CollRef`);
  if (!base) return UNKNOWN_COLLECTION;
  let type = collections.get(base);
  if (!type) {
    const el = base.el.some((c) => c[1] === "operation") ? base.el : [...base.el, OPERATIONS];
    type = { el, any: base.any };
    collections.set(base, type);
  }
  return type;
}
