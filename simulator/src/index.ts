// The bundled CIMI 1.x simulator: start it in-process with startSimulator().
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { Links } from "./links";
import { Store } from "./store";
import { requestListener, CIMI_PREFIX } from "./server";
import { CEP_PATH } from "./handlers/cep";
import { Faults } from "./faults";

export interface SimulatorOptions {
  /** TCP port; 0 or absent picks a free one. */
  port?: number;
  /** Loopback address to bind (127.0.0.1, localhost or ::1); default 127.0.0.1. */
  host?: string;
  /** JSON file holding the whole state; absent keeps state in memory only. */
  stateFile?: string;
  /** How long every Job runs, in milliseconds (default 1000; 0 = jobs finish at once). */
  jobDurationMs?: number;
  /** false: no Jobs exposed; mutating calls answer 202 + Location and clients poll (default true). */
  jobs?: boolean;
  /** false: only templates by reference are accepted, as ResourceMetadata then says (default true). */
  templateByValue?: boolean;
  /** When both are set, every /cimi request needs HTTP Basic auth with these. */
  user?: string;
  password?: string;
}

export interface Simulator {
  /** Cloud Entry Point URL. */
  url: string;
  /** `http://HOST:PORT/cimi/` */
  baseURI: string;
  port: number;
  /** Current job duration; can be changed at run time (also via PUT /_sim/config). */
  config: { jobDurationMs: number; jobs: boolean; templateByValue: boolean };
  store: Store;
  close(): Promise<void>;
}

export const DEFAULT_JOB_DURATION_MS = 1000;

const LOOPBACK: Record<string, string> = { "127.0.0.1": "127.0.0.1", localhost: "127.0.0.1", "::1": "::1", "[::1]": "::1" };

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = LOOPBACK[options.host ?? "127.0.0.1"];
  if (!host) throw new Error(`cimi-simulator: refusing to bind non-loopback host "${options.host}" (use 127.0.0.1, localhost or ::1)`);
  if ((options.user === undefined) !== (options.password === undefined)) throw new Error("cimi-simulator: give both user and password, or neither");
  const jobDurationMs = options.jobDurationMs ?? DEFAULT_JOB_DURATION_MS;
  if (!Number.isFinite(jobDurationMs) || jobDurationMs < 0) throw new Error(`cimi-simulator: invalid job duration ${jobDurationMs}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`cimi-simulator: invalid port ${port}`);

  const store = Store.open(options.stateFile, new Date());
  const config = { jobDurationMs, jobs: options.jobs ?? true, templateByValue: options.templateByValue ?? true };
  let links: Links | undefined;
  const credentials = options.user !== undefined ? { user: options.user, password: options.password as string } : undefined;
  const server = http.createServer(
    requestListener({
      store,
      config,
      credentials,
      faults: new Faults(),
      links: () => {
        if (!links) throw new Error("simulator not listening yet");
        return links;
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const baseURI = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}${CIMI_PREFIX}`;
  links = new Links(baseURI);

  let closing: Promise<void> | undefined;
  return {
    url: baseURI + CEP_PATH,
    baseURI,
    port: actualPort,
    config,
    store,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).then(() => store.flush());
      return closing;
    },
  };
}

export type { Store } from "./store";
