// Kinds made by an operation (catalog `operation`): their entries hold together, and a file://
// package source is checked at preview, naming every problem.
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { dist, ROOT } from "../../helpers/dist";

const { catalog, operationKinds, entry } = dist("provider/src/catalog/index.js");
const { checkValues } = dist("provider/src/dynamic/values.js");
const { UNKNOWN } = dist("provider/src/dynamic/model.js");

const source = (rel: string) => pathToFileURL(path.join(ROOT, "test/fixtures/ovf", rel)).toString();

describe.each(operationKinds.map((e: any) => [e.kind, e]))("operation kind %s", (kind, e: any) => {
  const op = e.operation;
  it("is found by kind, and kept apart from the CIMI types", () => {
    expect(entry(kind)).toBe(e);
    expect(catalog.map((c: any) => c.kind)).not.toContain(kind);
  });
  it("sends only inputs as parameters, and defaults only parameters", () => {
    for (const p of op.params) expect(e.fields[p]?.input, p).toBeDefined();
    for (const p of Object.keys(op.defaults ?? {})) expect(op.params).toContain(p);
  });
  it("is offered where it can be found, and leaves what it says", () => {
    if ("cepKey" in op.on) expect(catalog.some((c: any) => c.cepKey === op.on.cepKey)).toBe(true);
    else expect(e.fields[op.on.field].type.kind).toBe("ref");
    if ("resource" in op.result) {
      expect(entry(op.result.resource).states).toEqual(e.states);
    } else {
      expect(e.fields[op.result.location.field].input).toBeUndefined();
      if (op.result.location.fallback) expect(e.fields[op.result.location.fallback].input).toBeDefined();
      // Nothing to read or update in the cloud: every input but the local timeouts replaces.
      for (const [n, f] of Object.entries<any>(e.fields)) if (f.input && n !== "timeouts") expect(f.input.change, n).toBe("replace");
    }
  });
});

describe("preview check of a package source", () => {
  const check = (value: string) => checkValues(entry("SystemImport"), { source: value });

  it("accepts a sound package, by folder or descriptor, and leaves other schemes to the cloud", async () => {
    expect(await check(source("shop"))).toEqual([]);
    expect(await check(source("shop/shop.ovf"))).toEqual([]);
    expect(await check("https://store.example.com/shop.ovf")).toEqual([]);
    expect(await check(UNKNOWN)).toEqual([]);
  });

  it("names every problem of a broken or hostile package on the source input", async () => {
    const [many] = await check(source("malformed/many-problems.ovf"));
    expect(many.property).toBe("source");
    expect(many.reason).toMatch(/^SystemImport\.source: OVF package .*many-problems\.ovf has \d+ problems:\n- /);
    expect((await check(source("hostile/xxe.ovf")))[0].reason).toMatch(/<!DOCTYPE is refused/);
    expect((await check(source("hostile/traversal.ovf")))[0].reason).toMatch(/leaves the package folder/);
    expect((await check(source("nowhere")))[0].reason).toMatch(/does not exist/);
    expect((await check("shop.ovf"))[0].reason).toMatch(/not an absolute URI/);
  });
});
