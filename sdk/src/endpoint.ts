// An explicit CIMI endpoint: a provider instance of its own, so one program can manage several
// clouds. Resources choose it with `{ provider: endpoint }`; without one they use the stack's
// `cimi:*` configuration.
import * as pulumi from "@pulumi/pulumi";

export interface EndpointArgs {
  /** Cloud Entry Point URL of this cloud. */
  endpoint: pulumi.Input<string>;
  /** User for HTTP Basic authentication. */
  username?: pulumi.Input<string>;
  /** Password for HTTP Basic authentication; always kept secret. */
  password?: pulumi.Input<string>;
  /** Bearer token, instead of a user name and password; always kept secret. */
  token?: pulumi.Input<string>;
}

export class Endpoint extends pulumi.ProviderResource {
  /** The settings as the provider process gets them, kept for lookups run in the program. */
  private readonly settingsGiven: Record<string, pulumi.Input<string> | undefined>;

  constructor(name: string, args: EndpointArgs, opts?: pulumi.ResourceOptions) {
    const secret = (v: pulumi.Input<string> | undefined) => (v === undefined ? undefined : pulumi.secret(v));
    const settings = {
      "cimi:endpoint": args.endpoint,
      "cimi:username": args.username,
      "cimi:password": secret(args.password),
      "cimi:token": secret(args.token),
      // Credentials of this endpoint come from here only, never from CIMI_* variables.
      "cimi:explicit": "true",
    };
    super("pulumi-nodejs", name, settings, opts);
    this.settingsGiven = settings;
  }

  /** The settings with their values, for a lookup; fails when one is not known yet (at preview). */
  async settings(): Promise<Record<string, string | undefined>> {
    const out: Record<string, string | undefined> = {};
    for (const [key, input] of Object.entries(this.settingsGiven)) {
      if (input === undefined) continue;
      // Output's own accessors: apply() would never run for a value unknown at preview.
      const o = pulumi.output(input) as unknown as { isKnown: Promise<boolean>; promise(): Promise<string> };
      if (!(await o.isKnown)) throw new Error(`cimi.Endpoint: ${key} is not known yet, so a lookup cannot use this endpoint during preview`);
      out[key] = await o.promise();
    }
    return out;
  }
}
