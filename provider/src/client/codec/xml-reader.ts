// Turns untrusted XML text into a namespace-resolved element tree. Documents with a DTD are
// refused before any parser runs, so nothing can define or expand entities ("billion laughs") or
// reach outside (external entities); only the five predefined entities and character references
// are decoded, here rather than by the parser, so their handling is ours to check.
import { charXmlCannotCarry } from "./xml-chars";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { CimiCodecError } from "../errors";
import { XML_NS, type XmlAttr, type XmlElement } from "./xml-tree";

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Keep names like `toString` as they are: attributes land in prototype-less objects and every
  // element in an object of its own, and our tree is built from arrays.
  onDangerousProperty: (name: string) => name,
  // Deep nesting is refused by the parser itself, which also bounds the recursion below.
  maxNestedTags: 100,
});

type Item = Record<string, unknown>;

interface Scope {
  readonly defaultNs: string;
  readonly prefixes: ReadonlyMap<string, string>;
}

const TOP: Scope = { defaultNs: "", prefixes: new Map([["xml", XML_NS]]) };

/** The document's root element, or `undefined` for an empty body. Throws CimiCodecError. */
export function readXml(text: string): XmlElement | undefined {
  if (text.trim() === "") return undefined;
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) {
    throw new CimiCodecError("XML document refused: it contains a DOCTYPE or ENTITY declaration (entity definitions and external entities are not accepted)");
  }
  // XML reads every line end as \n (XML 1.0 §2.11).
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const bad = charXmlCannotCarry(source);
  if (bad) throw malformed(`character ${bad} is not allowed in XML`);
  const check = XMLValidator.validate(source);
  if (check !== true) throw malformed(`${check.err.msg} (line ${check.err.line}, column ${check.err.col})`);
  let items: Item[];
  try {
    items = parser.parse(source) as Item[];
  } catch (e) {
    // Well-formed, but refused by the parser (e.g. an element named __proto__, deep nesting).
    throw new CimiCodecError(`cannot read XML: ${(e as Error).message}`);
  }
  const roots = items.filter((i) => tagOf(i) !== undefined);
  if (roots.length !== 1) throw malformed(`a document has one root element, this one has ${roots.length}`);
  // The parser drops text after a self-closed root instead of failing.
  if (!source.trimEnd().endsWith(">")) throw malformed("text after the root element");
  return resolve(roots[0], TOP);
}

function malformed(problem: string): CimiCodecError {
  return new CimiCodecError(`malformed XML: ${problem}`);
}

function tagOf(item: Item): string | undefined {
  return Object.keys(item).find((k) => k !== ":@" && k !== "#text" && k !== "#cdata");
}

function resolve(item: Item, outer: Scope): XmlElement {
  const tag = tagOf(item)!;
  const raw = Object.entries((item[":@"] ?? {}) as Record<string, string>);
  const scope = declare(raw, outer);
  const name = qualify(tag, scope, true, tag);
  const attrs: XmlAttr[] = [];
  for (const [qname, value] of raw) {
    if (qname === "xmlns" || qname.startsWith("xmlns:")) continue;
    // Attribute-value normalisation (XML 1.0 §3.3.3): literal white space becomes a space.
    attrs.push({ ...qualify(qname, scope, false, tag), value: decode(value.replace(/[\t\n]/g, " ")) });
  }
  const children: (XmlElement | string)[] = [];
  for (const child of item[tag] as Item[]) {
    if (typeof child["#text"] === "string") children.push(decode(child["#text"]));
    else if (Array.isArray(child["#cdata"])) children.push((child["#cdata"] as Item[]).map((t) => String(t["#text"] ?? "")).join(""));
    else if (tagOf(child) !== undefined) children.push(resolve(child, scope));
  }
  return { ...name, attrs, children };
}

function declare(attrs: [string, string][], outer: Scope): Scope {
  let defaultNs = outer.defaultNs;
  let prefixes: Map<string, string> | undefined;
  for (const [qname, value] of attrs) {
    if (qname === "xmlns") defaultNs = decode(value);
    else if (qname.startsWith("xmlns:")) (prefixes ??= new Map(outer.prefixes)).set(qname.slice(6), decode(value));
  }
  return prefixes || defaultNs !== outer.defaultNs ? { defaultNs, prefixes: prefixes ?? outer.prefixes } : outer;
}

function qualify(qname: string, scope: Scope, isElement: boolean, where: string): { ns: string; local: string } {
  const colon = qname.indexOf(":");
  // Unprefixed attributes are in no namespace (Namespaces in XML §6.2).
  if (colon < 0) return { ns: isElement ? scope.defaultNs : "", local: qname };
  const prefix = qname.slice(0, colon);
  const ns = scope.prefixes.get(prefix);
  if (ns === undefined || ns === "") throw malformed(`namespace prefix "${prefix}" is not declared (in <${where}>)`);
  return { ns, local: qname.slice(colon + 1) };
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_:][\w.:-]*))?;?/g, (ref, hex?: string, dec?: string, name?: string) => {
    if (!ref.endsWith(";") || ref === "&;") throw malformed(`"&" must start an entity or character reference (found "${ref}")`);
    if (name !== undefined) {
      if (!Object.hasOwn(PREDEFINED, name)) throw malformed(`entity &${name}; is not defined (only the five XML entities are accepted)`);
      return PREDEFINED[name];
    }
    const code = parseInt(hex ?? dec!, hex ? 16 : 10);
    if (!isXmlChar(code)) throw malformed(`character reference ${ref} is not an XML character`);
    return String.fromCodePoint(code);
  });
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}
