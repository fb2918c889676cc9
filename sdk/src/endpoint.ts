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
  constructor(name: string, args: EndpointArgs, opts?: pulumi.ResourceOptions) {
    const secret = (v: pulumi.Input<string> | undefined) => (v === undefined ? undefined : pulumi.secret(v));
    super(
      "pulumi-nodejs",
      name,
      {
        "cimi:endpoint": args.endpoint,
        "cimi:username": args.username,
        "cimi:password": secret(args.password),
        "cimi:token": secret(args.token),
        // Credentials of this endpoint come from here only, never from CIMI_* variables.
        "cimi:explicit": "true",
      },
      opts,
    );
  }
}
