// `make demo`: start the bundled simulator (left running), pulumi up examples/quickstart, print
// the outputs. `make demo-down`: destroy the stack and stop the simulator.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Session } from "../provider/src/client";
import { spawnSimulator } from "../simulator/src/process";

const ROOT = path.resolve(__dirname, "..", "..");
const STATE = path.join(ROOT, ".state");
const PID_FILE = path.join(STATE, "simulator.pid");
const URL_FILE = path.join(STATE, "simulator.url");
const PORT = Number(process.env.DEMO_PORT ?? 8780);
const USER = "demo";
const PASSWORD = "demo-password-not-for-production";
const STACK = "demo";
const QUICKSTART = path.join(ROOT, "examples", "quickstart");

function pulumi(args: string[], opts: { input?: string; quiet?: boolean } = {}): void {
  const res = spawnSync(path.join(ROOT, "scripts", "pulumi.sh"), args, {
    cwd: QUICKSTART,
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

async function startSimulator(): Promise<string> {
  fs.mkdirSync(STATE, { recursive: true });
  if (fs.existsSync(PID_FILE) && alive(Number(fs.readFileSync(PID_FILE, "utf8")))) {
    return fs.readFileSync(URL_FILE, "utf8").trim();
  }
  const log = fs.openSync(path.join(STATE, "simulator.log"), "w");
  const { url, child } = await spawnSimulator(["--port", String(PORT), "--state-file", path.join(STATE, "simulator.json"), "--user", USER], {
    detached: true,
    stderr: log,
    env: { ...process.env, CIMI_SIMULATOR_PASSWORD: PASSWORD },
  }).catch((e: Error) => {
    throw new Error(`${e.message}; see .state/simulator.log`);
  });
  child.stdout!.destroy();
  child.unref();
  fs.writeFileSync(PID_FILE, String(child.pid));
  fs.writeFileSync(URL_FILE, url);
  return url;
}

/** The quickstart's template, found through the Cloud Entry Point like any client would. */
async function templateHref(endpoint: string, name: string): Promise<string> {
  const session = new Session({ endpoint, credentials: { kind: "basic", username: USER, password: PASSWORD } });
  try {
    const items = await session.items(await session.collectionHref("machineTemplates"), "machineTemplates");
    const found = items.find((t) => t.name === name);
    if (!found) throw new Error(`no MachineTemplate named ${name} at ${endpoint}`);
    return String(found.id);
  } finally {
    await session.close();
  }
}

async function up(): Promise<void> {
  const endpoint = await startSimulator();
  console.log(`CIMI simulator running at ${endpoint} (user ${USER})`);
  const template = await templateHref(endpoint, "small-ubuntu");
  pulumi(["stack", "select", "--create", STACK], { quiet: true });
  pulumi(["config", "set", "cimi:endpoint", endpoint], { quiet: true });
  pulumi(["config", "set", "cimi:username", USER], { quiet: true });
  pulumi(["config", "set", "--secret", "cimi:password"], { input: PASSWORD, quiet: true });
  pulumi(["config", "set", "template", template], { quiet: true });
  pulumi(["up", "--yes", "--non-interactive"]);
  console.log("\nStack outputs:");
  pulumi(["stack", "output"]);
  console.log(`
The simulator keeps running, with its state in .state/simulator.json. Try:
  cd examples/quickstart && ../../scripts/pulumi.sh preview      # no changes
  ../../scripts/pulumi.sh config set description "changed" && ../../scripts/pulumi.sh up --yes
Tear down (destroy the stack, stop the simulator):  make demo-down`);
}

async function down(): Promise<void> {
  if (!fs.existsSync(path.join(STATE, "simulator.json"))) {
    console.log("no demo to tear down");
    return;
  }
  // The stack's machines live in the simulator: (re)start it so destroy can reach them.
  await startSimulator();
  pulumi(["stack", "select", STACK], { quiet: true });
  pulumi(["destroy", "--yes", "--non-interactive"]);
  process.kill(Number(fs.readFileSync(PID_FILE, "utf8")), "SIGTERM");
  fs.rmSync(PID_FILE, { force: true });
  console.log("simulator stopped; its state stays in .state/simulator.json (make clean removes it)");
}

const commands: Record<string, () => Promise<void>> = { up, down };
const run = commands[process.argv[2]];
if (!run) {
  console.error("usage: demo.js up|down");
  process.exit(2);
}
run().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
