// The dynamic ResourceProvider of one catalog kind. Each kind's module (kinds/<kind>.ts) exports
// exactly this object, so Pulumi serializes a resource's provider as one require() of that module.
import { entry } from "../catalog";
import { checkInputs, withoutUndefined } from "./check";
import { decideDiff } from "./diff";
import { configure as setConfig, endpointIfConfigured, sessionFor } from "./config";
import { refinedFor, refinementNotes } from "./refine";
import * as crud from "./crud";
import { CimiError } from "../client";
import { checkAgainstEndpoint } from "./preview";
import { checkValues } from "./values";

type Props = Record<string, unknown>;
const PROVIDER_KEY = "__provider";

export function providerOf(kind: string) {
  const e = entry(kind);
  return {
    async configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
      await plain(async () => setConfig((key) => req.config.get(key)));
    },
    async check(_olds: Props, news: Props) {
      return plain(async () => {
        const result = checkInputs(e, news);
        if (result.failures.length === 0) result.failures.push(...(await checkValues(e, result.inputs)));
        if (result.failures.length === 0) result.failures.push(...(await checkAgainstEndpoint(e, result.inputs)));
        return result;
      });
    },
    async diff(id: string, olds: Props, news: Props) {
      return plain(async () => {
        const endpoint = endpointIfConfigured();
        const at = typeof olds.endpoint === "string" && olds.endpoint ? olds.endpoint : endpoint;
        // What this cloud says may change in place decides between update and replace.
        const refined = at ? await refinedFor(e, sessionFor(at)) : e;
        const d = decideDiff(refined, olds, withoutUndefined(news), endpoint);
        if (d.replaces.includes("endpoint")) console.error(`${e.kind} ${id} moves from ${olds.endpoint} to ${endpoint}: it will be replaced`);
        for (const note of refinementNotes(e, refined, d.changed, at!)) console.error(`${e.kind} ${id}: ${note}`);
        return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
      });
    },
    async create(props: Props) {
      return keepProvider(props, () => crud.create(e, withoutUndefined(props)));
    },
    async read(id: string, props: Props) {
      return plain(() => crud.read(e, id, withoutUndefined(props)));
    },
    async update(id: string, olds: Props, news: Props) {
      return keepProvider(news, () => crud.update(e, id, withoutUndefined(olds), withoutUndefined(news)));
    },
    async delete(id: string, props: Props) {
      return plain(() => crud.remove(e, id, withoutUndefined(props)));
    },
  };
}

/**
 * Pulumi prints `${error}: ${error.stack}` for failed configure, check, diff, read and delete; our
 * messages already say what and where, so the stack is replaced by the error code unless
 * CIMI_DEBUG is set.
 */
async function plain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CimiError && !process.env.CIMI_DEBUG) e.stack = `(${e.code}; set CIMI_DEBUG=1 for a stack trace)`;
    throw e;
  }
}

/** A partial resource must carry the provider text, or the engine could not delete it later. */
async function keepProvider<T>(props: Props, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof crud.PartialResourceError) (e.properties as Props)[PROVIDER_KEY] = props[PROVIDER_KEY];
    throw e;
  }
}
