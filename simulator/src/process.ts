// Runs the simulator as a separate process (for the demo and the benchmarks) and waits until it
// says where it listens.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import * as path from "node:path";

export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
  /** With --tls: the CA certificate to trust; with --client-cert: the client's certificate and key. */
  caFile?: string;
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** Lines the CLI prints before "listening on", and where they go in SimulatorProcess. */
const PRINTED: Array<[RegExp, "caFile" | "clientCertFile" | "clientKeyFile"]> = [
  [/CA certificate: (\S+)/, "caFile"],
  [/client certificate: (\S+)/, "clientCertFile"],
  [/client key: (\S+)/, "clientKeyFile"],
];

/** `stderr` is where the simulator's own messages go (a file descriptor, or inherited). */
export function spawnSimulator(
  args: string[],
  options: Omit<SpawnOptions, "stdio"> & { stderr?: number | "inherit" } = {},
): Promise<SimulatorProcess> {
  const { stderr = "inherit", ...rest } = options;
  const child = spawn(process.execPath, [path.join(__dirname, "cli.js"), ...args], { ...rest, stdio: ["ignore", "pipe", stderr] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (!m) return;
      const found: SimulatorProcess = { url: m[1], child };
      for (const [re, key] of PRINTED) {
        const f = re.exec(out);
        if (f) found[key] = f[1];
      }
      resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`the simulator exited with ${code} before listening`)));
  });
}
