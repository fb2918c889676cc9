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

/** For kinds a resource owns (its Meters, its EventLog): the lookup may start from that resource. */
export interface TargetedLookupArgs extends LookupArgs {
  /**
   * Href of the resource this one belongs to (a machine): look among its meters, or at its event
   * log, narrowed by `name` or `filter` when it has several.
   */
  target?: string;
}

type Criteria = Pick<TargetedLookupArgs, "name" | "filter">;

/** Whether a document matches a name or filter, compared as CIMI text. */
const matches = (d: Doc, { name, filter }: Criteria): boolean =>
  (name === undefined || d.name === name) && Object.entries(filter ?? {}).every(([attr, value]) => d[attr] !== undefined && String(d[attr]) === String(value));

/** The resources of the kind a target leads to through `via`: a collection's items or one reference. */
async function ownedBy(session: Session, fn: string, target: string, via: string): Promise<Doc[]> {
  const owner = await session.get(target, `${fn} ${target}`);
  if (!owner) throw new CimiInputError(`${fn}: target ${target} does not exist on ${session.endpoint}`);
  const slot = owner[via];
  if (!slot || typeof slot !== "object" || typeof (slot as Doc).href !== "string") {
    throw new CimiInputError(`${fn}: ${target} has no ${via} (the cloud keeps none for it)`);
  }
  const href = (slot as Doc).href as string;
  const doc = await session.get(href, `${fn} ${href}`);
  // A reference to one resource (an eventLog), or a collection of them (meters), read page by page.
  const isCollection = typeof doc?.resourceURI === "string" ? doc.resourceURI.endsWith("Collection") : doc?.count !== undefined;
  return !doc ? [] : isCollection ? session.list(href, undefined) : [doc];
}

/**
 * A lookup's failure, as a pulumi.RunError: the program stops with the message alone. Its stack is
 * that message, and it carries no cause: Pulumi's runner still formats every uncaught error with
 * util.inspect (for its trace), and source-mapping real stack frames there took some 20 seconds
 * of garbage collection on Node 20 before the preview could end.
 */
async function reported<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const run = new pulumi.RunError(err instanceof Error ? err.message : String(err));
    run.stack = `${run.name}: ${run.message}`;
    throw run;
  }
}

/** Looks up one resource of a kind and returns everything the cloud reports about it. */
export function lookup<T>(kind: string, args: TargetedLookupArgs, opts?: LookupOptions): Promise<T> {
  return reported(() => lookupIn(kind, args ?? {}, opts));
}

async function lookupIn<T>(kind: string, args: TargetedLookupArgs, opts?: LookupOptions): Promise<T> {
  const e = entry(kind);
  const fn = `get${kind}`;
  const given = (["id", "name", "filter"] as const).filter((k) => args[k] !== undefined);
  if (args.target !== undefined && !e.lookupVia) throw new CimiInputError(`${fn}: a ${kind} has no target to look it up by`);
  const valid = args.target !== undefined ? given.length <= 1 && !given.includes("id") : given.length === 1;
  if (!valid) throw new CimiInputError(`${fn}: give exactly one of id, name or filter${e.lookupVia ? "; or a target, with at most a name or filter" : ""}`);
  const wanted = args.target !== undefined ? `target ${args.target}${given.length ? ` and ${given[0]} ${JSON.stringify(args[given[0]])}` : ""}` : `${given[0]} ${JSON.stringify(args[given[0]])}`;
  return withSession(opts, async (session) => {
    let found: Doc[];
    if (args.id !== undefined) {
      const doc = await session.get(args.id, `${fn} ${args.id}`);
      const type = typeof doc?.resourceURI === "string" ? doc.resourceURI.split("/").pop() : kind;
      if (doc && type !== kind) throw new CimiInputError(`${fn}: ${args.id} is a ${type}, not a ${kind}`);
      found = doc ? [doc] : [];
    } else {
      const criteria = { name: args.name, filter: args.filter };
      const candidates =
        args.target !== undefined
          ? await ownedBy(session, fn, args.target, e.lookupVia!)
          : await session.list(await session.collectionHref(e.cepKey!), e.member, {
              filter: args.name !== undefined ? [{ attr: "name", value: args.name }] : Object.entries(args.filter!).map(([attr, value]) => ({ attr, value })),
            });
      // A cloud that ignores $filter answers with everything: match here as well.
      found = candidates.filter((d) => matches(d, criteria));
      if (found.length > 1 && args.name === undefined) throw new CimiInputError(`${fn}: ${found.length} resources match ${wanted} on ${session.endpoint}; narrow it with a filter`);
    }
    if (!found[0]) throw new CimiInputError(`${fn}: no ${kind} with ${wanted} on ${session.endpoint}`);
    return (await describe(e, found[0], session)) as T;
  });
}

/** What the endpoint's ResourceMetadata says a kind can do: capability name -> value. */
export function getCapabilities(args: { kind: string }, opts?: LookupOptions): Promise<Record<string, string>> {
  return reported(() => withSession(opts, (session) => session.capabilities(args.kind)));
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
  return reported(() => withSession(opts, async (session) => {
    const d = await session.discover();
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    return { id: session.endpoint, name: text(d.cep.name), description: text(d.cep.description), baseURI: d.baseURI, collections: d.collections };
  }));
}
