// What the serialized provider shim calls: one function per provider method, taking the kind.
// Exported as "pulumi-cimi/provider-impl"; the shim in the SDK stays a few one-liners.
import { entry } from "../catalog";
import { checkInputs, withoutUndefined } from "./check";
import { decideDiff } from "./diff";
import { configure as setConfig, endpointIfConfigured, normalizeEndpoint } from "./config";
import * as crud from "./crud";

type Props = Record<string, unknown>;
const PROVIDER_KEY = "__provider";

export async function configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  setConfig((key) => req.config.get(key));
}

export async function check(kind: string, _olds: Props, news: Props) {
  return checkInputs(entry(kind), news);
}

export async function diff(kind: string, _id: string, olds: Props, news: Props) {
  const now = endpointIfConfigured();
  const d = decideDiff(entry(kind), olds, withoutUndefined(news), now ? normalizeEndpoint(now) : undefined);
  return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
}

export async function create(kind: string, props: Props) {
  return keepProvider(props, () => crud.create(entry(kind), withoutUndefined(props)));
}

export async function read(kind: string, id: string, props: Props) {
  return crud.read(entry(kind), id, withoutUndefined(props));
}

export async function update(kind: string, id: string, olds: Props, news: Props) {
  return keepProvider(news, () => crud.update(entry(kind), id, withoutUndefined(olds), withoutUndefined(news)));
}

export async function remove(kind: string, id: string, props: Props) {
  return crud.remove(entry(kind), id, withoutUndefined(props));
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
