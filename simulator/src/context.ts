// What every handler gets: the parsed request and the simulator's state and settings.
import type { IncomingHttpHeaders } from "node:http";
import type { Links } from "./links";
import type { Reply } from "./http";
import type { Store } from "./store";
import type { Faults } from "./faults";

export interface SimConfig {
  jobDurationMs: number;
  /** false: behave like a cloud without Jobs (202 + Location only; clients poll the state). */
  jobs: boolean;
  /** false: refuse templates given by value, and say so in ResourceMetadata (MachineTemplateByValue). */
  templateByValue: boolean;
}

export interface Ctx {
  store: Store;
  config: SimConfig;
  links: Links;
  now: Date;
  faults: Faults;
}

export interface Req {
  method: string;
  /** Path segments after `/cimi/`. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Req, params: Record<string, string>, ctx: Ctx) => Reply;
