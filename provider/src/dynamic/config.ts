// Endpoint configuration of the provider process: stack config first (`cimi:endpoint`,
// `cimi:username`, secret `cimi:password`, secret `cimi:token`, `cimi:format`, TLS and extra
// headers), then environment variables.
import * as fs from "node:fs";
import { CimiInputError, FORMATS, Session, type Credentials, type Format, type TlsOptions } from "../client";

export interface ProviderConfig {
  endpoint?: string;
  credentials: Credentials;
  format: Format;
  headers?: Record<string, string>;
  tls?: TlsOptions;
}

export const ENV = {
  endpoint: "CIMI_ENDPOINT",
  username: "CIMI_USERNAME",
  password: "CIMI_PASSWORD",
  token: "CIMI_TOKEN",
  format: "CIMI_FORMAT",
  headers: "CIMI_HEADERS",
  caCert: "CIMI_CA_CERT",
  clientCert: "CIMI_CLIENT_CERT",
  clientKey: "CIMI_CLIENT_KEY",
  insecure: "CIMI_INSECURE",
} as const;

let current: ProviderConfig = fromEnvironmentOrNothing();
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
  const format = pick("format") ?? "auto";
  if (!(FORMATS as readonly string[]).includes(format)) throw new CimiInputError(`cimi:format must be one of ${FORMATS.join(", ")}; got "${format}"`);
  const insecure = pick("insecure");
  if (insecure !== undefined && insecure !== "true" && insecure !== "false") throw new CimiInputError(`cimi:insecure must be true or false; got "${insecure}"`);
  const tls: TlsOptions = { ca: pem("caCert", pick("caCert")), cert: pem("clientCert", pick("clientCert")), key: pem("clientKey", pick("clientKey")) };
  if ((tls.cert === undefined) !== (tls.key === undefined)) throw new CimiInputError("cimi:clientCert and cimi:clientKey go together: give both or neither");
  if (insecure === "true") tls.verify = false;
  return {
    endpoint: endpoint ? normalizeEndpoint(endpoint) : undefined,
    credentials,
    format: format as Format,
    headers: headerMap(pick("headers")),
    tls,
  };
}

/** A PEM value given inline, or the path of a file holding it. */
function pem(key: string, value: string | undefined): string | undefined {
  if (value === undefined || value.includes("-----BEGIN")) return value;
  try {
    return fs.readFileSync(value, "utf8");
  } catch (e) {
    throw new CimiInputError(`cimi:${key} is neither PEM text nor a readable file: ${(e as Error).message}`);
  }
}

/** `cimi:headers`: a JSON object of header names to string values. */
function headerMap(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CimiInputError('cimi:headers must be a JSON object such as {"X-Api-Key": "..."}');
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || Object.values(value).some((v) => typeof v !== "string")) {
    throw new CimiInputError('cimi:headers must be a JSON object of header names to string values, such as {"X-Api-Key": "..."}');
  }
  for (const [name, v] of Object.entries(value as Record<string, string>)) {
    // Caught here, else undici refuses it later and it reads like an unreachable endpoint.
    if (!HEADER_NAME.test(name)) throw new CimiInputError(`cimi:headers: "${name}" is not a valid HTTP header name (letters, digits and !#$%&'*+.^_\`|~- only, no spaces)`);
    if (!HEADER_VALUE.test(v)) throw new CimiInputError(`cimi:headers: the value of "${name}" holds a line break or control character, which HTTP cannot carry`);
  }
  return value as Record<string, string>;
}

/** RFC 9110 field names (tokens) and values (Latin-1 bytes; no CR, LF or other control characters but tab). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Before configure(): the environment, or nothing if it is invalid (configure() then says why). */
function fromEnvironmentOrNothing(): ProviderConfig {
  try {
    return fromSources(() => undefined);
  } catch {
    return { credentials: { kind: "none" }, format: "auto" };
  }
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
    s = openSession(url, trusted ? current : undefined);
    sessions.set(url, s);
  }
  return s;
}

/** A session for `url` with a configuration's settings (none: no credentials, system CAs, `auto`). */
export function openSession(url: string, config?: ProviderConfig): Session {
  if (!config) return new Session({ endpoint: url });
  if (config.tls?.verify === false) {
    console.error(`warning: TLS certificate verification is OFF for ${url} (cimi:insecure = true); anyone on the network path can read and change this traffic`);
  }
  return new Session({ endpoint: url, credentials: config.credentials, format: config.format, headers: config.headers, tls: config.tls });
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
