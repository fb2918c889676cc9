// The simulator's whole state: resources by collection, jobs, counters, private per-resource data.
// Kept in memory; written atomically to the state file after every mutation when one is given.
import { readJSONFile, writeJSONFileAtomic } from "./persist";
import { seedState } from "./seed";

export type Doc = Record<string, unknown>;

/** What a job does to its target when it finishes. */
export type Effect =
  | { type: "state"; path: string; from: string; to: string }
  | { type: "delete"; path: string }
  | { type: "none" };

export interface JobRecord {
  id: string;
  name: string;
  created: number;
  durationMs: number;
  action: string;
  target: string;
  affected: string[];
  effect: Effect;
  done: boolean;
}

export interface State {
  version: 1;
  counters: Record<string, number>;
  /**
   * collection key (a catalog cepKey, `addresses`, or `<parent path>/<sub-collection>`) -> local id
   * -> stored document (relative hrefs).
   */
  collections: Record<string, Record<string, Doc>>;
  /** resource path -> data the simulator keeps for itself and never serves. */
  hidden: Record<string, Doc>;
  jobs: Record<string, JobRecord>;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query?: string;
  status: number;
}

export class Store {
  state: State;
  requests: RequestLogEntry[] = [];
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    state: State,
  ) {
    this.state = state;
  }

  /** Load the state file if it exists, else start from the seed (and write it). */
  static open(file: string | undefined, now: Date): Store {
    const loaded = file ? (readJSONFile(file) as State | undefined) : undefined;
    if (loaded && loaded.version !== 1) throw new Error(`cimi-simulator: state file ${file} has unknown version ${String(loaded.version)}`);
    const store = new Store(file, loaded ?? seedState(now));
    if (!loaded) store.touch();
    store.flush();
    return store;
  }

  /** Ids of the jobs not done yet, in creation order: what `advance` looks at (derived, not saved). */
  get pendingJobs(): string[] {
    if (!this.pending || this.pendingOf !== this.state) {
      this.pending = Object.values(this.state.jobs).filter((j) => !j.done).map((j) => j.id);
      this.pendingOf = this.state;
    }
    return this.pending;
  }
  private pending?: string[];
  private pendingOf?: State;

  reset(now: Date): void {
    this.state = seedState(now);
    this.touch();
  }

  touch(): void {
    this.dirty = true;
  }

  /** Persist if anything changed since the last flush. */
  flush(): void {
    if (this.dirty && this.file) writeJSONFileAtomic(this.file, this.state);
    this.dirty = false;
  }

  nextId(prefix: string): string {
    const n = (this.state.counters[prefix] ?? 0) + 1;
    this.state.counters[prefix] = n;
    this.touch();
    return `${prefix}-${n}`;
  }

  nextNumber(counter: string): number {
    const n = (this.state.counters[counter] ?? 0) + 1;
    this.state.counters[counter] = n;
    this.touch();
    return n;
  }

  list(key: string): Doc[] {
    return Object.values(this.state.collections[key] ?? {});
  }

  get(key: string, id: string): Doc | undefined {
    return this.state.collections[key]?.[id];
  }

  /**
   * Look a resource up by its path relative to baseURI (`machines/m-1`, or an item of a
   * sub-collection `machines/m-1/volumes/mv-1`): the collection key is all but the last segment.
   */
  byPath(path: string): { key: string; id: string; doc: Doc } | undefined {
    const cut = path.lastIndexOf("/");
    if (cut <= 0) return undefined;
    const key = path.slice(0, cut);
    const id = path.slice(cut + 1);
    const doc = id ? this.get(key, id) : undefined;
    return doc ? { key, id, doc } : undefined;
  }

  put(key: string, id: string, doc: Doc): void {
    (this.state.collections[key] ??= {})[id] = doc;
    this.touch();
  }

  remove(key: string, id: string): void {
    delete this.state.collections[key]?.[id];
    delete this.state.hidden[`${key}/${id}`];
    this.touch();
  }

  /** Forget a whole collection (the sub-collection of a removed resource). */
  drop(key: string): void {
    delete this.state.collections[key];
    this.touch();
  }
}
