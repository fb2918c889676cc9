// The bundled CIMI 1.x simulator: start it in-process with startSimulator().
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { Links } from "./links";
import { Store } from "./store";
import { requestListener, CIMI_PREFIX } from "./server";
import { CEP_PATH } from "./handlers/cep";
import { Faults } from "./faults";
import { BodyRecorder } from "./recorder";
import type { SimConfig } from "./context";
import { resolveOptions, type Resolved, type SimulatorOptions } from "./options";
import { makeCertificates, type TlsFiles } from "./tls";

export { DEFAULT_JOB_DURATION_MS, profileNames, loadProfile } from "./options";
export type { SimulatorOptions, Completion, FormatName, Profile } from "./options";

export interface Simulator {
  /** Cloud Entry Point URL. */
  url: string;
  /** `http(s)://HOST:PORT/cimi/` */
  baseURI: string;
  port: number;
  /** The profile named at start, if any. */
  profile?: string;
  /** Settings in force; jobDurationMs and completion can change at run time (also PUT /_sim/config). */
  config: SimConfig;
  store: Store;
  /** With tls: the CA certificate clients must trust (file and PEM text). */
  caFile?: string;
  caPem?: string;
  /** With clientCert: the certificate and key a client must present. */
  clientCertFile?: string;
  clientKeyFile?: string;
  /** With tls: the directory holding the certificates. */
  tlsDir?: string;
  close(): Promise<void>;
}

const LOOPBACK: Record<string, string> = { "127.0.0.1": "127.0.0.1", localhost: "127.0.0.1", "::1": "::1", "[::1]": "::1" };

/** Non-secret settings shown by GET /_sim/config. */
function about(o: Resolved): Record<string, unknown> {
  const auth = [o.basic ? "basic" : "", o.token !== undefined ? "bearer" : "", o.clientCert ? "client-certificate" : ""].filter(Boolean);
  return { auth: auth.length ? auth : ["none"], tls: o.tls };
}

function createServer(listener: http.RequestListener, tls: TlsFiles | undefined, clientCert: boolean): http.Server {
  if (!tls) return http.createServer(listener);
  return https.createServer(
    {
      cert: fs.readFileSync(tls.certFile),
      key: fs.readFileSync(tls.keyFile),
      // Client-certificate auth happens in the handshake: no valid certificate, no connection.
      ...(clientCert ? { ca: tls.caPem, requestCert: true, rejectUnauthorized: true } : {}),
    },
    listener,
  );
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const o = resolveOptions(options);
  const host = LOOPBACK[o.host];
  if (!host) throw new Error(`cimi-simulator: refusing to bind non-loopback host "${o.host}" (use 127.0.0.1, localhost or ::1)`);

  const store = Store.open(o.stateFile, new Date());
  const config = o.config;
  const tls = o.tls ? makeCertificates(o.tlsDir, o.clientCert) : undefined;
  const removeTls = () => {
    if (tls?.temporary) fs.rmSync(tls.dir, { recursive: true, force: true });
  };
  let links: Links | undefined;
  const server = createServer(
    requestListener({
      store,
      config,
      auth: { basic: o.basic, token: o.token },
      about: about(o),
      faults: new Faults(),
      recorder: new BodyRecorder(),
      links: () => {
        if (!links) throw new Error("simulator not listening yet");
        return links;
      },
    }),
    tls,
    o.clientCert,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(o.port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    removeTls();
    throw e;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const baseURI = `${tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${actualPort}${CIMI_PREFIX}`;
  links = new Links(baseURI, config.uris);

  let closing: Promise<void> | undefined;
  return {
    url: baseURI + CEP_PATH,
    baseURI,
    port: actualPort,
    ...(config.profile !== undefined ? { profile: config.profile } : {}),
    config,
    store,
    ...(tls
      ? { caFile: tls.caFile, caPem: tls.caPem, tlsDir: tls.dir, clientCertFile: tls.clientCertFile, clientKeyFile: tls.clientKeyFile }
      : {}),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }).then(() => {
        store.flush();
        removeTls();
      });
      return closing;
    },
  };
}

export type { Store } from "./store";
