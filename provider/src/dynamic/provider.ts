// The dynamic ResourceProvider of one catalog kind. Each kind's module (kinds/<kind>.ts) exports
// exactly this object, so Pulumi serializes a resource's provider as one require() of that module.
import { entry } from "../catalog";
import { checkInputs, withoutUndefined } from "./check";
import { decideDiff } from "./diff";
import { configure as setConfig, endpointIfConfigured } from "./config";
import * as crud from "./crud";

type Props = Record<string, unknown>;
const PROVIDER_KEY = "__provider";

export function providerOf(kind: string) {
  const e = entry(kind);
  return {
    async configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
      setConfig((key) => req.config.get(key));
    },
    async check(_olds: Props, news: Props) {
      return checkInputs(e, news);
    },
    async diff(_id: string, olds: Props, news: Props) {
      const d = decideDiff(e, olds, withoutUndefined(news), endpointIfConfigured());
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace };
    },
    async create(props: Props) {
      return keepProvider(props, () => crud.create(e, withoutUndefined(props)));
    },
    async read(id: string, props: Props) {
      return crud.read(e, id, withoutUndefined(props));
    },
    async update(id: string, olds: Props, news: Props) {
      return keepProvider(news, () => crud.update(e, id, withoutUndefined(olds), withoutUndefined(news)));
    },
    async delete(id: string, props: Props) {
      return crud.remove(e, id, withoutUndefined(props));
    },
  };
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
