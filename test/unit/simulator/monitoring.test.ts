// The simulator's monitoring on its own store: periodic samples taken lazily when a meter is read,
// and purged beyond what a meter keeps.
import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { Store } = dist("simulator/src/store.js");
const { watch, catchUp, setState } = dist("simulator/src/monitoring.js");

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

function machine(state: string) {
  const store = Store.open(undefined, T0);
  const doc: Record<string, unknown> = { id: "machines/m-1", name: "vm", state, memory: 2048 };
  Object.assign(doc, watch(store, "Machine", "machines/m-1", doc, T0.toISOString()));
  store.put("machines", "m-1", doc);
  const meter = (aspect: string) => store.list("meters").find((m: any) => m.aspect.endsWith(`/${aspect}`)).id as string;
  const samples = (aspect: string) => store.list(`${meter(aspect)}/samples`).map((x: any) => [x.sample.timestamp, x.sample.value]);
  return { store, doc, meter, samples };
}

describe("simulator monitoring", () => {
  it("takes a sample every sampleInterval since the last one, valued by the resource's state then", () => {
    const { store, doc, meter, samples } = machine("STARTED");
    catchUp(store, meter("memory"), at(59));
    expect(samples("memory")).toEqual([[T0.toISOString(), "2048"]]);
    catchUp(store, meter("memory"), at(130));
    expect(samples("memory").map(([t]: string[]) => t)).toEqual([T0, at(60), at(120)].map((d) => d.toISOString()));
    setState(store, "machines/m-1", doc, "STOPPED", at(150).toISOString());
    catchUp(store, meter("memory"), at(215));
    expect(samples("memory").slice(-2)).toEqual([[at(150).toISOString(), "0"], [at(210).toISOString(), "0"]]);
    // Reading one meter samples that meter only.
    expect(samples("cpu")).toHaveLength(2);
  });

  it("keeps the latest 500 samples of a meter", () => {
    const { store, meter, samples } = machine("STARTED");
    catchUp(store, meter("cpu"), at(60 * 2000));
    const kept = samples("cpu");
    expect(kept).toHaveLength(500);
    expect(kept[kept.length - 1][0]).toBe(at(60 * 2000).toISOString());
  });

  it("monitors nothing of kinds it does not know", () => {
    const store = Store.open(undefined, T0);
    expect(watch(store, "MachineImage", "machineImages/x", {}, T0.toISOString())).toEqual({});
    expect(store.list("meters")).toEqual([]);
  });
});
