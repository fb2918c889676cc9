// Turns an element tree into XML text. Elements in the root's namespace are written unprefixed
// (the default namespace); every other namespace gets a prefix declared on the root.
// Element-only content is indented; an element with text is written on one line, text untouched.
import { charXmlCannotCarry } from "./xml-chars";
import { CimiCodecError } from "../errors";
import { XML_NS, type XmlElement, type XmlName } from "./xml-tree";

export function writeXml(root: XmlElement): string {
  const prefixes = new Map<string, string>();
  collectNamespaces(root, root.ns, prefixes);
  const decls = [...prefixes].map(([ns, prefix]) => ` xmlns:${prefix}="${escapeAttr(ns)}"`).join("");

  const write = (el: XmlElement, defaultNs: string, indent: string | undefined): string => {
    let tag = checkName(el);
    let decl = el === root ? decls : "";
    if (el.ns === root.ns || el.ns === "") {
      if (el.ns !== defaultNs) decl = ` xmlns="${escapeAttr(el.ns)}"${decl}`;
    } else {
      tag = `${prefixes.get(el.ns)}:${tag}`;
    }
    const attrs = el.attrs.map((a) => ` ${a.ns === "" ? "" : `${a.ns === XML_NS ? "xml" : prefixes.get(a.ns)}:`}${checkName(a)}="${escapeAttr(a.value)}"`);
    const open = `<${tag}${decl}${attrs.join("")}`;
    if (el.children.length === 0) return `${open}/>`;
    const inner = el.ns === root.ns || el.ns === "" ? el.ns : defaultNs;
    // Indenting would change text, so content with text is written as one run.
    const mixed = indent === undefined || el.children.some((c) => typeof c === "string");
    const next = mixed ? undefined : `${indent}  `;
    const body = el.children.map((c) => (typeof c === "string" ? escapeText(c) : mixed ? write(c, inner, undefined) : `\n${next}${write(c, inner, next)}`));
    return `${open}>${body.join("")}${mixed ? "" : `\n${indent}`}</${tag}>`;
  };

  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, "", "")}\n`;
}

/**
 * Gives a prefix, in document order, to every namespace that needs one: those of elements outside
 * the root's namespace, and those of namespaced attributes (a default namespace does not apply to
 * attributes), except xml: which is predeclared.
 */
function collectNamespaces(el: XmlElement, home: string, prefixes: Map<string, string>): void {
  const add = (ns: string) => prefixes.has(ns) || prefixes.set(ns, `ns${prefixes.size + 1}`);
  if (el.ns !== home && el.ns !== "") add(el.ns);
  for (const a of el.attrs) if (a.ns !== "" && a.ns !== XML_NS) add(a.ns);
  for (const c of el.children) if (typeof c !== "string") collectNamespaces(c, home, prefixes);
}

// XML names (NCName, no colon); anything else cannot be written.
const NAME = /^[\p{L}_][\p{L}\p{N}_.\-\u00B7\u0300-\u036F\u203F\u2040]*$/u;

function checkName(n: XmlName): string {
  if (!NAME.test(n.local)) throw new CimiCodecError(`cannot write "${n.local}" as XML: not an XML name`);
  return n.local;
}

function checked(text: string): string {
  const bad = charXmlCannotCarry(text);
  if (bad) throw new CimiCodecError(`cannot write character ${bad} in XML`);
  return text;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

function escapeText(text: string): string {
  // \r would be read back as \n (line-end normalisation), so it travels as a reference.
  return checked(text).replace(/[&<>\r]/g, (c) => ESCAPES[c]);
}

function escapeAttr(text: string): string {
  // Literal tab and line ends in an attribute are read back as spaces.
  return checked(text).replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]);
}
