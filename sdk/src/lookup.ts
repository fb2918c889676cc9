// Lookups (`getMachineImage` ...): dynamic providers have no invokes, so these read the cloud from
// the program itself, reaching the endpoint exactly as the provider would: an explicit
// cimi.Endpoint's settings, else the stack config cimi:*, else the CIMI_* variables.
import * as pulumi from "@pulumi/pulumi";
import { entry } from "../../provider/src/catalog";
import { CimiInputError, Session, type Comparison, type Doc } from "../../provider/src/client";
import { fromSources, NO_ENDPOINT, openSession } from "../../provider/src/dynamic/config";
import { describe } from "../../provider/src/dynamic/wire";
import type { Endpoint } from "./endpoint";

/** Which resource to look up: exactly one of its href, its name, or attribute values to match. */
export interface LookupArgs {
  id?: string;
  name?: string;
  /** Attribute -> value, matched with CIMI's `$filter` (joined with `and`); exactly one resource must match. */
  filter?: Record<string, string | number | boolean>;
}

export interface LookupOptions {
  /** The endpoint to ask; default: the stack's `cimi:*` configuration. */
  provider?: Endpoint;
}

/** A session for the endpoint a lookup asks; closed by the caller. */
async function sessionFor(opts: LookupOptions | undefined): Promise<Session> {
  const settings = opts?.provider ? await opts.provider.settings() : undefined;
  const config = fromSources((key) => (settings ? settings[key] : pulumi.runtime.getConfig(key)));
  if (!config.endpoint) throw new CimiInputError(NO_ENDPOINT);
  return openSession(config.endpoint, config);
}

/** Runs `read` with a session for the endpoint, always closing it (the program must be able to exit). */
async function withSession<T>(opts: LookupOptions | undefined, read: (s: Session) => Promise<T>): Promise<T> {
  const session = await sessionFor(opts);
  try {
    return await read(session);
  } finally {
    await session.close();
  }
}

/** Looks up one resource of a kind and returns everything the cloud reports about it. */
export function lookup<T>(kind: string, args: LookupArgs, opts?: LookupOptions): Promise<T> {
  const e = entry(kind);
  const fn = `get${kind}`;
  const given = (["id", "name", "filter"] as const).filter((k) => args?.[k] !== undefined);
  if (given.length !== 1) return Promise.reject(new CimiInputError(`${fn}: give exactly one of id, name or filter`));
  return withSession(opts, async (session) => {
    let doc: Doc | undefined;
    if (args.id !== undefined) {
      doc = await session.get(args.id, `${fn} ${args.id}`);
      const type = typeof doc?.resourceURI === "string" ? doc.resourceURI.split("/").pop() : kind;
      if (doc && type !== kind) throw new CimiInputError(`${fn}: ${args.id} is a ${type}, not a ${kind}`);
    } else {
      const filter: Comparison[] = args.name !== undefined ? [{ attr: "name", value: args.name }] : Object.entries(args.filter!).map(([attr, value]) => ({ attr, value }));
      const found = await session.list(await session.collectionHref(e.cepKey!), e.member, { filter });
      // A cloud that ignores $filter answers with everything: match names here as well.
      const matches = args.name !== undefined ? found.filter((d) => d.name === args.name) : found;
      if (args.filter && matches.length > 1) throw new CimiInputError(`${fn}: ${matches.length} resources match ${JSON.stringify(args.filter)} on ${session.endpoint}; narrow the filter`);
      doc = matches[0];
    }
    if (!doc) throw new CimiInputError(`${fn}: no ${kind} with ${given[0]} ${JSON.stringify(args[given[0]])} on ${session.endpoint}`);
    return (await describe(e, doc, session)) as T;
  });
}

/** What the endpoint's ResourceMetadata says a kind can do: capability name -> value. */
export function getCapabilities(args: { kind: string }, opts?: LookupOptions): Promise<Record<string, string>> {
  return withSession(opts, (session) => session.capabilities(args.kind));
}

export interface CloudEntryPointResult {
  id: string;
  name?: string;
  description?: string;
  baseURI: string;
  /** CEP attribute (e.g. `machines`) -> absolute collection href. */
  collections: Record<string, string>;
}

/** The endpoint's Cloud Entry Point: its base URI and the collections it offers. */
export function getCloudEntryPoint(opts?: LookupOptions): Promise<CloudEntryPointResult> {
  return withSession(opts, async (session) => {
    const d = await session.discover();
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    return { id: session.endpoint, name: text(d.cep.name), description: text(d.cep.description), baseURI: d.baseURI, collections: d.collections };
  });
}
