// examples/multi-cloud through the real Pulumi CLI: two simulators that behave differently (one
// with Jobs and Basic auth, one without Jobs), each an explicit cimi.Endpoint in one program.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { byName, machines, session, simulator, simulatorOnFixedPort, type RunningSimulator } from "../helpers/simulator";

const TYPE = "pulumi-nodejs:dynamic/cimi:Machine";
const EAST_PASSWORD = `east-${Math.random().toString(36).slice(2)}-must-not-leak`;

describe.sequential("multi-cloud e2e (real Pulumi CLI, two endpoints)", () => {
  const westState = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cimi-west-")), "state.json");
  let east: RunningSimulator;
  let west: RunningSimulator;
  let westPort: number;
  let stack: PulumiStack;
  const count = async (sim: RunningSimulator, user?: string, password?: string) => {
    const s = session(sim.url, user, password);
    try {
      return (await machines(s)).length;
    } finally {
      await s.close();
    }
  };

  beforeAll(async () => {
    east = await simulator({ user: "alice", password: EAST_PASSWORD, jobDurationMs: 300 });
    // Stopped and started again on the same port below.
    west = await simulatorOnFixedPort({ jobs: false, jobDurationMs: 300, stateFile: westState });
    westPort = Number(new URL(west.url).port);
    const e = session(east.url, "alice", EAST_PASSWORD);
    const w = session(west.url);
    stack = new PulumiStack("examples/multi-cloud", `multi-${process.pid}`, {
      // Variables meant for a default endpoint must not reach the explicit ones.
      CIMI_USERNAME: "someone-else",
      CIMI_PASSWORD: "env-password",
    });
    await stack.init(
      {
        eastEndpoint: east.url,
        eastUsername: "alice",
        eastTemplate: await byName(e, "machineTemplates", "machineTemplates", "small-ubuntu"),
        westEndpoint: west.url,
        westTemplate: await byName(w, "machineTemplates", "machineTemplates", "medium-debian"),
      },
      { eastPassword: EAST_PASSWORD },
    );
    await e.close();
    await w.close();
  });

  afterAll(() => tearDown(stack, east, west));

  it("up creates a machine in each cloud", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const { machines: out } = await stack.outputs();
    expect(out.east.id.startsWith(east.baseURI)).toBe(true);
    expect(out.west.id.startsWith(west.baseURI)).toBe(true);
    expect(out.east.state).toBe("STARTED");
    expect(out.west.state).toBe("STARTED");
    expect(await count(east, "alice", EAST_PASSWORD)).toBe(1);
    expect(await count(west)).toBe(1);
  });

  it("a second up changes nothing", async () => {
    const r = await stack.run(["preview", "--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("rotating a password changes no machine", async () => {
    await stack.ok(["config", "set", "--secret", "eastPassword"], "rotated-but-unused");
    expect(await stack.planned("web-east")).toEqual(["same"]);
    expect(await stack.planned("web-west")).toEqual(["same"]);
    await stack.ok(["config", "set", "--secret", "eastPassword"], EAST_PASSWORD);
  });

  it("keeps every credential out of the state in plaintext", async () => {
    const exported = await stack.ok(["stack", "export"]);
    expect(exported).not.toContain(EAST_PASSWORD);
    expect(exported).not.toContain("env-password");
  });

  it("with one cloud down, refresh fails naming it and the state stays intact", async () => {
    await west.close();
    const r = await stack.run(["refresh", "--yes", "--skip-preview"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(`endpoint: ${west.url}`);
    expect(await stack.resourceState(TYPE, "web-west")).toBeDefined();
    expect(await stack.resourceState(TYPE, "web-east")).toBeDefined();
  });

  it("when it is back, refresh and destroy succeed in both clouds", async () => {
    west = await simulator({ port: westPort, jobs: false, jobDurationMs: 300, stateFile: westState });
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await count(east, "alice", EAST_PASSWORD)).toBe(0);
    expect(await count(west)).toBe(0);
  });
});
