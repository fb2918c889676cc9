// Reads a CIMI element tree into the Doc shape of the JSON encoding. The schema model says which
// elements repeat (arrays under the plural name), which are scalars of which type, and which
// attributes a type has; element order does not matter when reading.
import { CimiCodecError } from "../errors";
import type { Doc } from "./types";
import { CIMI_XML_NS as NS, attributesOf, childNamed, collectionType, complexType, hasValueText, isRootElement, isScalar, rootType, type ChildModel, type ScalarKind, type TypeModel } from "./xml-model";
import { TEXT_KEY, attributeKey, elementKey, isArray, memberName } from "./xml-names";
import { attrOf, childElements, textOf, type XmlElement } from "./xml-tree";

export function toDoc(root: XmlElement): Doc {
  if (root.ns !== NS) {
    const where = root.ns === "" ? "no namespace" : `namespace ${root.ns}`;
    throw new CimiCodecError(`not a CIMI document: root element <${root.local}> is in ${where}, not in ${NS}`);
  }
  if (root.local === "Collection") {
    // The only attribute a root may carry (SPEC §3.1): it names the collection type.
    const uri = attrOf(root, "resourceURI");
    const type = uri?.slice(uri.lastIndexOf("/") + 1);
    const item = type?.endsWith("Collection") ? type.slice(0, -"Collection".length) : undefined;
    return { resourceURI: uri ?? `${NS}/Collection`, ...content(root, collectionType(item), { items: true, noAttributes: true }) };
  }
  // Other root attributes are not CIMI (Deltacloud adds `resourceURI`, Sirocco `href`).
  return { resourceURI: `${NS}/${root.local}`, ...content(root, rootType(root.local), { noAttributes: true }) };
}

interface Options {
  noAttributes?: boolean;
  /**
   * A resource inside a collection: it may be a bare `<Machine href="..."/>` (SPEC §5), and like a
   * root it may carry attributes a server adds for itself, which are dropped.
   */
  href?: boolean;
  /** Recognise any global element as a collection item, for collection types the schema lacks. */
  items?: boolean;
}

function content(el: XmlElement, type: TypeModel | undefined, opts: Options = {}): Doc {
  const doc: Doc = {};
  if (!opts.noAttributes) {
    const declared = attributesOf(type, opts.href);
    for (const [name, kind] of declared) {
      const value = attrOf(el, name);
      if (value !== undefined) put(doc, name, scalar(kind, value));
    }
    // Others are kept, as unknown elements are, so they can be sent back (see xml-names).
    if (!opts.href) {
      for (const a of el.attrs) if (a.ns !== "" || !declared.some(([n]) => n === a.local)) put(doc, attributeKey(a), a.value);
    }
  }
  for (const c of childElements(el)) {
    const child = c.ns !== NS ? undefined : (type && childNamed(type, c.local)) ?? (opts.items && isRootElement(c.local) ? itemChild(c.local) : undefined);
    if (child) addChild(doc, child, c);
    else add(doc, elementKey(c, NS), generic(c));
  }
  const text = textOf(el);
  if (text.trim() !== "") {
    if (type && hasValueText(type)) put(doc, "value", type.text ? scalar(type.text, text) : text.trim());
    else put(doc, TEXT_KEY, text);
  }
  return doc;
}

function itemChild(element: string): ChildModel {
  return [element, element, true];
}

function addChild(doc: Doc, child: ChildModel, el: XmlElement): void {
  const [name, kind] = child;
  if (kind === "map") {
    const key = attrOf(el, "key");
    if (key === undefined) return;
    put(slot(doc, memberName(child), false), key, textOf(el));
    return;
  }
  let value: unknown;
  if (isScalar(kind)) value = scalar(kind, textOf(el));
  // A resource inside a collection says its type, as collection items do in JSON (SPEC §5).
  else if (isRootElement(name)) value = { resourceURI: `${NS}/${name}`, ...content(el, complexType(kind), { href: true }) };
  else value = content(el, complexType(kind));
  if (isArray(child)) slot(doc, memberName(child), true).push(value);
  else put(doc, name, value);
}

/** The array or map a repeated element collects into, created on first use. */
function slot(doc: Doc, key: string, array: true): unknown[];
function slot(doc: Doc, key: string, array: false): Doc;
function slot(doc: Doc, key: string, array: boolean): unknown[] | Doc {
  const v = doc[key];
  if (array ? Array.isArray(v) : typeof v === "object" && v !== null && !Array.isArray(v)) return v as unknown[] | Doc;
  const fresh = array ? [] : {};
  put(doc, key, fresh);
  return fresh;
}

/** An element the schema does not describe, kept as generic data (see xml-names). */
function generic(el: XmlElement): unknown {
  const elements = childElements(el);
  if (el.attrs.length === 0 && elements.length === 0) return textOf(el);
  const out: Doc = {};
  for (const a of el.attrs) put(out, attributeKey(a), a.value);
  for (const c of elements) add(out, elementKey(c, NS), generic(c));
  const text = textOf(el);
  if (text.trim() !== "") put(out, TEXT_KEY, text);
  return out;
}

/** Adds a generic value; a name seen again turns into an array (generic values never are one). */
function add(doc: Doc, key: string, value: unknown): void {
  if (!Object.hasOwn(doc, key)) put(doc, key, value);
  else if (Array.isArray(doc[key])) (doc[key] as unknown[]).push(value);
  else put(doc, key, [doc[key], value]);
}

/** Own data property even for a key like `__proto__` (property keys come from the document). */
function put(doc: Doc, key: string, value: unknown): void {
  Object.defineProperty(doc, key, { value, enumerable: true, writable: true, configurable: true });
}

/** XSD lexical forms to JSON values; text that is not a valid integer or boolean stays a string. */
function scalar(kind: ScalarKind, text: string): unknown {
  if (kind === "string") return text;
  const t = text.trim();
  if (kind === "integer") return /^[+-]?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : t;
  if (kind === "boolean") return t === "true" || t === "1" ? true : t === "false" || t === "0" ? false : t;
  // byte[] as text (see xml-serialize); a server writing it as plain text is read as it is.
  if (kind === "hexBinary") return /^(?:[0-9a-fA-F]{2})+$/.test(t) ? Buffer.from(t, "hex").toString("utf8") : t;
  return t;
}
