// A simulator started with one of its profiles, plus everything a client needs to reach it:
// the stack config and secrets the provider gets, and a client session with the same settings.
// Secrets are made up per run, so a test can assert they never leak.
import * as fs from "node:fs";
import * as undici from "undici";
import { dist } from "./dist";

const { startSimulator, loadProfile } = dist("simulator/src/index.js");
const { Session } = dist("provider/src/client/index.js");

/** Profiles the e2e matrix runs, each with the encoding the client is told to speak. */
export const MATRIX: readonly { profile: string; format: "auto" | "json" | "xml" }[] = [
  { profile: "default", format: "auto" },
  { profile: "json-jobs", format: "json" },
  { profile: "xml-nojobs", format: "auto" },
  { profile: "created-running", format: "auto" },
  { profile: "strict", format: "xml" },
  { profile: "sloppy", format: "auto" },
  { profile: "tls", format: "auto" },
  { profile: "tls-client-cert", format: "xml" },
];

export interface Target {
  profile: string;
  url: string;
  baseURI: string;
  /** Plain stack config for the provider (cimi:*). */
  config: Record<string, string>;
  /** Secret stack config (cimi:password, cimi:token, cimi:clientKey). */
  secrets: Record<string, string>;
  /** The secret values, for leak checks. */
  secretValues: string[];
  session(): any;
  /** The simulator's request log (control API), and clearing it. */
  requests(): Promise<{ method: string; path: string; status: number }[]>;
  clearRequests(): Promise<void>;
  /** Starts recording every body that crosses the wire (and forgets earlier ones). */
  recordBodies(): Promise<void>;
  /** What was recorded: request and response bodies with their Content-Type. */
  exchanges(): Promise<{ method: string; path: string; requestType?: string; requestBody?: string; responseType?: string; responseBody?: string }[]>;
  close(): Promise<void>;
}

export async function startTarget(profile: string, format: "auto" | "json" | "xml" = "auto", extra: Record<string, unknown> = {}): Promise<Target> {
  const p = loadProfile(profile);
  const secret = `s-${Math.random().toString(36).slice(2)}-plaintext-must-not-leak`;
  const auth = p.token ? { token: secret } : p.user ? { user: "e2e", password: secret } : {};
  const sim = await startSimulator({ port: 0, profile, jobDurationMs: 300, ...auth, ...extra });
  const config: Record<string, string> = { "cimi:endpoint": sim.url, "cimi:format": format };
  const secrets: Record<string, string> = {};
  const tls: Record<string, string> = {};
  if (sim.caFile) config["cimi:caCert"] = tls.ca = sim.caFile;
  if (sim.clientCertFile) {
    config["cimi:clientCert"] = sim.clientCertFile;
    secrets["cimi:clientKey"] = sim.clientKeyFile;
  }
  if (auth.token) secrets["cimi:token"] = auth.token;
  if (auth.user) {
    config["cimi:username"] = auth.user;
    secrets["cimi:password"] = auth.password!;
  }
  const tlsOptions = sim.caFile
    ? { ca: sim.caPem, ...(sim.clientCertFile ? { cert: fs.readFileSync(sim.clientCertFile, "utf8"), key: fs.readFileSync(sim.clientKeyFile, "utf8") } : {}) }
    : undefined;
  // The control API lives on the same server, so it needs the same TLS settings.
  const agent = new undici.Agent({ connect: tlsOptions ?? {} });
  const control = async (method: "GET" | "DELETE" | "PUT", path: string, body?: unknown) => {
    const res = await undici.request(new URL(path, sim.url), {
      method,
      dispatcher: agent,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    return res.body.json() as Promise<any>;
  };
  const credentials = auth.token ? { kind: "bearer", token: auth.token } : auth.user ? { kind: "basic", username: auth.user, password: auth.password } : { kind: "none" };
  return {
    profile,
    url: sim.url,
    baseURI: sim.baseURI,
    config,
    secrets,
    secretValues: auth.token || auth.user ? [secret] : [],
    session: () => new Session({ endpoint: sim.url, credentials, format, tls: tlsOptions }),
    requests: async () => (await control("GET", "/_sim/requests")).requests,
    clearRequests: async () => void (await control("DELETE", "/_sim/requests")),
    recordBodies: async () => void (await control("PUT", "/_sim/bodies", { record: true })),
    exchanges: async () => (await control("GET", "/_sim/bodies")).exchanges,
    close: async () => {
      await agent.close();
      await sim.close();
    },
  };
}
