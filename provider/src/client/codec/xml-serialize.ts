// Builds the element tree of a CIMI document from a Doc in the JSON shape. The schema model gives
// the element order (so the output validates), which members are arrays of repeated elements,
// which are attributes, and how scalars are written. Members the model does not know follow the
// schema's elements: first those in the CIMI namespace, then extension elements (SPEC §3.1).
import { CimiCodecError } from "../errors";
import type { Doc } from "./types";
import { CIMI_XML_NS as NS, attributesOf, collectionType, complexType, hasValueText, isRootElement, isScalar, rootType, type ChildModel, type Kind, type TypeModel } from "./xml-model";
import { TEXT_KEY, memberName, nameOfKey } from "./xml-names";
import { element, type XmlElement } from "./xml-tree";

const COLLECTION = "Collection";

export function fromDoc(doc: Doc, typeName: string): XmlElement {
  const collection = collectionName(doc, typeName);
  if (collection === undefined) return build(typeName, doc, rootType(typeName));
  const item = collection.slice(0, -COLLECTION.length) || undefined;
  const el = build(COLLECTION, doc, collectionType(item));
  el.attrs.unshift({ ns: "", local: "resourceURI", value: `${NS}/${collection}` });
  return el;
}

/** `XxxCollection` when the document is a collection (sent as `<Collection resourceURI>`). */
function collectionName(doc: Doc, typeName: string): string | undefined {
  if (typeName === COLLECTION) {
    const uri = typeof doc.resourceURI === "string" ? doc.resourceURI : "";
    const name = uri.slice(uri.lastIndexOf("/") + 1);
    return name.endsWith(COLLECTION) ? name : COLLECTION;
  }
  return typeName.endsWith(COLLECTION) && !isRootElement(typeName) ? typeName : undefined;
}

interface Options {
  /** A collection item may be a bare reference. */
  href?: boolean;
}

function build(name: string, doc: Doc, type: TypeModel | undefined, opts: Options = {}): XmlElement {
  const el = element(NS, name);
  // JSON names the type in `resourceURI`; XML names it with the element (SPEC §3.1).
  const used = new Set(["resourceURI"]);
  if (type) {
    for (const [attr, kind] of attributesOf(type, opts.href)) {
      used.add(attr);
      if (!isEmpty(doc[attr])) el.attrs.push({ ns: "", local: attr, value: lexical(kind, doc[attr], `${name}@${attr}`) });
    }
    if (hasValueText(type) && !used.has("value") && isScalarValue(doc.value) && !isEmpty(doc.value)) {
      used.add("value");
      el.children.push(lexical(type.text ?? "string", doc.value, `${name} text`));
    }
    for (const child of type.el) {
      const key = memberName(child);
      used.add(key);
      for (const item of itemsOf(doc[key])) el.children.push(...write(child, item));
    }
  }
  appendUnknown(el, doc, used);
  return el;
}

function write(child: ChildModel, value: unknown): XmlElement[] {
  const [name, kind] = child;
  if (kind === "map") {
    return Object.entries(object(value, name))
      .filter(([, v]) => !isEmpty(v))
      .map(([key, v]) => element(NS, name, [{ ns: "", local: "key", value: key }], [lexical("string", v, `${name} ${key}`)]));
  }
  if (isScalar(kind)) return [element(NS, name, [], [lexical(kind, value, name)])];
  return [build(name, object(value, name), complexType(kind), { href: isRootElement(name) })];
}

/**
 * Members no schema element claims: attributes, text and elements (see xml-names). They go back
 * as they came, empty ones included: a client echoes what it does not understand (SPEC §1).
 */
function appendUnknown(el: XmlElement, doc: Doc, used: ReadonlySet<string>): void {
  const foreign: XmlElement[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (used.has(key) || value === undefined || value === null) continue;
    if (key === TEXT_KEY) {
      el.children.unshift(lexical("string", value, `${el.local} text`));
      continue;
    }
    const name = nameOfKey(key, NS);
    if (name.attribute) {
      el.attrs.push({ ns: name.ns, local: name.local, value: lexical("string", value, key) });
      continue;
    }
    const elements = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map((v) => generic(name.ns, name.local, v));
    (name.ns === NS ? el.children : foreign).push(...elements);
  }
  el.children.push(...foreign);
}

function generic(ns: string, local: string, value: unknown): XmlElement {
  if (isScalarValue(value)) return element(ns, local, [], value === "" ? [] : [String(value)]);
  const el = element(ns, local);
  appendUnknown(el, object(value, local), new Set());
  return el;
}

/** A single value where the schema repeats is one item; an array where it does not, several. */
function itemsOf(value: unknown): unknown[] {
  return (Array.isArray(value) ? value : [value]).filter((v) => !isEmpty(v));
}

/** SPEC §3.8: absent, empty strings, maps and arrays are omitted; 0 and false are values. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

function isScalarValue(value: unknown): value is string | number | boolean | bigint {
  return ["string", "number", "boolean", "bigint"].includes(typeof value);
}

function object(value: unknown, where: string): Doc {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CimiCodecError(`cannot write ${where} as XML: expected an object, got ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  return value as Doc;
}

function lexical(kind: Kind, value: unknown, where: string): string {
  if (!isScalarValue(value)) {
    throw new CimiCodecError(`cannot write ${where} as XML ${kind}: got ${Array.isArray(value) ? "an array" : typeof value}`);
  }
  // byte[] (a credential's key) is text in our documents and its UTF-8 bytes in hex on the XML wire.
  if (kind === "hexBinary") return Buffer.from(String(value), "utf8").toString("hex");
  return String(value);
}
