// Writes provider/src/client/codec/xml-model.generated.ts from the DMTF CIMI XML schema
// (../shared/cimi/schema/dsp8009_1.0.2.xsd), so the XML codec takes element order, repetition
// and scalar types from the schema itself. `--check` fails when the committed file is stale.
//
// Only the constructs that schema uses are understood; anything else stops the script, so a new
// schema version cannot be modelled wrongly without notice.
import * as fs from "node:fs";
import * as path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { ChildModel, Kind, ScalarKind, TypeModel, XmlModel } from "../provider/src/client/codec/xml-model";

const ROOT = path.resolve(__dirname, "..", "..");
const XSD = path.resolve(ROOT, "..", "shared", "cimi", "schema", "dsp8009_1.0.2.xsd");
const OUT = "provider/src/client/codec/xml-model.generated.ts";

interface XsdNode {
  tag: string;
  attrs: Record<string, string>;
  children: XsdNode[];
}

/** The schema as a tree of xs:* elements in document order (text and comments dropped). */
function readXsd(text: string): XsdNode {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", ignoreDeclaration: true });
  const toNodes = (items: Record<string, unknown>[]): XsdNode[] =>
    items.flatMap((item) => {
      const tag = Object.keys(item).find((k) => k !== ":@" && k !== "#text");
      if (!tag) return [];
      const attrs = (item[":@"] ?? {}) as Record<string, string>;
      return [{ tag, attrs, children: toNodes(item[tag] as Record<string, unknown>[]) }];
    });
  const schema = toNodes(parser.parse(text)).find((n) => n.tag === "xs:schema");
  if (!schema) throw new Error("no xs:schema element");
  return schema;
}

const SCALARS: Record<string, ScalarKind> = {
  "xs:string": "string",
  "xs:long": "integer",
  "xs:int": "integer",
  "xs:integer": "integer",
  "xs:boolean": "boolean",
  "xs:dateTime": "dateTime",
  "xs:duration": "duration",
  "xs:anyURI": "anyURI",
  "xs:hexBinary": "hexBinary",
};

function scalar(type: string | undefined, where: string): ScalarKind {
  const kind = type === undefined ? undefined : SCALARS[type];
  if (!kind) throw new Error(`${where}: unsupported simple type ${type}`);
  return kind;
}

const local = (qname: string): string => qname.slice(qname.indexOf(":") + 1);

class Builder {
  readonly roots: Record<string, string> = {};
  readonly types: Record<string, TypeModel> = {};
  private readonly named = new Map<string, XsdNode>();
  private readonly groups = new Map<string, XsdNode>();
  private readonly elements = new Map<string, XsdNode>();

  constructor(private readonly schema: XsdNode) {
    for (const n of schema.children) {
      if (n.tag === "xs:complexType") this.named.set(n.attrs.name, n);
      else if (n.tag === "xs:group") this.groups.set(n.attrs.name, n);
      else if (n.tag === "xs:element") this.elements.set(n.attrs.name, n);
      else if (n.tag !== "xs:annotation") throw new Error(`unsupported top-level ${n.tag}`);
    }
  }

  /** Everything, in schema document order. */
  build(): XmlModel {
    const ns = this.schema.attrs.targetNamespace;
    for (const n of this.schema.children) {
      const name = n.attrs.name;
      if (n.tag === "xs:complexType") this.add(name, this.complexType(n, name));
      else if (n.tag === "xs:group") this.add(name, this.content(n.children, name));
      else if (n.tag === "xs:element") this.roots[name] = this.globalElementType(n);
    }
    return { namespace: ns, roots: this.roots, types: this.types };
  }

  private add(name: string, type: TypeModel): void {
    if (Object.hasOwn(this.types, name)) throw new Error(`two types named ${name}`);
    this.types[name] = type;
  }

  private globalElementType(n: XsdNode): string {
    const name = n.attrs.name;
    if (n.attrs.type) return this.typeRef(n.attrs.type, name);
    const inline = n.children.find((c) => c.tag === "xs:complexType");
    if (!inline) throw new Error(`element ${name}: neither a type nor a complex type`);
    this.add(name, this.complexType(inline, name));
    return name;
  }

  /** A named complex type, checked to exist (its model is added in document order). */
  private typeRef(qname: string, where: string): string {
    const name = local(qname);
    if (!this.named.has(name)) throw new Error(`${where}: unknown type ${qname}`);
    return name;
  }

  private complexType(n: XsdNode, owner: string): TypeModel {
    const simple = n.children.find((c) => c.tag === "xs:simpleContent");
    if (simple) {
      const ext = simple.children.find((c) => c.tag === "xs:extension");
      if (!ext) throw new Error(`${owner}: simpleContent without extension`);
      return { el: [], text: scalar(ext.attrs.base, owner), ...this.attributes(ext.children, owner) };
    }
    if (n.children.some((c) => c.tag === "xs:complexContent")) throw new Error(`${owner}: complexContent is not supported`);
    return { ...this.content(n.children, owner), ...this.attributes(n.children, owner) };
  }

  private attributes(nodes: XsdNode[], owner: string): Pick<TypeModel, "at"> {
    const at = nodes.filter((c) => c.tag === "xs:attribute").map((a) => [a.attrs.name, scalar(a.attrs.type, `${owner}@${a.attrs.name}`)] as const);
    return at.length ? { at } : {};
  }

  /** Child elements of a particle list, flattened in document order. */
  private content(nodes: XsdNode[], owner: string): TypeModel {
    const el: ChildModel[] = [];
    let any: TypeModel["any"];
    // Anonymous types are named after the type or group that declares them, so a group used by
    // several types (MachineTemplateElements) contributes each of them once.
    const walk = (list: XsdNode[], repeats: boolean, declaredIn: string): void => {
      for (const n of list) {
        const many = repeats || (n.attrs.maxOccurs !== undefined && n.attrs.maxOccurs !== "1" && n.attrs.maxOccurs !== "0");
        switch (n.tag) {
          case "xs:sequence":
          case "xs:choice":
          case "xs:all":
            walk(n.children, many, declaredIn);
            break;
          case "xs:group": {
            const g = this.groups.get(local(n.attrs.ref));
            if (!g) throw new Error(`${owner}: unknown group ${n.attrs.ref}`);
            walk(g.children, many, g.attrs.name);
            break;
          }
          case "xs:element": {
            const child = this.element(n, declaredIn);
            if (el.some((c) => c[0] === child[0])) throw new Error(`${owner}: element ${child[0]} appears twice`);
            el.push(many ? [child[0], child[1], true] : child);
            break;
          }
          case "xs:any":
            // ##any admits everything ##other does; the wider one wins.
            any = any === "##any" || (n.attrs.namespace ?? "##any") === "##any" ? "##any" : "##other";
            break;
          case "xs:annotation":
          case "xs:attribute":
          case "xs:anyAttribute":
            break;
          default:
            throw new Error(`${owner}: unsupported ${n.tag}`);
        }
      }
    };
    walk(nodes, false, owner);
    return any ? { el, any } : { el };
  }

  private element(n: XsdNode, owner: string): ChildModel {
    if (n.attrs.ref) {
      const name = local(n.attrs.ref);
      const global = this.elements.get(name);
      if (!global) throw new Error(`${owner}: unknown element ${n.attrs.ref}`);
      return [name, global.attrs.type ? local(global.attrs.type) : name];
    }
    const name = n.attrs.name;
    const where = `${owner}.${name}`;
    const type = n.attrs.type;
    if (type === "tns:propertyType") return [name, "map"];
    if (type === "tns:operationType") return [name, "operation"];
    if (type?.startsWith("xs:")) return [name, scalar(type, where)];
    if (type) return [name, this.typeRef(type, where) as Kind];
    const inline = n.children.find((c) => c.tag === "xs:complexType");
    if (!inline) throw new Error(`${where}: neither a type nor a complex type`);
    if (!Object.hasOwn(this.types, where)) this.add(where, this.complexType(inline, where));
    return [name, where];
  }
}

const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

function render(model: XmlModel): string {
  const type = (t: TypeModel): string => {
    const parts = [`el: ${JSON.stringify(t.el)}`];
    if (t.at) parts.push(`at: ${JSON.stringify(t.at)}`);
    if (t.text) parts.push(`text: ${JSON.stringify(t.text)}`);
    if (t.any) parts.push(`any: ${JSON.stringify(t.any)}`);
    return `{ ${parts.join(", ")} }`;
  };
  const roots = Object.entries(model.roots).map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`);
  return [
    `// Generated by scripts/xsd-model.ts from ${path.basename(XSD)} (DMTF CIMI XML Schema). Do not edit.`,
    "// el: child elements in schema order as [name, kind, repeats]; at: attributes; text: simple content;",
    "// any: which extension elements the type admits. Anonymous types are named Owner.element.",
    'import type { XmlModel } from "./xml-model";',
    "",
    "export const XML_MODEL: XmlModel = {",
    `  namespace: ${JSON.stringify(model.namespace)},`,
    `  roots: { ${roots.join(", ")} },`,
    "  types: {",
    ...Object.entries(model.types).map(([k, t]) => `    ${key(k)}: ${type(t)},`),
    "  },",
    "};",
    "",
  ].join("\n");
}

function main(): void {
  if (!fs.existsSync(XSD)) {
    console.error(`CIMI schema not found at ${XSD}`);
    process.exit(1);
  }
  const text = render(new Builder(readXsd(fs.readFileSync(XSD, "utf8"))).build());
  const file = path.join(ROOT, OUT);
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (process.argv.includes("--check")) {
    if (old !== text) {
      console.error(`stale generated file (run \`make generate\`): ${OUT} does not match ${path.relative(ROOT, XSD)}`);
      process.exit(1);
    }
    return;
  }
  if (old !== text) {
    fs.writeFileSync(file, text);
    console.log(`wrote ${OUT}`);
  }
}

main();
