// An OVF export (SPEC §15.1) as the simulated cloud carries it out: the System as it is now (its
// machines with their hardware, attached volumes and connected networks, plus every volume and
// network used by them) described for the ovf module, which writes the envelope. A package goes
// either to a file:// destination inside the export folder or into the store, served by GET.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import {
  safeRelativeHref,
  type CimiMachineDescription,
  type CimiNetworkDescription,
  type CimiSystemDescription,
  type CimiVolumeDescription,
} from "../../../provider/src/ovf";
import type { Ctx } from "../context";
import { badRequest } from "../http";
import type { Doc } from "../store";

export function describeSystem(ctx: Ctx, systemPath: string): CimiSystemDescription {
  const doc = ctx.store.byPath(systemPath)!.doc;
  const volumes = new Map<string, CimiVolumeDescription>();
  const networks = new Map<string, CimiNetworkDescription>();
  const member = (collection: string, attr: string): Doc[] => refs(ctx, ctx.store.list(`${systemPath}/${collection}`), attr);
  const volume = (v: Doc) => volumes.set(v.id as string, { name: String(v.name), capacity: Number(v.capacity ?? 0) }).get(v.id as string)!.name;
  const network = (n: Doc) => networks.set(n.id as string, { name: String(n.name), ...text("description", n) }).get(n.id as string)!.name;
  // Members first, so that they keep the system's order; then what its machines use besides.
  member("volumes", "volume").forEach(volume);
  member("networks", "network").forEach(network);
  const machines = member("machines", "machine").map(
    (m): CimiMachineDescription => ({
      name: String(m.name),
      ...text("description", m),
      cpu: Number(m.cpu ?? 1),
      memory: Number(m.memory ?? 0),
      disks: [],
      volumes: refs(ctx, ctx.store.list(`${m.id}/volumes`), "volume").map(volume),
      networkInterfaces: refs(ctx, ctx.store.list(`${m.id}/networkInterfaces`), "network").map(network),
      ...(m.properties ? { properties: m.properties as Record<string, string> } : {}),
    }),
  );
  return {
    system: { name: String(doc.name ?? systemPath), ...text("description", doc), ...(doc.properties ? { properties: doc.properties as Record<string, string> } : {}) },
    machines,
    volumes: [...volumes.values()],
    networks: [...networks.values()],
    systems: [],
  };
}

const text = (key: "description", d: Doc): { description?: string } => (typeof d[key] === "string" && d[key] ? { [key]: d[key] as string } : {});

/** The documents the items of a collection refer to through `attr` (items without one are skipped). */
function refs(ctx: Ctx, items: Doc[], attr: string): Doc[] {
  return items.flatMap((i) => {
    const href = (i[attr] as Doc | undefined)?.href;
    const found = typeof href === "string" ? ctx.store.byPath(href) : undefined;
    return found ? [found.doc] : [];
  });
}

/**
 * Writes a package to a `file://` destination, which must lie inside the export folder: the path
 * is checked like a package's own file references (no `..`, nothing absolute once relative to the
 * folder), and again after symbolic links are followed.
 */
export function writeToDestination(ctx: Ctx, destination: string, text: string): void {
  const folder = ctx.config.exportDir;
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    throw badRequest(`destination "${destination}" is not an absolute URI`);
  }
  if (url.protocol !== "file:") {
    throw badRequest(`destination ${destination} is refused: this cloud writes packages to file:// URLs inside ${folder}, or serves them itself when no destination is given`);
  }
  const target = fileURLToPath(url);
  const relative = path.relative(folder, target).split(path.sep).join("/");
  if (path.isAbsolute(relative) || safeRelativeHref(relative) !== relative) {
    throw badRequest(`destination ${destination} is refused: it is outside the export folder ${folder}`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const real = path.join(fs.realpathSync(path.dirname(target)), path.basename(target));
  if (!real.startsWith(fs.realpathSync(folder) + path.sep) || (fs.existsSync(real) && fs.lstatSync(real).isSymbolicLink())) {
    throw badRequest(`destination ${destination} is refused: it leads out of the export folder ${folder} through a symbolic link`);
  }
  fs.writeFileSync(real, text);
}
