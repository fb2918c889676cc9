// Certificates for the HTTPS simulator, made at start with the `openssl` command (no npm
// dependency): a throw-away CA, a server certificate for 127.0.0.1, ::1 and localhost, and, for
// client-certificate auth, a client certificate from the same CA. The CA key is deleted once used.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface TlsFiles {
  dir: string;
  /** PEM of the CA that signed the server (and client) certificate: what clients trust. */
  caFile: string;
  caPem: string;
  certFile: string;
  keyFile: string;
  clientCertFile?: string;
  clientKeyFile?: string;
  /** The directory was made for this run and goes when the simulator closes. */
  temporary: boolean;
}

const CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = cimi-simulator
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,IP:::1,DNS:localhost
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`;

const DAYS = "30";
const NEW_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === "ENOENT") throw new Error("cimi-simulator: tls needs the openssl command to make its certificates, and it is not on PATH");
    throw new Error(`cimi-simulator: openssl ${args[0]} failed: ${err.stderr?.toString().trim() || err.message}`);
  }
}

/** A key and a certificate signed by the CA in `dir`, with the extensions of `section`. */
function issue(dir: string, name: string, subject: string, section: string): void {
  openssl(["req", "-new", ...NEW_KEY, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject, "-config", "openssl.cnf"], dir);
  const serial = `0x${randomBytes(8).toString("hex")}`;
  openssl(
    ["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", serial, "-days", DAYS, "-sha256", "-extfile", "openssl.cnf", "-extensions", section, "-out", `${name}.pem`],
    dir,
  );
  fs.rmSync(path.join(dir, `${name}.csr`));
  fs.chmodSync(path.join(dir, `${name}.key`), 0o600);
}

/** Make the certificates in `dir` (created if missing) or in a new temporary directory. */
export function makeCertificates(dir: string | undefined, clientCert: boolean): TlsFiles {
  const temporary = dir === undefined;
  const where = temporary ? fs.mkdtempSync(path.join(os.tmpdir(), "cimi-sim-tls-")) : path.resolve(dir);
  fs.mkdirSync(where, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(path.join(where, "openssl.cnf"), CONFIG);
    openssl(["req", "-x509", "-new", ...NEW_KEY, "-keyout", "ca.key", "-out", "ca.pem", "-days", DAYS, "-subj", "/CN=cimi-simulator test CA", "-config", "openssl.cnf", "-extensions", "ca_ext"], where);
    issue(where, "server", "/CN=localhost", "server_ext");
    if (clientCert) issue(where, "client", "/CN=cimi-simulator client", "client_ext");
  } catch (e) {
    if (temporary) fs.rmSync(where, { recursive: true, force: true });
    throw e;
  } finally {
    fs.rmSync(path.join(where, "ca.key"), { force: true });
    fs.rmSync(path.join(where, "openssl.cnf"), { force: true });
  }
  const file = (name: string) => path.join(where, name);
  return {
    dir: where,
    caFile: file("ca.pem"),
    caPem: fs.readFileSync(file("ca.pem"), "utf8"),
    certFile: file("server.pem"),
    keyFile: file("server.key"),
    ...(clientCert ? { clientCertFile: file("client.pem"), clientKeyFile: file("client.key") } : {}),
    temporary,
  };
}
