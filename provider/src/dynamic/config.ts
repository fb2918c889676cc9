// Endpoint configuration of the provider process: stack config first (`cimi:endpoint`,
// `cimi:username`, secret `cimi:password`, secret `cimi:token`), then environment variables.
import { CimiInputError, Session, type Credentials } from "../client";

export interface ProviderConfig {
  endpoint?: string;
  credentials: Credentials;
}

export const ENV = {
  endpoint: "CIMI_ENDPOINT",
  username: "CIMI_USERNAME",
  password: "CIMI_PASSWORD",
  token: "CIMI_TOKEN",
} as const;

let current: ProviderConfig = fromSources(() => undefined);
const sessions = new Map<string, Session>();

/** Called by the engine through the shim's configure(); `get` reads a stack config key. */
export function configure(get: (key: string) => string | undefined): void {
  current = fromSources(get);
}

/** Endpoint and credentials from config keys (`cimi:endpoint`...), then the environment; also used by the SDK lookups. */
export function fromSources(get: (key: string) => string | undefined): ProviderConfig {
  // An explicit cimi.Endpoint carries all it needs: variables meant for the default endpoint
  // must never send their credentials elsewhere.
  const explicit = get("cimi:explicit") === "true";
  const pick = (key: keyof typeof ENV) => nonEmpty(get(`cimi:${key}`)) ?? (explicit ? undefined : nonEmpty(process.env[ENV[key]]));
  const endpoint = pick("endpoint");
  const username = pick("username");
  const password = pick("password");
  const token = pick("token");
  const credentials: Credentials = token
    ? { kind: "bearer", token }
    : username !== undefined
      ? { kind: "basic", username, password: password ?? "" }
      : { kind: "none" };
  return { endpoint: endpoint ? normalizeEndpoint(endpoint) : undefined, credentials };
}

export const NO_ENDPOINT = `no CIMI endpoint configured: run \`pulumi config set cimi:endpoint <Cloud Entry Point URL>\` or set ${ENV.endpoint}`;

/** The configured endpoint, or a clear error saying how to set one. */
export function configuredEndpoint(): string {
  if (!current.endpoint) throw new CimiInputError(NO_ENDPOINT);
  return current.endpoint;
}

/** What configure() settled on (for tests). */
export function currentConfig(): Readonly<ProviderConfig> {
  return current;
}

export function endpointIfConfigured(): string | undefined {
  return current.endpoint;
}

/**
 * The session for an endpoint. Credentials go only to the configured endpoint's origin: a
 * resource recorded on another endpoint is reached without them.
 */
export function sessionFor(endpoint: string): Session {
  const url = normalizeEndpoint(endpoint);
  let s = sessions.get(url);
  if (!s) {
    const trusted = current.endpoint !== undefined && new URL(current.endpoint).origin === new URL(url).origin;
    s = new Session({ endpoint: url, credentials: trusted ? current.credentials : { kind: "none" } });
    sessions.set(url, s);
  }
  return s;
}

export function normalizeEndpoint(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CimiInputError(`cimi:endpoint "${text}" is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CimiInputError(`cimi:endpoint must be an http(s) URL, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new CimiInputError("cimi:endpoint must not carry credentials; use cimi:username and the secret cimi:password");
  }
  return url.toString();
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}
