#!/usr/bin/env node
// cimi-simulator: run the bundled CIMI simulator until SIGINT/SIGTERM.
import { DEFAULT_JOB_DURATION_MS, loadProfile, profileNames, startSimulator, type SimulatorOptions } from "./index";

const help = () => `Usage: cimi-simulator [options]

Runs a DMTF CIMI 1.x simulator (JSON and XML) on a loopback address. A profile makes it behave like
one kind of real CIMI server; options given here override the profile.

Options:
  --profile P         a shipped profile (below) or the path of a profile JSON file
  --port N            TCP port (default 0 = pick a free one)
  --host H            loopback address to bind: 127.0.0.1 (default), localhost or ::1
  --state-file F      keep the state in file F (loaded at start, written after every change)
  --job-duration MS   how long every Job runs, in ms (default ${DEFAULT_JOB_DURATION_MS}; 0 = at once)
  --formats F         encodings served: json, xml or json,xml (default; the first is used when
                      the client does not say); others get 406 (Accept) or 415 (request body)
  --completion C      how mutating calls report completion:
                        jobs             202 + CIMI-Job-URI + Location (default)
                        created-running  create: 201 + Location + resource + CIMI-Job-URI of a
                                         RUNNING Job (StratusLab); others: 202 + CIMI-Job-URI
                        none             no Jobs: 202 + Location, clients poll the resource
  --no-jobs           the same as --completion none
  --uris U            absolute (default) or relative: ids, hrefs, Location and CIMI-Job-URI
                      relative to the Cloud Entry Point's baseURI
  --strict-content-type  refuse (415) bodies whose Content-Type is not exactly a served bare
                      media type, and POST/PUT without Content-Type
  --sloppy            answer like sloppy real servers: media types with "; charset=utf-8", no
                      CIMI-Specification-Version header, integers as strings in JSON, empty 202s
  --no-template-by-value  accept machine templates by reference only (ResourceMetadata says so)
  --mutable K.A       let consumers change attribute A of kind K in place, e.g. NetworkConfiguration.mtu
  --immutable K.A     refuse in-place changes of K.A (a PUT keeps the old value), e.g. AddressTemplate.ip;
                      both repeat, and ResourceMetadata publishes every attribute's "mutable"
  --user U            require HTTP Basic auth with this user (needs a password)
  --password P        password for --user (visible in the process list: prefer the variable below)
  --token T           require "Authorization: Bearer T" (with --user, either is enough)
  --tls               serve HTTPS with a certificate made at start for 127.0.0.1, ::1 and
                      localhost (needs the openssl command); prints the CA file clients must trust
  --tls-dir D         write the certificates to D (default: a temporary directory, removed at exit)
  --export-dir D      folder System exports may write file:// packages into (default: exports/ beside the state file)
  --client-cert       with --tls: require a client certificate from the same CA (also made at
                      start; its files are printed). The control API then needs it too.
  --help              show this help

Environment: CIMI_SIMULATOR_PASSWORD is the password when a user is set (by --user or the profile)
and --password is not given; CIMI_SIMULATOR_TOKEN is the token when --token is not given.

Profiles (simulator/profiles/*.json):
${profileList()}

Prints "cimi-simulator listening on <Cloud Entry Point URL>" once ready (after the CA and client
certificate files with --tls). Control API (no auth, JSON): GET/DELETE /_sim/requests,
POST /_sim/reset, GET/PUT /_sim/config (shows the profile and settings).
`;

function profileList(): string {
  return profileNames()
    .map((name) => {
      let text: string;
      try {
        text = loadProfile(name).description ?? "";
      } catch (e) {
        text = `(unreadable: ${(e as Error).message})`;
      }
      return `  ${name.padEnd(18)}${text}`;
    })
    .join("\n");
}

const VALUED: Record<string, keyof SimulatorOptions> = {
  "--profile": "profile",
  "--port": "port",
  "--host": "host",
  "--state-file": "stateFile",
  "--job-duration": "jobDurationMs",
  "--formats": "formats",
  "--completion": "completion",
  "--uris": "uris",
  "--user": "user",
  "--password": "password",
  "--token": "token",
  "--tls-dir": "tlsDir",
  "--export-dir": "exportDir",
};
const SWITCHES: Record<string, [keyof SimulatorOptions, boolean]> = {
  "--no-jobs": ["jobs", false],
  "--no-template-by-value": ["templateByValue", false],
  "--strict-content-type": ["strictContentType", true],
  "--sloppy": ["sloppy", true],
  "--tls": ["tls", true],
  "--client-cert": ["clientCert", true],
};
/** Repeatable: `--mutable Kind.attribute` and `--immutable Kind.attribute`. */
const MUTABILITY: Record<string, boolean> = { "--mutable": true, "--immutable": false };
const NUMERIC = new Set<keyof SimulatorOptions>(["port", "jobDurationMs"]);

/** Command-line options (values are checked by startSimulator, which names the bad one). */
export function parseArgs(argv: string[]): SimulatorOptions | "help" {
  const opts: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (SWITCHES[arg]) {
      const [key, value] = SWITCHES[arg];
      opts[key] = value;
      continue;
    }
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const key = VALUED[flag] ?? (flag in MUTABILITY ? "mutable" : undefined);
    if (!key) throw new Error(`unknown option ${arg} (see --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`option ${flag} needs a value`);
    if (key === "mutable") {
      opts.mutable = { ...(opts.mutable as object), [value]: MUTABILITY[flag] };
    } else if (NUMERIC.has(key)) {
      const n = Number(value);
      if (value.trim() === "" || !Number.isInteger(n) || n < 0) throw new Error(`option ${flag} needs a whole number >= 0, got "${value}"`);
      opts[key] = n;
    } else if (key === "formats") {
      opts[key] = value.split(",").map((s) => s.trim().toLowerCase());
    } else {
      opts[key] = value;
    }
  }
  return opts as SimulatorOptions;
}

/** Secrets from the environment, for what the command line left out. */
export function withEnvSecrets(opts: SimulatorOptions, env: NodeJS.ProcessEnv): SimulatorOptions {
  const out = { ...opts };
  const user = opts.user ?? (opts.profile ? loadProfile(opts.profile).user : undefined);
  if (user !== undefined && out.password === undefined && env.CIMI_SIMULATOR_PASSWORD) out.password = env.CIMI_SIMULATOR_PASSWORD;
  if (out.token === undefined && env.CIMI_SIMULATOR_TOKEN) out.token = env.CIMI_SIMULATOR_TOKEN;
  return out;
}

async function main(): Promise<void> {
  let parsed: SimulatorOptions | "help";
  try {
    parsed = parseArgs(process.argv.slice(2));
    if (parsed !== "help") parsed = withEnvSecrets(parsed, process.env);
  } catch (err) {
    process.stderr.write(`cimi-simulator: ${(err as Error).message.replace(/^cimi-simulator: /, "")}\n`);
    process.exit(2);
  }
  if (parsed === "help") {
    process.stdout.write(help());
    return;
  }
  const sim = await startSimulator(parsed);
  // The "listening on" line comes last: whoever waits for it has the certificate paths too.
  const lines: string[] = [];
  if (sim.caFile) lines.push(`cimi-simulator CA certificate: ${sim.caFile}`);
  if (sim.clientCertFile) lines.push(`cimi-simulator client certificate: ${sim.clientCertFile}`, `cimi-simulator client key: ${sim.clientKeyFile}`);
  lines.push(`cimi-simulator listening on ${sim.url}${sim.profile ? ` (profile ${sim.profile})` : ""}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`cimi-simulator: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((err) => {
    const msg = (err as Error).message;
    process.stderr.write(`${msg.startsWith("cimi-simulator:") ? msg : `cimi-simulator: ${msg}`}\n`);
    process.exit(1);
  });
}
