// What the simulated cloud records about the resources it runs (SPEC §11.5): each monitored
// resource gets Meters of its aspects, sampled at every state change and every sampleInterval,
// and an EventLog of its model and state changes. All of it goes when the resource goes.
import { CIMI_NS, entry, typeURI } from "../../provider/src/catalog";
import { ASPECT_NS } from "../../provider/src/catalog/monitoring";
import type { Doc, Store } from "./store";

const METERS = entry("Meter").cepKey!;
const LOGS = entry("EventLog").cepKey!;
/** Attributes of a monitored resource (SPEC §5.2) and of meters and logs that hold their items. */
export const METERS_ATTR = "meters";
export const SAMPLES = "samples";
export const EVENTS = "events";
/** Seconds between periodic samples, and how many samples a meter keeps (older ones are purged). */
const SAMPLE_INTERVAL = 60;
const MAX_SAMPLES = 500;

interface Aspect {
  name: string;
  units: string;
  max?: string;
  /** The measured value of a resource now, the `n`-th sample of its meter. */
  value(doc: Doc, n: number): number;
}

const running = (d: Doc) => d.state === "STARTED";
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** Aspects measured for each monitored kind; a kind listed with none still has a log and a meters collection. */
const ASPECTS: Readonly<Record<string, readonly Aspect[]>> = {
  // A started machine's cpu load wanders deterministically; a stopped one uses nothing.
  Machine: [
    { name: "cpu", units: "percent", max: "100", value: (d, n) => (running(d) ? 5 + ((n * 37) % 60) : 0) },
    { name: "memory", units: "kilobytes", value: (d) => (running(d) ? num(d.memory) : 0) },
  ],
  Volume: [{ name: "disk", units: "kilobytes", value: (d) => Math.round(num(d.capacity) / 100) }],
  Network: [{ name: "bandwidth", units: "kilobits per second", value: (d) => (running(d) ? 1000 : 0) }],
  System: [],
};

export const isMonitored = (kind: string): boolean => kind in ASPECTS;

interface Watch {
  kind: string;
  meters: string[];
  log: string;
}

/** What the simulator keeps, hidden, about a monitored resource: its kind, meters and log. */
const watchOf = (store: Store, path: string): Watch | undefined => store.state.hidden[path]?.monitoring as Watch | undefined;

/** Starts monitoring a new resource: its meters and event log, and the attributes that lead to them. */
export function watch(store: Store, kind: string, path: string, doc: Doc, at: string): Doc {
  if (!isMonitored(kind)) return {};
  const label = typeof doc.name === "string" ? doc.name : path.split("/").pop()!;
  // A meter or log, with the sub-collection that holds its samples or events.
  const made = (key: string, prefix: string, items: string, attrs: Doc) => {
    const id = store.nextId(prefix);
    store.put(key, id, { id: `${key}/${id}`, created: at, updated: at, targetResource: { href: path }, ...attrs, [items]: { href: `${key}/${id}/${items}` } });
    return `${key}/${id}`;
  };
  const meters = ASPECTS[kind].map((a) =>
    made(METERS, "mt", SAMPLES, {
      name: `${label}-${a.name}`,
      description: `${a.name} of ${label}`,
      aspect: `${ASPECT_NS}/${a.name}`,
      units: a.units,
      sampleInterval: SAMPLE_INTERVAL,
      timeScope: "Point",
      isContinuous: true,
      minValue: "0",
      ...(a.max ? { maxValue: a.max } : {}),
    }),
  );
  const log = made(LOGS, "el", EVENTS, { name: `${label}-events`, description: `events of ${label}`, persistence: "monthly", summary: { low: 0, medium: 0, high: 0, critical: 0 } });
  store.state.hidden[path] = { ...store.state.hidden[path], monitoring: { kind, meters, log } };
  const all = { ...doc, id: path };
  record(store, path, all, at, "model", { change: "create", detail: `${kind} created` }, "Success", "low");
  sample(store, path, all, at);
  return { [METERS_ATTR]: { href: `${path}/${METERS_ATTR}` }, eventLog: { href: log } };
}

/** Sets a resource's state, logging the change and sampling its meters. */
export function setState(store: Store, path: string, doc: Doc, to: string, at: string): void {
  const from = doc.state;
  doc.state = to;
  store.touch();
  if (from === to || !watchOf(store, path)) return;
  const failed = to === "ERROR" || to === "FAILED";
  record(store, path, doc, at, "state", { state: to, ...(typeof from === "string" ? { previous: from } : {}) }, failed ? "Failure" : "Success", failed ? "high" : "low");
  sample(store, path, doc, at);
}

/** Logs a change of a resource's attributes (an edit). */
export function edited(store: Store, path: string, doc: Doc, at: string): void {
  if (watchOf(store, path)) record(store, path, doc, at, "model", { change: "update", detail: "attributes edited" }, "Success", "low");
}

/** Appends an event to the resource's log, keeping the log's summary by severity current. */
function record(store: Store, path: string, doc: Doc, at: string, type: string, content: Doc, outcome: string, severity: string): void {
  const w = watchOf(store, path);
  const log = w && store.byPath(w.log);
  if (!w || !log) return;
  const key = `${w.log}/${EVENTS}`;
  const id = store.nextId("ev");
  const subject = { resName: typeof doc.name === "string" ? doc.name : path, resource: path, resType: typeURI(w.kind) };
  store.put(key, id, { id: `${key}/${id}`, created: at, updated: at, timestamp: at, type: `${CIMI_NS}/event/${type}`, content: { ...subject, ...content }, outcome, severity });
  const summary = log.doc.summary as Record<string, number>;
  summary[severity] = (summary[severity] ?? 0) + 1;
  log.doc.updated = at;
}

/** Takes one sample of each of the resource's meters (or of the one named). */
function sample(store: Store, path: string, doc: Doc, at: string, only?: string): void {
  const w = watchOf(store, path);
  for (const [i, meter] of (w?.meters ?? []).entries()) {
    if ((only !== undefined && meter !== only) || !store.byPath(meter)) continue;
    const key = `${meter}/${SAMPLES}`;
    const id = store.nextId("s");
    const value = ASPECTS[w!.kind][i].value(doc, store.list(key).length);
    store.put(key, id, { id: `${key}/${id}`, created: at, updated: at, sample: { timestamp: at, value: String(value) } });
    const kept = store.list(key);
    for (const old of kept.slice(0, Math.max(0, kept.length - MAX_SAMPLES))) store.remove(key, String(old.id).split("/").pop()!);
  }
}

/** Periodic samples of a meter due since its last one (taken lazily, when the samples are read). */
export function catchUp(store: Store, meterPath: string, now: Date): void {
  const meter = store.byPath(meterPath);
  const target = (meter?.doc.targetResource as Doc | undefined)?.href;
  const found = typeof target === "string" ? store.byPath(target) : undefined;
  if (!meter || !found) return;
  const samples = store.list(`${meterPath}/${SAMPLES}`);
  const last = samples.length ? Date.parse(String((samples[samples.length - 1].sample as Doc).timestamp)) : now.getTime();
  const step = num(meter.doc.sampleInterval) * 1000;
  const due = step > 0 ? Math.floor((now.getTime() - last) / step) : 0;
  // After a long while unread, only the latest samples a meter keeps are taken.
  for (let k = Math.max(1, due - MAX_SAMPLES + 1); k <= due; k++) sample(store, target as string, found.doc, new Date(last + k * step).toISOString(), meterPath);
}

/** The meters of a monitored resource (its `meters` collection), or undefined when it has none. */
export function metersOf(store: Store, path: string): Doc[] | undefined {
  const w = watchOf(store, path);
  return w?.meters.map((m) => store.byPath(m)?.doc).filter((d): d is Doc => d !== undefined);
}

/**
 * Forgets what monitoring kept about a removed resource: a monitored resource's meters and log
 * (its log is linked to it, SPEC §11.5.5), a meter's samples, a log's events.
 */
export function unwatch(store: Store, path: string, remove: (path: string) => void): void {
  const w = watchOf(store, path);
  if (w) for (const p of [...w.meters, w.log]) remove(p);
  store.drop(`${path}/${SAMPLES}`);
  store.drop(`${path}/${EVENTS}`);
}
