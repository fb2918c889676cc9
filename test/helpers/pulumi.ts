// Runs the real Pulumi CLI (from .tools/bin) on an example, offline, with its own file backend.
// Commands run asynchronously: the simulator serving them lives in the test process.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "./dist";

/** The offline Pulumi CLI wrapper (local backend, no update check, no plugin download). */
const PULUMI = path.join(ROOT, "scripts", "pulumi.sh");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class PulumiStack {
  readonly backend = fs.mkdtempSync(path.join(os.tmpdir(), "cimi-e2e-state-"));
  readonly cwd: string;

  /** `project` is a folder relative to the repository, e.g. `examples/quickstart`. */
  constructor(
    project: string,
    readonly stack: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.cwd = path.join(ROOT, project);
  }

  /** scripts/pulumi.sh sets the offline settings; the test adds its own backend. */
  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${this.backend}`,
      PULUMI_CONFIG_PASSPHRASE: "pulumi-cimi-e2e",
      // Environment fallbacks must not leak into the stack under test.
      CIMI_ENDPOINT: "",
      CIMI_USERNAME: "",
      CIMI_PASSWORD: "",
      CIMI_TOKEN: "",
      ...this.extraEnv,
    };
  }

  run(args: string[], input?: string): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(PULUMI, [...args, "--stack", this.stack, "--non-interactive"], {
        cwd: this.cwd,
        env: this.env(),
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(input ?? "");
    });
  }

  /** Runs and fails with the whole output when the command fails. */
  async ok(args: string[], input?: string): Promise<string> {
    const r = await this.run(args, input);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }

  async init(config: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
    await this.ok(["stack", "init"]);
    for (const [k, v] of Object.entries(config)) await this.ok(["config", "set", k, v]);
    for (const [k, v] of Object.entries(secrets)) await this.ok(["config", "set", "--secret", k], v);
  }

  async outputs(): Promise<Record<string, any>> {
    return JSON.parse(await this.ok(["stack", "output", "--json", "--show-secrets"]));
  }

  /** The operations a preview plans for one resource; `["same"]` when it plans none. */
  async planned(resource: string): Promise<string[]> {
    const raw = JSON.parse(await this.ok(["preview", "--json"]));
    const ops = (raw.steps ?? []).filter((s: any) => String(s.urn).split("::").pop() === resource).map((s: any) => s.op);
    return ops.length ? ops : ["same"];
  }

  /** What a preview plans for every resource, by resource name (resources it leaves alone are absent). */
  async plan(): Promise<Record<string, string[]>> {
    const raw = JSON.parse(await this.ok(["preview", "--json"]));
    const out: Record<string, string[]> = {};
    for (const s of raw.steps ?? []) {
      // Resources read with get() are read on every run: that is no change.
      if (s.op === "same" || s.op === "read" || String(s.urn).includes("pulumi:pulumi:Stack")) continue;
      (out[String(s.urn).split("::").pop()!] ??= []).push(s.op);
    }
    return out;
  }

  /** The state of one resource as `pulumi stack export` has it. */
  async resourceState(type: string, name: string): Promise<any> {
    const state = JSON.parse(await this.ok(["stack", "export"]));
    return state.deployment.resources.find((r: any) => r.type === type && String(r.urn).endsWith(`::${name}`));
  }

  /** Removes the stack and its config file. */
  async remove(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]);
    fs.rmSync(path.join(this.cwd, `Pulumi.${this.stack}.yaml`), { force: true });
    fs.rmSync(this.backend, { recursive: true, force: true });
  }
}

/** Destroys and removes a test stack, then closes what the test opened, whatever failed before. */
export async function tearDown(stack: PulumiStack | undefined, ...closables: ({ close(): Promise<void> } | undefined)[]): Promise<void> {
  await stack?.run(["destroy", "--yes"]);
  await stack?.remove();
  for (const c of closables) await c?.close();
}
