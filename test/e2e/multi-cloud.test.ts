// examples/multi-cloud through the real Pulumi CLI: two simulators that behave differently (one
// JSON with Jobs and Basic auth, one XML without Jobs and with relative URIs), each an explicit
// cimi.Endpoint in one program with a machine and an attached volume.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiStack, tearDown } from "../helpers/pulumi";
import { byName, machines, session, simulator, simulatorOnFixedPort, type RunningSimulator } from "../helpers/simulator";

const TYPE = "pulumi-nodejs:dynamic/cimi:Machine";
const EAST_PASSWORD = `east-${Math.random().toString(36).slice(2)}-must-not-leak`;
const EAST_TOKEN = `token-${Math.random().toString(36).slice(2)}-must-not-leak`;

describe.sequential("multi-cloud e2e (real Pulumi CLI, two endpoints)", () => {
  const westState = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cimi-west-")), "state.json");
  let east: RunningSimulator;
  let west: RunningSimulator;
  let westPort: number;
  let stack: PulumiStack;
  /** How many machines and volumes a cloud holds besides its seed. */
  const count = async (sim: RunningSimulator, user?: string, password?: string) => {
    const s = session(sim.url, user, password);
    try {
      const volumes = await s.list(await s.collectionHref("volumes"), "volumes");
      return { machines: (await machines(s)).length, volumes: volumes.filter((v: any) => String(v.name).startsWith("data-")).length };
    } finally {
      await s.close();
    }
  };

  beforeAll(async () => {
    east = await simulator({ profile: "json-jobs", user: "alice", password: EAST_PASSWORD, token: EAST_TOKEN, jobDurationMs: 300 });
    // Stopped and started again on the same port below.
    west = await simulatorOnFixedPort({ profile: "xml-nojobs", jobDurationMs: 300, stateFile: westState });
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

  it("up creates a machine and an attached volume in each cloud, outputs side by side", async () => {
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const { sites } = await stack.outputs();
    for (const [name, sim] of [["east", east], ["west", west]] as const) {
      expect(sites[name].machine.startsWith(sim.baseURI)).toBe(true);
      expect(sites[name].volume.startsWith(sim.baseURI)).toBe(true);
      expect(sites[name].state).toBe("STARTED");
      expect(sites[name].capacity).toBeGreaterThan(0);
    }
    expect(await count(east, "alice", EAST_PASSWORD)).toEqual({ machines: 1, volumes: 1 });
    expect(await count(west)).toEqual({ machines: 1, volumes: 1 });
    // The west cloud speaks XML only, with relative hrefs: the machine's volume is attached there.
    const w = session(west.url);
    const attached = await w.list((await w.getRequired(sites.west.machine, "read")).volumes.href, "machineVolumes");
    await w.close();
    expect(attached.map((a: any) => a.volume.href)).toEqual([sites.west.volume]);
  });

  it("a second up changes nothing", async () => {
    const r = await stack.run(["preview", "--expect-no-changes"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("rotating credentials (a password replaced by a token) changes no resource", async () => {
    await stack.ok(["config", "set", "--secret", "eastToken"], EAST_TOKEN);
    for (const name of ["web-east", "web-west", "data-east", "data-west", "data-east-on-web-east"]) expect(await stack.planned(name)).toEqual(["same"]);
    await stack.ok(["up", "--yes", "--skip-preview"]);
    expect(await stack.ok(["stack", "export"])).not.toContain(EAST_TOKEN);
    await stack.ok(["config", "rm", "eastToken"]);
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
    west = await simulator({ port: westPort, profile: "xml-nojobs", jobDurationMs: 300, stateFile: westState });
    await stack.ok(["refresh", "--yes", "--skip-preview"]);
    await stack.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await count(east, "alice", EAST_PASSWORD)).toEqual({ machines: 0, volumes: 0 });
    expect(await count(west)).toEqual({ machines: 0, volumes: 0 });
  });
});
