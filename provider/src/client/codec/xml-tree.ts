// A namespace-resolved XML element tree: what xml-reader produces from text and xml-writer turns
// back into text. Names carry their namespace URI; prefixes are a detail of the text form.

export interface XmlName {
  /** Namespace URI; "" for no namespace. */
  readonly ns: string;
  readonly local: string;
}

export interface XmlAttr extends XmlName {
  readonly value: string;
}

export interface XmlElement extends XmlName {
  readonly attrs: XmlAttr[];
  /** Child elements and text, in document order (entities already decoded). */
  readonly children: (XmlElement | string)[];
}

export const XML_NS = "http://www.w3.org/XML/1998/namespace";

export function element(ns: string, local: string, attrs: XmlAttr[] = [], children: (XmlElement | string)[] = []): XmlElement {
  return { ns, local, attrs, children };
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string");
}

/** The element's own text (text and CDATA children, concatenated). */
export function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === "string").join("");
}

export function attrOf(el: XmlElement, local: string, ns = ""): string | undefined {
  return el.attrs.find((a) => a.local === local && a.ns === ns)?.value;
}
