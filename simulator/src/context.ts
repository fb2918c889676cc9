// What every handler gets: the parsed request and the simulator's state and settings.
import type { IncomingHttpHeaders } from "node:http";
import type { Links } from "./links";
import type { Reply } from "./http";
import type { Store } from "./store";
import type { Faults } from "./faults";
import type { BodyRecorder } from "./recorder";
import type { Completion, FormatName, UriStyle } from "./options";

/** How this simulated cloud behaves (see options.ts); jobDurationMs and completion change at run time. */
export interface SimConfig {
  /** The profile the settings came from, when one was named. */
  profile?: string;
  jobDurationMs: number;
  completion: Completion;
  /** false: refuse templates given by value, and say so in ResourceMetadata (MachineTemplateByValue). */
  templateByValue: boolean;
  /** `Kind.attribute` -> whether a consumer may change it in place, where this cloud differs from the catalog. */
  mutable: Record<string, boolean>;
  /** Kind -> the states a new resource may start in (InitialStates), where not every desired state. */
  initialStates: Record<string, string[]>;
  /** Encodings served; the first is the one used when the client does not say. */
  formats: FormatName[];
  uris: UriStyle;
  strictContentType: boolean;
  sloppy: boolean;
  /** Folder that System exports may write `file://` packages into (SPEC §15.1); nothing outside it. */
  exportDir: string;
}

export interface Ctx {
  store: Store;
  config: SimConfig;
  links: Links;
  now: Date;
  faults: Faults;
  recorder: BodyRecorder;
}

export interface Req {
  method: string;
  /** Path segments after `/cimi/`. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Most handlers answer at once; an import waits for its package to be read. */
export type Handler = (req: Req, params: Record<string, string>, ctx: Ctx) => Reply | Promise<Reply>;
