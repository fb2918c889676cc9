// A System as the client reads it, member by member, in a form two Systems can be compared in:
// names, hardware, volume capacities, attachments and network connections (hrefs left out).
export interface SystemShape {
  machines: { name: string; cpu: number; memory: number; volumes: string[]; networks: string[] }[];
  volumes: { name: string; capacity: number }[];
  networks: string[];
}

export async function systemShape(client: any, href: string): Promise<SystemShape> {
  const system = await client.getRequired(href, "read system");
  const members = async (collection: string, attr: string) =>
    Promise.all((await client.itemsOf(await client.getRequired(system[collection].href, "t"))).map((i: any) => client.getRequired(i[attr].href, "t")));
  const names = async (m: any, collection: string, attr: string) =>
    (await Promise.all((await client.itemsOf(await client.getRequired(m[collection].href, "t"))).filter((i: any) => i[attr]).map((i: any) => client.getRequired(i[attr].href, "t")))).map((d: any) => d.name);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const machines = await Promise.all(
    (await members("machines", "machine")).map(async (m: any) => ({
      name: m.name,
      cpu: Number(m.cpu), // sloppy clouds send integers as text
      memory: Number(m.memory),
      volumes: await names(m, "volumes", "volume"),
      networks: await names(m, "networkInterfaces", "network"),
    })),
  );
  return {
    machines: machines.sort(byName),
    volumes: (await members("volumes", "volume")).map((v: any) => ({ name: v.name, capacity: Number(v.capacity) })).sort(byName),
    networks: (await members("networks", "network")).map((n: any) => n.name).sort(),
  };
}

/** The shop fixture (test/fixtures/ovf/shop) as an import must make it. */
export const SHOP: SystemShape = {
  machines: [
    { name: "db", cpu: 4, memory: 8 * 1024 * 1024, volumes: ["db-disk1"], networks: ["frontnet"] },
    { name: "web", cpu: 2, memory: 4 * 1024 * 1024, volumes: ["web-disk1"], networks: ["frontnet"] },
  ],
  volumes: [
    { name: "db-disk1", capacity: 20 * 1024 * 1024 },
    { name: "web-disk1", capacity: 10 * 1024 * 1024 },
  ],
  networks: ["frontnet"],
};

/** How many resources of each kind an import touches the simulator holds. */
export async function counts(client: any): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const key of ["systems", "machines", "volumes", "networks"]) out[key] = (await client.list(await client.collectionHref(key), key)).length;
  return out;
}
