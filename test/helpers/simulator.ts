// The bundled simulator, started in the test process, plus a client session against it.
import { dist } from "./dist";

const { startSimulator } = dist("simulator/src/index.js");
const { Session } = dist("provider/src/client/index.js");

export interface RunningSimulator {
  url: string;
  baseURI: string;
  close(): Promise<void>;
}

export async function simulator(options: Record<string, unknown> = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, ...options });
}

/**
 * A simulator on a port below the system's ephemeral range, for a test that stops it and starts it
 * again on the same port: a port the kernel hands out (port 0) may be taken by any other process
 * in between, such as a Pulumi plugin of a test running alongside.
 */
export async function simulatorOnFixedPort(options: Record<string, unknown> = {}): Promise<RunningSimulator> {
  for (let attempt = 0; ; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    try {
      return await startSimulator({ ...options, port });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 20) throw e;
    }
  }
}

export function session(url: string, username?: string, password?: string) {
  return new Session({ endpoint: url, credentials: username ? { kind: "basic", username, password } : { kind: "none" } });
}

export async function requests(sim: RunningSimulator): Promise<{ method: string; path: string; status: number }[]> {
  const res = await fetch(new URL("/_sim/requests", sim.url));
  return (await res.json()).requests;
}

export async function clearRequests(sim: RunningSimulator): Promise<void> {
  await fetch(new URL("/_sim/requests", sim.url), { method: "DELETE" });
}

/** Every machine the simulator holds, as full documents. */
export async function machines(s: any): Promise<any[]> {
  return s.list(await s.collectionHref("machines"), "machines");
}

/** The href of the resource with this name; the test fails when there is none. */
export async function byName(s: any, cepKey: string, member: string, name: string): Promise<string> {
  const found = await s.byName(cepKey, member, name);
  if (!found) throw new Error(`no ${member} named ${name}`);
  return found.id;
}
