// How XML names appear in a Doc: the part of the mapping the XSD cannot say.
//
// Schema elements: a repeated element is one item of a JSON array named with the plural
// (SPEC §3.5): `operation`* -> `operations`, `nestedJob`* -> `nestedJobs`, `<Machine>`* in a
// collection -> `machines` (SPEC §5). Everything else keeps its XML name.
//
// Elements the schema does not describe are kept so a full PUT can send them back (SPEC §1, §14):
// under their name when in the CIMI namespace, under `{namespaceURI}local` (Clark notation)
// otherwise. Their values are generic: the text when the element has neither attributes nor
// children, else an object with `@name` per attribute, a member per child, and `#text`; an `href`
// attribute is `href`, as in every CIMI reference (SPEC §3.3), so `<realm href="x"/>` reads as
// `{ href: "x" }` in both encodings.
import type { ChildModel } from "./xml-model";
import type { XmlName } from "./xml-tree";

/** Repeated in XML, but JSON keeps the name (no CIMI 1.x JSON name is known for them). */
const SAME_NAME = new Set(["dns", "associatedTo"]);

/** JSON arrays the 1.0.2 XSD declares as single elements (a schema defect, SPEC §13). */
const ALWAYS_ARRAY = new Set(["attribute"]);

export function isArray(child: ChildModel): boolean {
  return child[2] === true || ALWAYS_ARRAY.has(child[0]);
}

/** The JSON member that holds a schema element's value(s). */
export function memberName(child: ChildModel): string {
  if (!isArray(child) || SAME_NAME.has(child[0])) return child[0];
  return plural(child[0].charAt(0).toLowerCase() + child[0].slice(1));
}

/** English plural as CIMI uses it: address -> addresses, capability -> capabilities, disk -> disks. */
export function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|sh|ch)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

export const TEXT_KEY = "#text";

/** Doc key of an element the schema does not describe; `home` is the CIMI namespace. */
export function elementKey(name: XmlName, home: string): string {
  return name.ns === home ? name.local : `{${name.ns}}${name.local}`;
}

export function attributeKey(name: XmlName): string {
  if (name.ns === "") return name.local === "href" ? "href" : `@${name.local}`;
  return `@{${name.ns}}${name.local}`;
}

/** The XML name behind a generic Doc key: `{ns}local`, `@...` (attribute) or a plain name in `home`. */
export function nameOfKey(key: string, home: string): XmlName & { attribute: boolean } {
  if (key === "href") return { ns: "", local: key, attribute: true };
  const attribute = key.startsWith("@");
  const rest = attribute ? key.slice(1) : key;
  const clark = /^\{([^}]*)\}(.+)$/.exec(rest);
  if (clark) return { ns: clark[1], local: clark[2], attribute };
  return { ns: attribute ? "" : home, local: rest, attribute };
}
