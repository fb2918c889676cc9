// Safe XML in and out for untrusted descriptors: a size limit checked before anything else, DOCTYPE
// and ENTITY declarations refused before parsing (so no entity is ever expanded and nothing
// external is ever fetched), then a namespace-aware tree in which every name carries its
// namespace URI. fast-xml-parser does the tokenizing; namespaces and entities are resolved here,
// because it knows neither.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { XML_NS } from "./namespaces";
import { problem, type OvfProblem } from "./problems";

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface SafeXmlOptions {
  /** Largest accepted input in bytes (UTF-8 bytes for a string). Default 10 MiB. */
  maxBytes?: number;
}

export interface XmlAttribute {
  /** Namespace URI; "" for an unprefixed attribute. */
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  /** Namespace URI; "" when the element is in no namespace. */
  ns: string;
  local: string;
  /** The name as written, for messages. */
  qname: string;
  attrs: XmlAttribute[];
  children: XmlElement[];
  /** Character data directly inside the element (text and CDATA), untrimmed. */
  text: string;
}

/**
 * The one parser configuration for untrusted XML. It keeps document order, leaves entities and
 * values alone (they are decoded below, with only XML's five predefined entities and character
 * references), and drops comments and processing instructions.
 */
export const SAFE_PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: "#cdata",
  commentPropName: false,
  // Deep nesting is refused by the parser itself, which also bounds the recursion here.
  maxNestedTags: 100,
} as const;

const TEXT = "#text";
const CDATA = "#cdata";
const ATTRS = ":@";

/** Reads an untrusted XML document into a namespace-aware tree, or says every reason it cannot. */
export function readXml(input: string | Uint8Array, options: SafeXmlOptions = {}): { root?: XmlElement; problems: OvfProblem[] } {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = byteSize(input, maxBytes);
  if (size > maxBytes) {
    return { problems: [problem("too-large", "", `the document is larger than the limit of ${maxBytes} bytes (maxBytes)`)] };
  }
  const decoded = decode(input);
  if (typeof decoded !== "string") return { problems: [decoded] };
  // Every line end reads as \n (XML 1.0 §2.11); a \r kept on purpose is written as &#13;.
  const text = decoded.replace(/\r\n?/g, "\n");

  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^(utf-?8|utf-?16|us-ascii)$/i.test(declared)) {
    return { problems: [problem("encoding", "", `encoding "${declared}" is not supported; use UTF-8`)] };
  }
  const declaration = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    const line = lineAt(text, declaration.index);
    return {
      problems: [
        problem(
          "doctype",
          `line ${line}`,
          `<!${declaration[1].toUpperCase()} is refused: OVF needs no DTD, and entity declarations allow entity expansion ("billion laughs") and external entities (XXE)`,
        ),
      ],
    };
  }

  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { problems: [problem("xml", `line ${valid.err.line}${valid.err.col ? `, column ${valid.err.col}` : ""}`, `not well-formed XML: ${valid.err.msg}`)] };
  }
  let nodes: unknown[];
  try {
    nodes = new XMLParser(SAFE_PARSER_OPTIONS).parse(text) as unknown[];
  } catch (e) {
    return { problems: [problem("xml", "", `the XML reader refused the document: ${(e as Error).message}`)] };
  }

  const roots = nodes.filter((n) => elementName(n as Node) !== undefined);
  const stray = nodes.some((n) => ((n as Node)[TEXT] ?? "").toString().trim() !== "");
  if (roots.length !== 1 || stray) {
    return { problems: [problem("xml", "", roots.length === 0 ? "no root element" : "content outside the root element")] };
  }
  const problems: OvfProblem[] = [];
  const root = convert(roots[0] as Node, new Map([["xml", XML_NS]]), problems);
  return problems.length ? { problems } : { root, problems };
}

type Node = Record<string, unknown>;

function elementName(node: Node): string | undefined {
  for (const key of Object.keys(node)) if (key !== ATTRS && key !== TEXT && key !== CDATA) return key;
  return undefined;
}

function convert(node: Node, outer: ReadonlyMap<string, string>, problems: OvfProblem[]): XmlElement {
  const qname = elementName(node)!;
  const raw = (node[ATTRS] ?? {}) as Record<string, string>;

  let scope = outer;
  for (const [name, value] of Object.entries(raw)) {
    if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
    if (scope === outer) scope = new Map(outer);
    (scope as Map<string, string>).set(name === "xmlns" ? "" : name.slice(6), decodeEntities(value, true, problems, qname));
  }
  const resolve = (name: string, isAttribute: boolean): { ns: string; local: string } | undefined => {
    const parts = name.split(":");
    if (parts.length > 2 || parts.some((p) => p === "")) {
      problems.push(problem("xml", `<${qname}>`, `"${name}" is not a valid qualified name`));
      return undefined;
    }
    if (parts.length === 1) return { ns: isAttribute ? "" : (scope.get("") ?? ""), local: name };
    const ns = scope.get(parts[0]);
    if (ns === undefined) {
      problems.push(problem("xml", `<${qname}>`, `namespace prefix "${parts[0]}" is not declared`));
      return undefined;
    }
    return { ns, local: parts[1] };
  };

  const name = resolve(qname, false) ?? { ns: "", local: qname };
  const attrs: XmlAttribute[] = [];
  for (const [attrName, value] of Object.entries(raw)) {
    if (attrName === "xmlns" || attrName.startsWith("xmlns:")) continue;
    const resolved = resolve(attrName, true);
    if (resolved) attrs.push({ ...resolved, value: decodeEntities(value, true, problems, qname) });
  }

  const children: XmlElement[] = [];
  let text = "";
  for (const child of (node[qname] ?? []) as Node[]) {
    if (TEXT in child) text += decodeEntities(String(child[TEXT]), false, problems, qname);
    else if (CDATA in child) text += ((child[CDATA] ?? []) as Node[]).map((c) => String(c[TEXT] ?? "")).join("");
    else children.push(convert(child, scope, problems));
  }
  return { ...name, qname, attrs, children, text };
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML's predefined entities and character references; any other entity reference is an error. */
function decodeEntities(raw: string, isAttribute: boolean, problems: OvfProblem[], where: string): string {
  // Literal whitespace in an attribute value reads as a space (XML 1.0 §3.3.3); references stay.
  const value = isAttribute ? raw.replace(/[\t\n\r]/g, " ") : raw;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[^\s;&]+);/g, (whole, ref: string) => {
    if (ref[0] !== "#") {
      if (Object.hasOwn(PREDEFINED, ref)) return PREDEFINED[ref];
      problems.push(problem("xml", `<${where}>`, `entity reference "${whole}" is not one of XML's predefined entities`));
      return whole;
    }
    const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!isXmlChar(code)) {
      problems.push(problem("xml", `<${where}>`, `character reference "${whole}" is not an XML character`));
      return "";
    }
    return String.fromCodePoint(code);
  });
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Bytes of the input, stopping early once a string is surely over the limit. */
function byteSize(input: string | Uint8Array, maxBytes: number): number {
  if (typeof input !== "string") return input.byteLength;
  return input.length > maxBytes ? input.length : Buffer.byteLength(input, "utf8");
}

/** UTF-8 unless a byte-order mark says UTF-16; invalid byte sequences are refused, not replaced. */
function decode(input: string | Uint8Array): string | OvfProblem {
  if (typeof input === "string") return input.replace(/^\uFEFF/, "");
  const b = input;
  let encoding = "utf-8";
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
  else if (b[0] === 0xff && b[1] === 0xfe) [encoding, start] = ["utf-16le", 2];
  else if (b[0] === 0xfe && b[1] === 0xff) [encoding, start] = ["utf-16be", 2];
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(b.subarray(start));
  } catch {
    return problem("encoding", "", `the document is not valid ${encoding.toUpperCase()}`);
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

// ---- reading helpers -------------------------------------------------------------------------

export function childrenOf(el: XmlElement, ns: string | ReadonlySet<string>, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (typeof ns === "string" ? c.ns === ns : ns.has(c.ns)));
}

export function childOf(el: XmlElement, ns: string | ReadonlySet<string>, local: string): XmlElement | undefined {
  return childrenOf(el, ns, local)[0];
}

/** Trimmed text of a child element, if the child is there. */
export function childText(el: XmlElement, ns: string | ReadonlySet<string>, local: string): string | undefined {
  return childOf(el, ns, local)?.text.trim();
}

/**
 * An attribute in namespace `ns`. OVF qualifies its attributes (`ovf:id`); an unqualified one of
 * the same name is accepted too, as some tools write them so.
 */
export function attrOf(el: XmlElement, ns: string, local: string): string | undefined {
  return (el.attrs.find((a) => a.local === local && a.ns === ns) ?? el.attrs.find((a) => a.local === local && a.ns === ""))?.value;
}

// ---- writing ---------------------------------------------------------------------------------

/** An element to write. Attribute pairs keep their order; undefined values are left out. */
export interface XmlOut {
  name: string;
  attrs?: readonly (readonly [string, string | number | boolean | undefined])[];
  children?: readonly XmlOut[];
  text?: string;
}

/** Indented XML with a declaration; text-only elements stay on one line. */
export function serializeXml(root: XmlOut): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const write = (el: XmlOut, depth: number): void => {
    const pad = "  ".repeat(depth);
    const attrs = (el.attrs ?? [])
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
      .join("");
    const children = el.children ?? [];
    if (children.length === 0) {
      lines.push(el.text === undefined ? `${pad}<${el.name}${attrs}/>` : `${pad}<${el.name}${attrs}>${escapeText(el.text)}</${el.name}>`);
      return;
    }
    lines.push(`${pad}<${el.name}${attrs}>`);
    for (const child of children) write(child, depth + 1);
    lines.push(`${pad}</${el.name}>`);
  };
  write(root, 0);
  return lines.join("\n") + "\n";
}

function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

// Tabs and line breaks as references, or a reader would turn them into spaces.
function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/** The first character XML 1.0 cannot carry at all, if the text has one. */
export function invalidXmlChar(value: string): string | undefined {
  for (const ch of value) if (!isXmlChar(ch.codePointAt(0)!)) return ch;
  return undefined;
}
