// The serialized provider: Pulumi stores the source of these one-liners in every resource's
// `__provider`, with `impl` turned into require("pulumi-cimi/provider-impl"). Keep it thin and
// free of captured state, so state written by one version runs with the installed one.
import * as pulumi from "@pulumi/pulumi";
import * as impl from "../../provider/src/dynamic/entry";

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/** One provider object per kind, shared by every resource of that kind (Pulumi caches by identity). */
export function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) {
    provider = {
      configure: (req) => impl.configure(req),
      check: (olds, news) => impl.check(kind, olds, news),
      diff: (id, olds, news) => impl.diff(kind, id, olds, news),
      create: (inputs) => impl.create(kind, inputs),
      read: (id, props) => impl.read(kind, id, props),
      update: (id, olds, news) => impl.update(kind, id, olds, news),
      delete: (id, props) => impl.remove(kind, id, props),
    };
    providers.set(kind, provider);
  }
  return provider;
}
