// Builds resources of any catalog kind from the `resources` config: a list of
// { kind, name, args, trigger?, exports? }. An args value { "$ref": "<name>" } is the id of a resource made
// earlier in the list, so the engine orders creates and deletes; { "$secret": i } is the i-th
// value of the secret `secrets` config (plain config is stored in plaintext); `trigger` is
// Pulumi's replacementTrigger, for kinds whose every attribute can change in place; `exports`
// names outputs to export as `outputs.<name>.<output>`.
import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

interface Spec {
  kind: string;
  name: string;
  args: Record<string, unknown>;
  trigger?: string;
  exports?: string[];
  /** Instead of args: read this existing resource with the class's static get(), without managing it. */
  get?: string;
}

const config = new pulumi.Config();
const made: Record<string, pulumi.CustomResource> = {};
const exported: Record<string, Record<string, unknown>> = {};
const secrets = config.getSecretObject<string[]>("secrets");

function resolve(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(resolve);
  if (v === null || typeof v !== "object") return v;
  const ref = (v as { $ref?: unknown }).$ref;
  if (typeof ref === "string") {
    if (!made[ref]) throw new Error(`$ref to ${ref}, which is not (yet) in the list`);
    return made[ref].id;
  }
  const secret = (v as { $secret?: unknown }).$secret;
  if (typeof secret === "number") {
    if (!secrets) throw new Error("$secret without a secret `secrets` config");
    return secrets.apply((all) => all[secret]);
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
}

for (const spec of config.requireObject<Spec[]>("resources")) {
  const Kind = (cimi as unknown as Record<string, new (n: string, a: unknown, o?: pulumi.CustomResourceOptions) => pulumi.CustomResource>)[spec.kind];
  if (typeof Kind !== "function") throw new Error(`pulumi-cimi has no resource ${spec.kind}`);
  const opts = spec.trigger === undefined ? {} : { replacementTrigger: spec.trigger };
  const r = (made[spec.name] = spec.get ? (Kind as unknown as { get(n: string, id: string): pulumi.CustomResource }).get(spec.name, spec.get) : new Kind(spec.name, resolve(spec.args), opts));
  if (spec.exports) exported[spec.name] = Object.fromEntries(spec.exports.map((k) => [k, (r as unknown as Record<string, unknown>)[k]]));
}

// Lookups from the `lookups` config: a list of { name, fn, args, explicit? } calling cimi.<fn>(args),
// through an explicit cimi.Endpoint for the same cloud when `explicit`; args may hold $refs (then
// through cimi.<fn>Output, as a program passes a resource's id).
interface LookupSpec {
  name: string;
  fn: string;
  args?: unknown;
  explicit?: boolean;
}
const lookupSpecs = config.getObject<LookupSpec[]>("lookups") ?? [];
const explicit = lookupSpecs.some((l) => l.explicit) ? new cimi.Endpoint("explicit", { endpoint: new pulumi.Config("cimi").require("endpoint") }) : undefined;
const functions = cimi as unknown as Record<string, (args: unknown, opts?: unknown) => unknown>;
export const lookups = Object.fromEntries(
  lookupSpecs.map((l) => {
    const opts = l.explicit ? { provider: explicit } : undefined;
    if (l.args === undefined) return [l.name, functions[l.fn](opts)];
    const withOutputs = functions[`${l.fn}Output`];
    return [l.name, withOutputs ? withOutputs(resolve(l.args), opts) : functions[l.fn](l.args, opts)];
  }),
);

export const ids = Object.fromEntries(Object.entries(made).map(([name, r]) => [name, r.id]));
export const outputs = exported;
