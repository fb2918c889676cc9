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
  /** Encoding to speak: `auto` (default: whatever the Cloud Entry Point answers in), `json` or `xml`. */
  format?: pulumi.Input<"auto" | "json" | "xml">;
  /** Extra headers for every request to this endpoint (e.g. an API key); always kept secret. */
  headers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Certificate authorities to trust for this endpoint: PEM text or a file path. */
  caCert?: pulumi.Input<string>;
  /** Client certificate for TLS client authentication: PEM text or a file path. */
  clientCert?: pulumi.Input<string>;
  /** Key of the client certificate: PEM text or a file path; always kept secret. */
  clientKey?: pulumi.Input<string>;
  /** Turns TLS certificate verification off. Only for tests: the provider warns every time. */
  insecure?: pulumi.Input<boolean>;
}

export class Endpoint extends pulumi.ProviderResource {
  /** The settings as the provider process gets them, kept for lookups run in the program. */
  private readonly settingsGiven: Record<string, pulumi.Input<string> | undefined>;

  constructor(name: string, args: EndpointArgs, opts?: pulumi.ResourceOptions) {
    const secret = <T>(v: pulumi.Input<T> | undefined) => (v === undefined ? undefined : pulumi.secret(v));
    const text = (v: pulumi.Input<unknown> | undefined) => (v === undefined ? undefined : pulumi.output(v).apply((x) => (typeof x === "string" ? x : JSON.stringify(x))));
    const settings = {
      "cimi:endpoint": args.endpoint,
      "cimi:username": args.username,
      "cimi:password": secret(args.password),
      "cimi:token": secret(args.token),
      "cimi:format": args.format,
      "cimi:headers": secret(text(args.headers)),
      "cimi:caCert": args.caCert,
      "cimi:clientCert": args.clientCert,
      "cimi:clientKey": secret(args.clientKey),
      "cimi:insecure": text(args.insecure),
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
