#!/usr/bin/env node
// cimi-simulator: run the bundled CIMI simulator until SIGINT/SIGTERM.
import { DEFAULT_JOB_DURATION_MS, startSimulator, type SimulatorOptions } from "./index";

const HELP = `Usage: cimi-simulator [options]

Runs a DMTF CIMI 1.x (JSON) simulator on a loopback address.

Options:
  --port N            TCP port (default 0 = pick a free one)
  --host H            loopback address to bind: 127.0.0.1 (default), localhost or ::1
  --state-file F      keep the state in file F (loaded at start, written after every change)
  --job-duration MS   how long every Job runs, in ms (default ${DEFAULT_JOB_DURATION_MS}; 0 = at once)
  --no-jobs           answer like a cloud without Jobs: 202 + Location, clients poll the state
  --no-template-by-value  accept machine templates by reference only (ResourceMetadata says so)
  --user U            require HTTP Basic auth with this user (needs a password)
  --password P        password for --user (visible in the process list: prefer the variable below)

Environment: CIMI_SIMULATOR_PASSWORD is the password for --user when --password is not given.
  --help              show this help

Prints "cimi-simulator listening on <Cloud Entry Point URL>" once ready.
Control API (no auth): GET/DELETE /_sim/requests, POST /_sim/reset, GET/PUT /_sim/config.
`;

const FLAGS: Record<string, keyof SimulatorOptions> = {
  "--port": "port",
  "--host": "host",
  "--state-file": "stateFile",
  "--job-duration": "jobDurationMs",
  "--user": "user",
  "--password": "password",
};
const NUMERIC = new Set<keyof SimulatorOptions>(["port", "jobDurationMs"]);

export function parseArgs(argv: string[]): SimulatorOptions | "help" {
  const opts: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--no-jobs" || arg === "--no-template-by-value") {
      opts[arg === "--no-jobs" ? "jobs" : "templateByValue"] = false;
      continue;
    }
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${arg} (see --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`option ${flag} needs a value`);
    if (NUMERIC.has(key)) {
      const n = Number(value);
      if (value.trim() === "" || !Number.isInteger(n) || n < 0) throw new Error(`option ${flag} needs a whole number >= 0, got "${value}"`);
      opts[key] = n;
    } else {
      opts[key] = value;
    }
  }
  if (opts.user !== undefined && opts.password === undefined && process.env.CIMI_SIMULATOR_PASSWORD) {
    opts.password = process.env.CIMI_SIMULATOR_PASSWORD;
  }
  return opts as SimulatorOptions;
}

async function main(): Promise<void> {
  let parsed: SimulatorOptions | "help";
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`cimi-simulator: ${(err as Error).message}\n`);
    process.exit(2);
  }
  if (parsed === "help") {
    process.stdout.write(HELP);
    return;
  }
  const sim = await startSimulator(parsed);
  process.stdout.write(`cimi-simulator listening on ${sim.url}\n`);
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
