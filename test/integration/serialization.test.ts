// What Pulumi stores in `__provider` for each kind, serialized by the real closure serializer in
// plain Node inside an example that installed the packed package (as a user's program does).
import { describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as path from "node:path";
import { dist, ROOT } from "../helpers/dist";

const { catalog } = dist("provider/src/catalog/index.js");
const kinds: string[] = catalog.filter((e: any) => e.sdk).map((e: any) => e.kind);

const run = promisify(execFile);

/**
 * Runs asynchronously: one child per kind, and a worker blocked in sync children for a minute
 * misses vitest's own RPC deadlines.
 */
async function serialize(kind: string): Promise<string> {
  const script = `
    const pulumi = require("@pulumi/pulumi");
    const cimi = require("pulumi-cimi");
    // The provider object a ${kind} resource captures.
    const provider = require("pulumi-cimi/provider/${kind[0].toLowerCase() + kind.slice(1)}");
    if (typeof cimi.${kind} !== "function") throw new Error("SDK lacks ${kind}");
    pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })
      .then((r) => process.stdout.write(r.text))
      .catch((e) => { console.error(e.message); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ["--no-deprecation", "--no-warnings", "-e", script], { cwd: path.join(ROOT, "examples", "quickstart"), encoding: "utf8" });
  return stdout;
}

describe.each(kinds)("serialized provider of %s", (kind) => {
  it("is one require() of the installed package, small and free of machine-specific values", async () => {
    const text = await serialize(kind);
    expect(text.length).toBeLessThan(2048);
    const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(requires).toEqual([`pulumi-cimi/provider/${kind[0].toLowerCase() + kind.slice(1)}`]);
    expect(text).not.toContain(ROOT);
    expect(text).not.toMatch(/Symbol|undici|zod/);
  });
});

describe("a __provider recorded in existing stacks", () => {
  it("still loads with the installed package and gives every provider method", () => {
    const recorded = path.join(ROOT, "test/fixtures/provider-machine.js.txt");
    // As the dynamic-provider process does: require-from-string with the project as cwd.
    const script = `
      const text = require("fs").readFileSync(${JSON.stringify(recorded)}, "utf8");
      const provider = require("require-from-string")(text).handler();
      process.stdout.write(Object.keys(provider).filter((k) => typeof provider[k] === "function").sort().join(","));`;
    const methods = execFileSync(process.execPath, ["-e", script], { cwd: path.join(ROOT, "examples", "quickstart"), encoding: "utf8" });
    expect(methods).toBe("check,configure,create,delete,diff,read,update");
  });
});
