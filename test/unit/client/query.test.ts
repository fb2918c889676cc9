import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { filterExpression, quote, withQuery, CimiInputError } = dist("provider/src/client/index.js");

describe("$filter built from values", () => {
  it("quotes strings and writes numbers, booleans and dates as CIMI literals", () => {
    expect(filterExpression([{ attr: "name", value: "web01" }, { attr: "cpu", op: ">=", value: 2 }, { attr: "on", value: true }])).toBe("name='web01' and cpu>=2 and on=true");
    expect(filterExpression([{ attr: "created", op: ">", value: new Date("2026-01-02T03:04:05Z") }])).toBe("created>2026-01-02T03:04:05.000Z");
    expect(filterExpression([{ property: "tier", value: "web" }])).toBe("property['tier']='web'");
  });

  it("keeps a hostile name one literal: no injection", () => {
    expect(filterExpression([{ attr: "name", value: "x' or name!='y" }])).toBe(`name="x' or name!='y"`);
    expect(quote(`say "hi"`)).toBe(`'say "hi"'`);
    expect(() => quote(`it's "both"`)).toThrow(CimiInputError);
  });

  it("refuses what the grammar cannot say", () => {
    expect(() => filterExpression([{ attr: "name) or (1", value: "x" }])).toThrow(/not an attribute name/);
    expect(() => filterExpression([{ attr: "name", op: "<", value: "x" }])).toThrow(/strings compare with = or !=/);
    expect(() => filterExpression([{ attr: "cpu", value: -1 }])).toThrow(/whole number/);
  });

  it("adds parameters to a discovered URI, keeping the provider's own and encoding them", () => {
    const url = new URL(withQuery("https://c.example/cimi/machines?realm=eu", { filter: [{ attr: "name", value: "a b&c" }], select: ["name", "state"], first: 1, last: 50 }));
    expect(url.searchParams.get("realm")).toBe("eu");
    expect(url.searchParams.get("$filter")).toBe("name='a b&c'");
    expect(url.searchParams.get("$select")).toBe("name,state");
    expect([url.searchParams.get("$first"), url.searchParams.get("$last")]).toEqual(["1", "50"]);
    expect(url.search).not.toContain(" ");
  });
});
