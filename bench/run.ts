// `make bench`: the provider's cost next to the engine's floor, measured side by side in one run,
// and how it grows with the size of a stack. Prints a table and writes bench/RESULTS.md.
// Nothing here is a test: figures are recorded, never asserted.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as undici from "undici";
import { Session } from "../provider/src/client";
import { Machine } from "../provider/src/catalog/compute";
import { spawnSimulator } from "../simulator/src/process";

const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAMS = path.join(ROOT, "bench", "programs");
const SIZES = (process.env.BENCH_SIZES ?? "10,50,200").split(",").map(Number);
const SCALE = Number(process.env.BENCH_SCALE ?? 500);

// ---------------------------------------------------------------------------------------------
// The simulator runs as its own process, so its memory is its own.

interface Sim {
  url: string;
  pid: number;
  child: ChildProcess;
}

async function startSim(): Promise<Sim> {
  const { url, child } = await spawnSimulator(["--port", "0", "--job-duration", "0"]);
  return { url, pid: child.pid!, child };
}

async function control(sim: Sim, method: string, what: string, body?: unknown): Promise<any> {
  const res = await fetch(new URL(`/_sim/${what}`, sim.url), { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
  return res.json();
}

// ---------------------------------------------------------------------------------------------
// Pulumi runs, with the peak memory of the dynamic-provider processes they start.

const backend = fs.mkdtempSync(path.join(os.tmpdir(), "cimi-bench-state-"));
// scripts/pulumi.sh sets the offline settings; the benchmark adds its own backend.
const PULUMI = path.join(ROOT, "scripts", "pulumi.sh");
const env: NodeJS.ProcessEnv = { ...process.env, PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "pulumi-cimi-bench" };

function pulumi(program: string, stack: string, args: string[], input?: string): Promise<{ ms: number; peakProviderKiB: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(PULUMI, [...args, "--stack", stack, "--non-interactive"], { cwd: path.join(PROGRAMS, program), env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, providerRssKiB())), 100);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => {
      clearInterval(sampler);
      const ms = performance.now() - start;
      if (code !== 0) reject(new Error(`pulumi ${args.join(" ")} (${program}) exited ${code}\n${stdout}\n${stderr}`));
      else resolve({ ms, peakProviderKiB: peak, stdout });
    });
    child.stdin.end(input ?? "");
  });
}

/** Total resident memory of running dynamic-provider processes. */
function providerRssKiB(): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("cmd/dynamic-provider")) continue;
      total += kib(fs.readFileSync(`/proc/${pid}/status`, "utf8"), "VmRSS");
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

function kib(status: string, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return m ? Number(m[1]) : 0;
}

async function stack(program: string, name: string, config: Record<string, string>): Promise<string> {
  await pulumi(program, name, ["stack", "init"]).catch(() => undefined);
  for (const [k, v] of Object.entries(config)) await pulumi(program, name, ["config", "set", k, v]);
  return name;
}

async function removeStack(program: string, name: string): Promise<void> {
  await pulumi(program, name, ["stack", "rm", "--yes", "--force"]).catch(() => undefined);
  fs.rmSync(path.join(PROGRAMS, program, `Pulumi.${name}.yaml`), { force: true });
}

// ---------------------------------------------------------------------------------------------
// 1 and 5: wall time of up and destroy, CIMI machines vs no-op resources, and memory as N grows.

interface SizeRow {
  n: number;
  upNoop: number;
  upCimi: number;
  destroyNoop: number;
  destroyCimi: number;
  providerPeakKiB: number;
  noopProviderPeakKiB: number;
}

async function overhead(sim: Sim, template: string, n: number): Promise<SizeRow> {
  const noop = await stack("noop", `noop-${n}`, { count: String(n) });
  const cimi = await stack("machines", `machines-${n}`, { count: String(n), template, "cimi:endpoint": sim.url });
  // Side by side: the floor first, then ours, each with the same engine and machine.
  const upNoop = await pulumi("noop", noop, ["up", "--yes", "--skip-preview"]);
  const upCimi = await pulumi("machines", cimi, ["up", "--yes", "--skip-preview"]);
  const destroyNoop = await pulumi("noop", noop, ["destroy", "--yes", "--skip-preview"]);
  const destroyCimi = await pulumi("machines", cimi, ["destroy", "--yes", "--skip-preview"]);
  await removeStack("noop", noop);
  await removeStack("machines", cimi);
  return {
    n,
    upNoop: upNoop.ms,
    upCimi: upCimi.ms,
    destroyNoop: destroyNoop.ms,
    destroyCimi: destroyCimi.ms,
    providerPeakKiB: Math.max(upCimi.peakProviderKiB, destroyCimi.peakProviderKiB),
    noopProviderPeakKiB: Math.max(upNoop.peakProviderKiB, destroyNoop.peakProviderKiB),
  };
}

// ---------------------------------------------------------------------------------------------
// 2 and 4: HTTP requests per operation, counted by the simulator, and state weight.

interface RequestRow {
  mode: string;
  create: string;
  update: string;
  refresh: string;
  delete: string;
  cep: number;
}

async function requestCounts(sim: Sim, template: string, jobs: boolean): Promise<{ row: RequestRow; weight?: { provider: number; resource: number } }> {
  await control(sim, "PUT", "config", { jobs, jobDurationMs: 300 });
  const name = await stack("machines", `requests-${jobs ? "jobs" : "nojobs"}`, { count: "1", template, "cimi:endpoint": sim.url });
  const counted = async (args: string[]) => {
    await control(sim, "DELETE", "requests");
    await pulumi("machines", name, args);
    const reqs: { method: string; path: string }[] = (await control(sim, "GET", "requests")).requests;
    return reqs;
  };
  const describe = (reqs: { method: string; path: string }[]) => {
    const by = new Map<string, number>();
    for (const r of reqs) {
      const kind = r.method !== "GET" ? r.method : r.path.includes("/jobs/") ? "GET job" : r.path.endsWith("cloudEntryPoint") ? "GET CEP" : "GET";
      by.set(kind, (by.get(kind) ?? 0) + 1);
    }
    return `${reqs.length} (${[...by].map(([k, v]) => `${v} ${k}`).join(", ")})`;
  };
  const create = await counted(["up", "--yes", "--skip-preview"]);
  await pulumi("machines", name, ["config", "set", "description", "changed"]);
  const update = await counted(["up", "--yes", "--skip-preview"]);
  const refresh = await counted(["refresh", "--yes", "--skip-preview"]);
  let weight: { provider: number; resource: number } | undefined;
  if (jobs) {
    const state = JSON.parse((await pulumi("machines", name, ["stack", "export"])).stdout);
    const m = state.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/cimi:Machine");
    weight = { provider: m.outputs.__provider.length, resource: JSON.stringify(m).length };
  }
  const del = await counted(["destroy", "--yes", "--skip-preview"]);
  await removeStack("machines", name);
  const cep = [create, update, refresh, del].reduce((sum, reqs) => sum + reqs.filter((r) => r.path.endsWith("cloudEntryPoint")).length, 0);
  await control(sim, "PUT", "config", { jobs: true, jobDurationMs: 0 });
  return { row: { mode: jobs ? "with Jobs" : "without Jobs", create: describe(create), update: describe(update), refresh: describe(refresh), delete: describe(del), cep }, weight };
}

// ---------------------------------------------------------------------------------------------
// 3: completion latency: from the simulator marking the Job done to the client returning.

async function completionLatency(sim: Sim, template: string, jobMs: number, runs: number): Promise<{ latencies: number[]; polls: number[] }> {
  await control(sim, "PUT", "config", { jobs: true, jobDurationMs: jobMs });
  const session = new Session({ endpoint: sim.url });
  const latencies: number[] = [];
  const polls: number[] = [];
  try {
    await session.discover();
    for (let i = 0; i < runs; i++) {
      await control(sim, "DELETE", "requests");
      const outcome = await session.create("machines", { name: `lat-${i}`, machineTemplate: { href: template } }, "MachineCreate", {
        operation: "bench",
        states: Machine.states,
        deadline: Date.now() + 60_000,
      });
      const returned = Date.now();
      const reqs: { method: string; path: string }[] = (await control(sim, "GET", "requests")).requests;
      const jobPath = reqs.find((r) => r.path.includes("/jobs/"))!.path;
      const job = (await session.get(new URL(jobPath, sim.url).toString()))!;
      const done = Date.parse(String(job.created)) + jobMs;
      latencies.push(returned - done);
      polls.push(reqs.filter((r) => r.path === jobPath).length);
      const doc = await session.getRequired(outcome.href!, "bench");
      await control(sim, "PUT", "config", { jobDurationMs: 0 });
      await session.delete(doc, { operation: "bench", states: Machine.states, deadline: Date.now() + 60_000 });
      await control(sim, "PUT", "config", { jobDurationMs: jobMs });
    }
  } finally {
    await session.close();
    await control(sim, "PUT", "config", { jobDurationMs: 0 });
  }
  return { latencies, polls };
}

// ---------------------------------------------------------------------------------------------
// 6: simulator throughput under a concurrent GET/POST load on loopback.

async function throughput(sim: Sim, template: string, seconds: number, concurrency: number): Promise<{ rps: number; p50: number; p99: number; errors: number; total: number }> {
  const base = new URL(sim.url);
  const pool = new undici.Pool(base.origin, { connections: concurrency });
  const collection = new URL("machines", new URL("./", sim.url)).pathname;
  const body = JSON.stringify({ resourceURI: "http://schemas.dmtf.org/cimi/1/MachineCreate", name: "load", machineTemplate: { href: template } });
  const times: number[] = [];
  let errors = 0;
  let created: string[] = [];
  const until = performance.now() + seconds * 1000;
  const worker = async (w: number) => {
    for (let i = 0; performance.now() < until; i++) {
      const post = (i + w) % 4 === 0; // one POST for three GETs
      const start = performance.now();
      try {
        const res = await pool.request(
          post
            ? { method: "POST", path: collection, body, headers: { "content-type": "application/json" } }
            : { method: "GET", path: created.length ? new URL(created[i % created.length]).pathname : base.pathname },
        );
        await res.body.text();
        if (res.statusCode >= 400) errors++;
        if (post && typeof res.headers.location === "string") created.push(res.headers.location);
      } catch {
        errors++;
      }
      times.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  await pool.close();
  created = [];
  await control(sim, "POST", "reset");
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { rps: times.length / seconds, p50: q(0.5), p99: q(0.99), errors, total: times.length };
}

// ---------------------------------------------------------------------------------------------

const s1 = (ms: number) => (ms / 1000).toFixed(1);
const mib = (kib: number) => (kib / 1024).toFixed(0);

function versions(): Record<string, string> {
  const v = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { env, encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  };
  return {
    date: new Date().toISOString(),
    commit: v("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]),
    machine: `${os.cpus()[0]?.model ?? "?"} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    node: process.version,
    pulumiCli: v(PULUMI, ["version"]),
    pulumiSdk: JSON.parse(fs.readFileSync(path.join(PROGRAMS, "machines/node_modules/@pulumi/pulumi/package.json"), "utf8")).version,
  };
}

async function main(): Promise<void> {
  const sim = await startSim();
  const lines: string[] = [];
  const out = (line = "") => {
    console.log(line);
    lines.push(line);
  };
  try {
    const s = new Session({ endpoint: sim.url });
    const template = String((await s.byName("machineTemplates", "machineTemplates", "small-ubuntu"))!.id);
    await s.close();
    const meta = versions();

    out("# Benchmark results");
    out();
    out(`Recorded by \`make bench\` on ${meta.date} at commit ${meta.commit}.`);
    out(`Machine: ${meta.machine}. Node ${meta.node}, Pulumi CLI ${meta.pulumiCli}, @pulumi/pulumi ${meta.pulumiSdk}.`);
    out("Each figure is one run; the machines are noisy, so read ratios, not absolute times.");
    out();

    out("## 1 and 5. Wall time of up and destroy: N CIMI machines (simulator, zero job duration) vs N no-op dynamic resources");
    out();
    out("| N | up no-op s | up CIMI s | up ratio | destroy no-op s | destroy CIMI s | destroy ratio | provider peak RSS MiB (CIMI / no-op) |");
    out("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    const rows: SizeRow[] = [];
    for (const n of [...SIZES, SCALE]) {
      const r = await overhead(sim, template, n);
      rows.push(r);
      out(`| ${n} | ${s1(r.upNoop)} | ${s1(r.upCimi)} | ${(r.upCimi / r.upNoop).toFixed(2)} | ${s1(r.destroyNoop)} | ${s1(r.destroyCimi)} | ${(r.destroyCimi / r.destroyNoop).toFixed(2)} | ${mib(r.providerPeakKiB)} / ${mib(r.noopProviderPeakKiB)} |`);
    }
    // Growth: the cost of each added resource between two sizes; constant means linear.
    out();
    out("| N from -> to | ms per added resource, up CIMI / no-op | destroy CIMI / no-op |");
    out("| --- | ---: | ---: |");
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      const per = (x: number, y: number) => ((y - x) / (b.n - a.n)).toFixed(0);
      out(`| ${a.n} -> ${b.n} | ${per(a.upCimi, b.upCimi)} / ${per(a.upNoop, b.upNoop)} | ${per(a.destroyCimi, b.destroyCimi)} / ${per(a.destroyNoop, b.destroyNoop)} |`);
    }
    out();
    out(`Provider memory from N=${rows[0].n} to N=${rows[rows.length - 1].n}: ${mib(rows[0].providerPeakKiB)} MiB -> ${mib(rows[rows.length - 1].providerPeakKiB)} MiB.`);
    const simStatus = fs.readFileSync(`/proc/${sim.pid}/status`, "utf8");
    out(`Simulator peak RSS over the whole run: ${mib(kib(simStatus, "VmHWM"))} MiB.`);
    out();

    out("## 2 and 4. HTTP requests per Machine operation, counted by the simulator (one machine, 300 ms jobs)");
    out();
    out("| mode | create (up) | update (up) | refresh | delete (destroy) | CEP reads over the 4 runs |");
    out("| --- | --- | --- | --- | --- | ---: |");
    let weight: { provider: number; resource: number } | undefined;
    for (const jobs of [true, false]) {
      const { row, weight: w } = await requestCounts(sim, template, jobs);
      weight ??= w;
      out(`| ${row.mode} | ${row.create} | ${row.update} | ${row.refresh} | ${row.delete} | ${row.cep} |`);
    }
    out();
    out(`State weight per Machine in \`pulumi stack export\`: \`__provider\` ${weight?.provider} bytes, whole resource ${weight?.resource} bytes.`);
    out();

    out("## 3. Completion latency with 2 s jobs (Job marked done -> client returns)");
    out();
    const { latencies, polls } = await completionLatency(sim, template, 2000, 5);
    out(`Latency ms per run: ${latencies.join(", ")} (max ${Math.max(...latencies)}; target <= 200). Job polls per job: ${polls.join(", ")}.`);
    out();

    out("## 6. Simulator throughput (loopback, 3 GET : 1 POST, 32 concurrent connections, 5 s)");
    out();
    const t = await throughput(sim, template, 5, 32);
    out(`${t.rps.toFixed(0)} requests/s, p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms, ${t.errors} errors in ${t.total} requests.`);
  } finally {
    sim.child.kill("SIGTERM");
    fs.rmSync(backend, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(ROOT, "bench", "RESULTS.md"), lines.join("\n") + "\n");
  console.log("\nwrote bench/RESULTS.md");
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
