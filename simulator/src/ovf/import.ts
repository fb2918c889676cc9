// An OVF import (SPEC §15.2, Annex A) as the simulated cloud carries it out: the System first, then
// its networks and volumes, then its machines with their volumes attached and one interface per
// network connection. Every resource is made by its kind's own catalog-driven create and listed in
// the System, so deleting the System deletes all of it.
import { entry, type CatalogEntry } from "../../../provider/src/catalog";
import type { CimiSystemDescription } from "../../../provider/src/ovf";
import type { Ctx } from "../context";
import { badRequest } from "../http";
import { buildResource } from "../create";
import { idPrefix } from "../kinds";
import { addResource } from "../lifecycle";
import type { Doc } from "../store";
import { addComponent, systemState } from "../systems";

/** Everything is checked before anything is made, so a refused import leaves nothing behind. */
export function checkImportable(d: CimiSystemDescription): void {
  if (d.systems.length) throw badRequest(`cannot import: "${d.system.name}" holds nested VirtualSystemCollections (${d.systems.map((s) => s.system.name).join(", ")}), which this cloud does not support`);
}

/** Makes the System and its members; returns its path and the state its import job ends in. */
export function importSystem(ctx: Ctx, d: CimiSystemDescription, source: string): { path: string; finalState: string } {
  checkImportable(d);
  // The cloud's own import is not bound by what it lets consumers send (templates by value).
  const own: Ctx = { ...ctx, config: { ...ctx.config, templateByValue: true } };
  const system = entry("System");
  const built = buildResource(own, system, { ...common(d.system), systemTemplate: { componentDescriptors: [] } });
  const { stored } = addResource(own, system.kind, system.cepKey!, own.store.nextId(idPrefix(system.kind)), built);
  const path = stored.id as string;

  const networks = new Map(d.networks.map((n) => [n.name, addComponent(own, path, "Network", { ...common(n), networkTemplate: { networkConfig: {} } }).id as string]));
  const volumes = new Map(d.volumes.map((v) => [v.name, addComponent(own, path, "Volume", { name: v.name, volumeTemplate: { volumeConfig: { capacity: v.capacity } } }).id as string]));
  const states = d.machines.map((m) => {
    const machine = addComponent(own, path, "Machine", {
      ...common(m),
      machineTemplate: { machineConfig: { cpu: m.cpu, memory: m.memory }, machineImage: { name: `${m.name} (OVF)`, imageLocation: source } },
    });
    const at = machine.id as string;
    m.volumes.forEach((name, i) => addChild(own, entry("MachineVolume"), at, { volume: { href: volumes.get(name) }, initialLocation: `/dev/vd${String.fromCharCode(98 + i)}` }));
    for (const name of m.networkInterfaces) addChild(own, entry("MachineNetworkInterface"), at, { network: { href: networks.get(name) } });
    return String(machine.state);
  });
  return { path, finalState: systemState(states) };
}

const common = (x: { name: string; description?: string; properties?: Record<string, string> }): Doc => ({
  name: x.name,
  ...(x.description !== undefined && { description: x.description }),
  ...(x.properties && { properties: x.properties }),
});

/** An item of a machine's sub-collection (an attachment, an interface), made by its kind's own create. */
function addChild(ctx: Ctx, e: CatalogEntry, machinePath: string, body: Doc): void {
  const key = `${machinePath}/${e.parent!.collection}`;
  addResource(ctx, e.kind, key, ctx.store.nextId(idPrefix(e.kind)), buildResource(ctx, e, body));
}
