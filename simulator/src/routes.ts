// URL -> handler table for /cimi/... (paths relative to baseURI).
import { entry } from "../../provider/src/catalog";
import type { Handler } from "./context";
import { entryByCepKey, isCepKey, isSubCollection } from "./kinds";
import { JOBS } from "./jobs";
import { CEP_PATH, getCloudEntryPoint } from "./handlers/cep";
import { createInCollection, listCollection } from "./handlers/collections";
import { deleteResource, getResource, putResource } from "./handlers/resources";
import { postAction } from "./handlers/actions";
import { getMetadata, listMetadata, METADATA } from "./handlers/metadata";
import { getJob, listJobs } from "./handlers/jobs";
import { getMachineSub } from "./handlers/network";
import { getPackage, postExport, postImport } from "./handlers/ovf";
import { PACKAGES } from "./ovf/packages";
import { getEvent, getEvents, getMeters, getSamples } from "./handlers/monitoring";
import { EVENTS, isMonitored, METERS_ATTR, SAMPLES } from "./monitoring";

type Seg = string | { param: string; test?: (s: string) => boolean };
export interface Route {
  pattern: Seg[];
  methods: Partial<Record<string, Handler>>;
}

const p = (param: string, test?: (s: string) => boolean): Seg => ({ param, test });
const collection = p("collection", isCepKey);
const machines = p("collection", (s) => s === entry("Machine").cepKey);
const sub = p("sub", isSubCollection);
const systems = p("collection", (s) => s === entry("System").cepKey);
const monitored = p("collection", (s) => isMonitored(entryByCepKey(s)?.kind ?? ""));
const meters = p("collection", (s) => s === entry("Meter").cepKey);
const eventLogs = p("collection", (s) => s === entry("EventLog").cepKey);

export const routes: Route[] = [
  { pattern: [CEP_PATH], methods: { GET: getCloudEntryPoint } },
  { pattern: [JOBS], methods: { GET: listJobs } },
  { pattern: [JOBS, p("id")], methods: { GET: getJob } },
  { pattern: [METADATA], methods: { GET: listMetadata } },
  { pattern: [METADATA, p("id")], methods: { GET: getMetadata } },
  // OVF (SPEC §15), before the generic patterns that would take `import` and `export` as ids and actions.
  { pattern: [systems, "import"], methods: { POST: postImport } },
  { pattern: [systems, p("id"), "export"], methods: { POST: postExport } },
  { pattern: [PACKAGES, p("id")], methods: { GET: getPackage } },
  // Monitoring (SPEC §11.5), before the generic patterns that would take these as sub-collections or actions.
  { pattern: [monitored, p("id"), METERS_ATTR], methods: { GET: getMeters } },
  { pattern: [meters, p("id"), SAMPLES], methods: { GET: getSamples } },
  { pattern: [eventLogs, p("id"), EVENTS], methods: { GET: getEvents } },
  { pattern: [eventLogs, p("id"), EVENTS, p("event")], methods: { GET: getEvent } },
  { pattern: [collection], methods: { GET: listCollection, POST: createInCollection } },
  { pattern: [collection, p("id")], methods: { GET: getResource, PUT: putResource, DELETE: deleteResource } },
  { pattern: [machines, p("id"), p("sub", (s) => s === "disks")], methods: { GET: getMachineSub } },
  // Sub-collections of catalog kinds (a machine's volumes, an interface's addresses) and their items.
  { pattern: [collection, p("parent"), sub], methods: { GET: listCollection, POST: createInCollection } },
  { pattern: [collection, p("parent"), sub, p("id")], methods: { GET: getResource, PUT: putResource, DELETE: deleteResource } },
  { pattern: [collection, p("parent"), sub, p("child"), p("sub2", isSubCollection)], methods: { GET: listCollection, POST: createInCollection } },
  { pattern: [collection, p("parent"), sub, p("child"), p("sub2", isSubCollection), p("id")], methods: { GET: getResource, PUT: putResource, DELETE: deleteResource } },
  { pattern: [collection, p("id"), p("action")], methods: { POST: postAction } },
];

export function matchRoute(segments: string[]): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = route.pattern.every((seg, i) => {
      if (typeof seg === "string") return seg === segments[i];
      if (seg.test && !seg.test(segments[i])) return false;
      params[seg.param] = segments[i];
      return true;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
