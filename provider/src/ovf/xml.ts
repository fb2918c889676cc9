// Safe XML in and out for untrusted descriptors. Reading goes through the client codec's one safe
// reader (client/codec/xml-reader.ts: DOCTYPE refused before parsing, only XML's own entities,
// namespace-resolved tree); what is added here is OVF's: a size limit checked before anything
// else, byte decoding (UTF-8, or UTF-16 by its byte-order mark), and every refusal reported as a
// problem with its line instead of thrown.
import { CimiCodecError } from "../client/errors";
import { readXml as readCimiXml } from "../client/codec/xml-reader";
import { childElements, textOf, type XmlElement as CodecElement } from "../client/codec/xml-tree";
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

/** The codec's element, reshaped for reading OVF: child elements apart from the element's own text. */
export interface XmlElement {
  /** Namespace URI; "" when the element is in no namespace. */
  ns: string;
  local: string;
  /** The name for messages (the local name: prefixes are a detail of the text). */
  qname: string;
  attrs: XmlAttribute[];
  children: XmlElement[];
  /** Character data directly inside the element (text and CDATA), untrimmed. */
  text: string;
}

/** Reads an untrusted XML document into a namespace-aware tree, or says every reason it cannot. */
export function readXml(input: string | Uint8Array, options: SafeXmlOptions = {}): { root?: XmlElement; problems: OvfProblem[] } {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = byteSize(input, maxBytes);
  if (size > maxBytes) {
    return { problems: [problem("too-large", "", `the document is larger than the limit of ${maxBytes} bytes (maxBytes)`)] };
  }
  const text = decode(input);
  if (typeof text !== "string") return { problems: [text] };

  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^(utf-?8|utf-?16|us-ascii)$/i.test(declared)) {
    return { problems: [problem("encoding", "", `encoding "${declared}" is not supported; use UTF-8`)] };
  }
  // The reader refuses these too; found here first, to say where and why in OVF's words.
  const declaration = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    const line = lineAt(text, declaration.index);
    const why = `<!${declaration[1].toUpperCase()} is refused: OVF needs no DTD, and entity declarations allow entity expansion ("billion laughs") and external entities (XXE)`;
    return { problems: [problem("doctype", `line ${line}`, why)] };
  }
  let root: CodecElement | undefined;
  try {
    root = readCimiXml(text);
  } catch (e) {
    if (!(e instanceof CimiCodecError)) throw e;
    const at = /\(line (\d+), column (\d+)\)/.exec(e.message);
    const message = e.message.replace(/ \(line \d+, column \d+\)/, "").replace(/^malformed XML: /, "not well-formed XML: ");
    return { problems: [problem("xml", at ? `line ${at[1]}, column ${at[2]}` : "", message)] };
  }
  if (!root) return { problems: [problem("xml", "", "no root element")] };
  return { root: reshape(root), problems: [] };
}

function reshape(el: CodecElement): XmlElement {
  return { ns: el.ns, local: el.local, qname: el.local, attrs: el.attrs.map((a) => ({ ...a })), children: childElements(el).map(reshape), text: textOf(el) };
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
