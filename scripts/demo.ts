// `make demo` / `make demo-multi`: start the bundled simulators (left running), pulumi up an
// example, print the outputs. `make demo-down` / `make demo-multi-down`: destroy the stack and stop
// the simulators. Usage: demo.js up|down [quickstart|multi-cloud]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Session } from "../provider/src/client";
import { spawnSimulator } from "../simulator/src/process";

const ROOT = path.resolve(__dirname, "..", "..");
const STATE = path.join(ROOT, ".state");
const PORT = Number(process.env.DEMO_PORT ?? 8780);
const PASSWORD = "demo-password-not-for-production";
const STACK = "demo";

/** One simulated cloud of a demo. */
interface Cloud {
  name: string;
  port: number;
  /** With a user, the simulator requires HTTP Basic auth. */
  user?: string;
  /** Simulator profile: how this cloud behaves (simulator/profiles). */
  profile: string;
  template: string;
}

interface Demo {
  example: string;
  clouds: Cloud[];
  /** Stack config for the running clouds: key -> [value, secret?]. */
  config(endpoints: Record<string, { url: string; template: string }>): [string, string, boolean?][];
}

const DEMOS: Record<string, Demo> = {
  quickstart: {
    example: "quickstart",
    clouds: [{ name: "simulator", port: PORT, user: "demo", profile: "default", template: "small-ubuntu" }],
    config: ({ simulator }) => [
      ["cimi:endpoint", simulator.url],
      ["cimi:username", "demo"],
      ["cimi:password", PASSWORD, true],
      ["template", simulator.template],
    ],
  },
  "multi-cloud": {
    example: "multi-cloud",
    clouds: [
      { name: "east", port: PORT + 1, user: "demo", profile: "json-jobs", template: "small-ubuntu" },
      { name: "west", port: PORT + 2, profile: "xml-nojobs", template: "medium-debian" },
    ],
    config: ({ east, west }) => [
      ["eastEndpoint", east.url],
      ["eastUsername", "demo"],
      ["eastPassword", PASSWORD, true],
      ["eastTemplate", east.template],
      ["westEndpoint", west.url],
      ["westTemplate", west.template],
    ],
  },
};

function pulumi(demo: Demo, args: string[], opts: { input?: string; quiet?: boolean } = {}): void {
  const res = spawnSync(path.join(ROOT, "scripts", "pulumi.sh"), args, {
    cwd: path.join(ROOT, "examples", demo.example),
    stdio: [opts.input !== undefined ? "pipe" : "ignore", opts.quiet ? "ignore" : "inherit", "inherit"],
    input: opts.input,
  });
  if (res.status !== 0) {
    console.error(`\npulumi ${args.join(" ")} failed (exit ${res.status})`);
    process.exit(res.status ?? 1);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const file = (cloud: Cloud, ext: string) => path.join(STATE, `${cloud.name}.${ext}`);

/** Starts the cloud's simulator, or finds it still running from an earlier demo. */
async function startSimulator(cloud: Cloud): Promise<string> {
  fs.mkdirSync(STATE, { recursive: true });
  if (fs.existsSync(file(cloud, "pid")) && alive(Number(fs.readFileSync(file(cloud, "pid"), "utf8")))) {
    return fs.readFileSync(file(cloud, "url"), "utf8").trim();
  }
  const args = ["--port", String(cloud.port), "--state-file", file(cloud, "json"), ...(cloud.user ? ["--user", cloud.user] : []), "--profile", cloud.profile];
  const log = fs.openSync(file(cloud, "log"), "w");
  const { url, child } = await spawnSimulator(args, {
    detached: true,
    stderr: log,
    env: { ...process.env, CIMI_SIMULATOR_PASSWORD: PASSWORD },
  }).catch((e: Error) => {
    throw new Error(`${e.message}; see .state/${cloud.name}.log`);
  });
  child.stdout!.destroy();
  child.unref();
  fs.writeFileSync(file(cloud, "pid"), String(child.pid));
  fs.writeFileSync(file(cloud, "url"), url);
  return url;
}

/** A template of the cloud, found through its Cloud Entry Point like any client would. */
async function templateHref(cloud: Cloud, endpoint: string): Promise<string> {
  const credentials = cloud.user ? { kind: "basic" as const, username: cloud.user, password: PASSWORD } : undefined;
  const session = new Session({ endpoint, credentials });
  try {
    const found = await session.byName("machineTemplates", "machineTemplates", cloud.template);
    if (!found) throw new Error(`no MachineTemplate named ${cloud.template} at ${endpoint}`);
    return String(found.id);
  } finally {
    await session.close();
  }
}

async function up(demo: Demo): Promise<void> {
  const endpoints: Record<string, { url: string; template: string }> = {};
  for (const cloud of demo.clouds) {
    const url = await startSimulator(cloud);
    endpoints[cloud.name] = { url, template: await templateHref(cloud, url) };
    console.log(`CIMI simulator "${cloud.name}" running at ${url} (${cloud.user ? `user ${cloud.user}` : "no auth"}, profile ${cloud.profile})`);
  }
  pulumi(demo, ["stack", "select", "--create", STACK], { quiet: true });
  for (const [key, value, secret] of demo.config(endpoints)) {
    pulumi(demo, ["config", "set", ...(secret ? ["--secret", key] : [key, value])], { input: secret ? value : undefined, quiet: true });
  }
  pulumi(demo, ["up", "--yes", "--non-interactive"]);
  console.log("\nStack outputs:");
  pulumi(demo, ["stack", "output"]);
  // Tearing down needs the same port: a simulator restarted elsewhere could not reach the stack's hrefs.
  const port = process.env.DEMO_PORT ? `DEMO_PORT=${process.env.DEMO_PORT} ` : "";
  const down = `${port}make ${demo.example === "quickstart" ? "demo-down" : "demo-multi-down"}`;
  console.log(`
The simulator${demo.clouds.length > 1 ? "s keep" : " keeps"} running, with state in .state/. Try:
  cd examples/${demo.example} && ../../scripts/pulumi.sh preview      # no changes
  ../../scripts/pulumi.sh refresh --yes                              # finds changes made in the clouds
Tear down (destroy the stack, stop the simulator${demo.clouds.length > 1 ? "s" : ""}):  ${down}`);
}

async function down(demo: Demo): Promise<void> {
  if (!demo.clouds.some((c) => fs.existsSync(file(c, "json")))) {
    console.log("no demo to tear down");
    return;
  }
  // The stack's resources live in the simulators: (re)start them so destroy can reach them.
  for (const cloud of demo.clouds) await startSimulator(cloud);
  pulumi(demo, ["stack", "select", STACK], { quiet: true });
  pulumi(demo, ["destroy", "--yes", "--non-interactive"]);
  for (const cloud of demo.clouds) {
    process.kill(Number(fs.readFileSync(file(cloud, "pid"), "utf8")), "SIGTERM");
    fs.rmSync(file(cloud, "pid"), { force: true });
  }
  console.log("simulators stopped; their state stays in .state/ (make clean removes it)");
}

const commands: Record<string, (demo: Demo) => Promise<void>> = { up, down };
const run = commands[process.argv[2]];
const demo = DEMOS[process.argv[3] ?? "quickstart"];
if (!run || !demo) {
  console.error(`usage: demo.js up|down [${Object.keys(DEMOS).join("|")}]`);
  process.exit(2);
}
run(demo).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
