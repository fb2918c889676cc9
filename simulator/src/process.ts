// Runs the simulator as a separate process (for the demo and the benchmarks) and waits until it
// says where it listens.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import * as path from "node:path";

export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
}

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
      if (m) resolve({ url: m[1], child });
    });
    child.on("exit", (code) => reject(new Error(`the simulator exited with ${code} before listening`)));
  });
}
