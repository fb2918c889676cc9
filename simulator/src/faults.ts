// Network faults on demand, for tests of what a client does when a connection breaks:
// `before` drops the connection without acting on the request, `after` acts on it and then
// drops the connection instead of answering (the ambiguous case).
import { HttpError } from "./http";

export interface Fault {
  method: string;
  /** Path prefix the fault applies to, e.g. `/cimi/machines`. */
  path: string;
  when: "before" | "after";
  /** How many matching requests it still applies to. */
  count: number;
}

export class Faults {
  private list: Fault[] = [];

  set(value: unknown): Fault[] {
    if (!Array.isArray(value)) throw new HttpError(400, "faults must be a JSON array of {method, path, when, count}");
    this.list = value.map((f, i) => {
      const ok =
        f && typeof f.method === "string" && typeof f.path === "string" && (f.when === "before" || f.when === "after") && Number.isInteger(f.count ?? 1) && (f.count ?? 1) > 0;
      if (!ok) throw new HttpError(400, `faults[${i}] needs method, path, when ("before" or "after") and an optional count >= 1`);
      return { method: f.method.toUpperCase(), path: f.path, when: f.when, count: f.count ?? 1 };
    });
    return this.list;
  }

  get(): Fault[] {
    return this.list;
  }

  /** The fault that applies to this request, used up by one. */
  take(method: string, path: string): Fault | undefined {
    const f = this.list.find((x) => x.method === method && path.startsWith(x.path));
    if (!f) return undefined;
    if (--f.count === 0) this.list = this.list.filter((x) => x !== f);
    return f;
  }
}
