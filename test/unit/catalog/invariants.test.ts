// The catalog checks itself: cross-field rules every entry must keep, named by entry and field.
import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { catalog } = dist("provider/src/catalog/index.js");
const kinds = new Set(catalog.map((e: any) => e.kind));

function refsOf(type: any): string[] {
  if (type.kind === "ref") return [type.to];
  if (type.kind === "list") return refsOf(type.of);
  if (type.kind === "object") return Object.values(type.fields).flatMap((f: any) => refsOf(f.type));
  return [];
}

describe.each(catalog.map((e: any) => [e.kind, e]))("catalog entry %s", (_kind, e: any) => {
  const fields = Object.entries(e.fields) as [string, any][];

  it("lives in exactly one kind of collection", () => {
    expect(Boolean(e.cepKey) !== Boolean(e.parent)).toBe(true);
  });

  it("names a parent input that is a required, replacing reference", () => {
    if (!e.parent) return;
    const f = e.fields[e.parent.field];
    expect(f?.type.kind).toBe("ref");
    expect(f?.input).toEqual({ required: true, change: "replace" });
  });

  it("refers only to known kinds", () => {
    for (const [name, f] of fields) for (const to of refsOf(f.type)) expect(kinds.has(to), `${e.kind}.${name} -> ${to}`).toBe(true);
  });

  it("keeps secrets as inputs that are never read back", () => {
    for (const [name, f] of fields.filter(([, f]) => f.secret)) {
      expect(f.input, `${e.kind}.${name}`).toBeDefined();
      expect(f.read, `${e.kind}.${name}`).toBeUndefined();
    }
  });

  it("has actions for its triggers and desired states, and states for its actions", () => {
    for (const [name, f] of fields.filter(([, f]) => f.input?.change === "trigger")) expect(e.actions?.[f.trigger], `${e.kind}.${name}`).toBeDefined();
    for (const action of Object.values(e.desiredState?.actions ?? {}) as string[]) expect(e.actions?.[action], action).toBeDefined();
    for (const [name, a] of Object.entries(e.actions ?? {}) as [string, any][]) expect(e.states?.stable, name).toContain(a.to);
  });

  it("names only its own fields in alternatives and capability needs", () => {
    for (const set of e.requireOneOf ?? []) for (const name of set) expect(e.fields[name]?.input, name).toBeDefined();
    for (const need of e.needs ?? []) expect(e.fields[need.unless]?.input, need.unless).toBeDefined();
  });
});

describe("the catalog as a whole", () => {
  it("has unique kinds, CEP keys and members", () => {
    const unique = (xs: string[]) => expect(new Set(xs).size).toBe(xs.length);
    unique(catalog.map((e: any) => e.kind));
    unique(catalog.filter((e: any) => e.cepKey).map((e: any) => e.cepKey));
    unique(catalog.map((e: any) => e.member));
  });
});
