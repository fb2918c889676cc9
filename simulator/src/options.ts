// Simulator options: one zod schema for what a profile file or a caller may set, profiles loaded by
// name or path, and every default assigned in one place. Order of precedence: explicit option,
// then profile, then DEFAULTS.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as z from "zod";
import type { SimConfig } from "./context";
import { catalog, mutabilityOf } from "../../provider/src/catalog";

export const FORMATS = ["json", "xml"] as const;
export type FormatName = (typeof FORMATS)[number];

/**
 * How mutating calls report completion (SPEC §7.1):
 * - `jobs`: 202 + CIMI-Job-URI + Location, the Job as body;
 * - `created-running`: StratusLab style, create answers 201 + Location + the new resource +
 *   CIMI-Job-URI of a Job still running; other calls 202 + CIMI-Job-URI;
 * - `none`: no Jobs at all (Deltacloud style), 202 + Location and clients poll the resource.
 */
export const COMPLETIONS = ["jobs", "created-running", "none"] as const;
export type Completion = (typeof COMPLETIONS)[number];

export type UriStyle = "absolute" | "relative";

/** Behaviour a profile may set; callers may set it too, overriding the profile. */
const behaviour = {
  formats: z
    .array(z.enum(FORMATS))
    .min(1)
    .refine((a) => new Set(a).size === a.length, "formats must not repeat"),
  completion: z.enum(COMPLETIONS),
  uris: z.enum(["absolute", "relative"]),
  strictContentType: z.boolean(),
  sloppy: z.boolean(),
  jobDurationMs: z.number().int().min(0),
  templateByValue: z.boolean(),
  user: z.string().min(1),
  password: z.string().min(1),
  token: z.string().min(1).regex(/^[A-Za-z0-9._~+/-]+=*$/, "token must be a bearer token (RFC 6750 token68 characters)"),
  tls: z.boolean(),
  clientCert: z.boolean(),
  /** Kind -> the states a new resource may start in (its InitialStates capability), where not every desired state. */
  initialStates: z.record(z.string(), z.array(z.string()).min(1)).superRefine((m, ctx) => {
    for (const [kind, states] of Object.entries(m)) {
      const known = Object.keys(catalog.find((x) => x.kind === kind)?.desiredState?.actions ?? {});
      if (!known.length) ctx.addIssue({ code: "custom", path: [kind], message: `${kind} has no desired state to start in` });
      for (const st of states.filter((x) => !known.includes(x))) ctx.addIssue({ code: "custom", path: [kind], message: `${st} is not a state of ${kind} (${known.join(", ")})` });
    }
  }),
  /** `Kind.attribute` -> whether a consumer may change it in place, where this cloud differs from the catalog. */
  mutable: z.record(z.string(), z.boolean()).superRefine((m, ctx) => {
    for (const key of Object.keys(m)) {
      const problem = mutabilityKeyProblem(key);
      if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
    }
  }),
};

/** Why `Kind.attribute` names nothing this cloud could make mutable or immutable, if it does not. */
function mutabilityKeyProblem(key: string): string | undefined {
  const [kind, attr, ...rest] = key.split(".");
  const e = catalog.find((x) => x.kind === kind);
  if (!e || !attr || rest.length) return `must be Kind.attribute of a catalog kind, e.g. AddressTemplate.ip`;
  const attrs = Object.keys(mutabilityOf(e));
  if (!attrs.includes(attr)) return `${kind} has no attribute "${attr}" a consumer sets (${attrs.join(", ")})`;
  return undefined;
}

/** A profile file: behaviour plus a description; unknown keys are refused (a typo would be silent). */
export const profileSchema = z
  .object({ description: z.string(), ...behaviour })
  .partial()
  .strict();
export type Profile = z.infer<typeof profileSchema>;

const optionsSchema = z
  .object({
    ...behaviour,
    profile: z.string().min(1),
    port: z.number().int().min(0).max(65535),
    host: z.string(),
    stateFile: z.string().min(1),
    tlsDir: z.string().min(1),
    /** Folder System exports may write file:// packages into; default: exports/ beside the state file, else a temporary folder. */
    exportDir: z.string().min(1),
    /** Old spelling of `completion`: `jobs: false` is `completion: "none"`. */
    jobs: z.boolean(),
  })
  .partial()
  .strict();
export type SimulatorOptions = z.input<typeof optionsSchema>;

export const DEFAULT_JOB_DURATION_MS = 1000;

export const DEFAULTS = {
  formats: ["json", "xml"] as FormatName[],
  completion: "jobs" as Completion,
  uris: "absolute" as UriStyle,
  strictContentType: false,
  sloppy: false,
  jobDurationMs: DEFAULT_JOB_DURATION_MS,
  templateByValue: true,
  mutable: {} as Record<string, boolean>,
  initialStates: {} as Record<string, string[]>,
  tls: false,
  clientCert: false,
  port: 0,
  host: "127.0.0.1",
};

/** Options resolved: the cloud's behaviour, and how it is reached. */
export interface Resolved {
  config: SimConfig;
  basic?: { user: string; password: string };
  token?: string;
  tls: boolean;
  clientCert: boolean;
  tlsDir?: string;
  port: number;
  host: string;
  stateFile?: string;
}

// Compiled to dist/simulator/src/; the profiles stay in simulator/profiles (package.json "files").
export const PROFILE_DIR = path.resolve(__dirname, "..", "..", "..", "simulator", "profiles");

/** Names of the shipped profiles. */
export function profileNames(): string[] {
  return fs.existsSync(PROFILE_DIR)
    ? fs.readdirSync(PROFILE_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -".json".length)).sort()
    : [];
}

const looksLikePath = (s: string) => s.includes("/") || s.includes(path.sep) || s.endsWith(".json");

/** A profile by shipped name or by path to a JSON file. */
export function loadProfile(nameOrPath: string): Profile {
  const file = looksLikePath(nameOrPath) ? path.resolve(nameOrPath) : path.join(PROFILE_DIR, `${nameOrPath}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(`cimi-simulator: no profile "${nameOrPath}" (shipped profiles: ${profileNames().join(", ")}; or give a path to a .json file)`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`cimi-simulator: profile ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`cimi-simulator: profile ${file}: ${issues(parsed.error)}`);
  return parsed.data;
}

function issues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? `"${i.path.join(".")}": ` : ""}${i.message}`).join("; ");
}

/** The explicit `completion`, else the old `jobs` flag applied to the profile's or default one. */
function completionOf(explicit: Completion | undefined, jobs: boolean | undefined, base: Completion): Completion {
  if (explicit !== undefined && jobs !== undefined && (explicit === "none") === jobs) {
    throw new Error(`cimi-simulator: jobs: ${jobs} contradicts completion: "${explicit}" (give completion only)`);
  }
  if (explicit !== undefined) return explicit;
  if (jobs === false) return "none";
  return jobs === true && base === "none" ? "jobs" : base;
}

/** Check the options, load the profile, and apply explicit options over it and defaults under it. */
export function resolveOptions(options: SimulatorOptions = {}): Resolved {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const parsed = optionsSchema.safeParse(defined);
  if (!parsed.success) throw new Error(`cimi-simulator: invalid option ${issues(parsed.error)}`);
  const { profile: profileName, jobs, ...explicit } = parsed.data;
  const { description: _description, ...profile } = profileName ? loadProfile(profileName) : {};
  const o = { ...DEFAULTS, ...profile, ...explicit };
  o.completion = completionOf(explicit.completion, jobs, profile.completion ?? DEFAULTS.completion);

  if ((o.user === undefined) !== (o.password === undefined)) throw new Error("cimi-simulator: give both user and password, or neither");
  if (o.clientCert && !o.tls) throw new Error("cimi-simulator: clientCert needs tls");
  if (o.tlsDir !== undefined && !o.tls) throw new Error("cimi-simulator: tlsDir needs tls");
  return {
    config: {
      ...(profileName !== undefined ? { profile: profileName } : {}),
      jobDurationMs: o.jobDurationMs,
      completion: o.completion,
      templateByValue: o.templateByValue,
      mutable: o.mutable,
      initialStates: o.initialStates,
      formats: o.formats,
      uris: o.uris,
      strictContentType: o.strictContentType,
      sloppy: o.sloppy,
      exportDir: path.resolve(o.exportDir ?? (o.stateFile ? path.join(path.dirname(o.stateFile), "exports") : path.join(os.tmpdir(), "cimi-simulator-exports"))),
    },
    basic: o.user !== undefined ? { user: o.user, password: o.password as string } : undefined,
    token: o.token,
    tls: o.tls,
    clientCert: o.clientCert,
    tlsDir: o.tlsDir,
    port: o.port,
    host: o.host,
    stateFile: o.stateFile,
  };
}

const runtimeSchema = z.object({ jobDurationMs: behaviour.jobDurationMs, completion: behaviour.completion, jobs: z.boolean() }).partial().strict();

/** What PUT /_sim/config may change at run time, checked; a message when the body is wrong. */
export function parseRuntimeConfig(body: unknown, current: Completion): { jobDurationMs?: number; completion?: Completion } | string {
  const parsed = runtimeSchema.safeParse(body);
  if (!parsed.success) return `config: ${issues(parsed.error)}`;
  const { jobs, completion, jobDurationMs } = parsed.data;
  try {
    const next = completionOf(completion, jobs, current);
    return { ...(jobDurationMs !== undefined ? { jobDurationMs } : {}), ...(next !== current ? { completion: next } : {}) };
  } catch (e) {
    return (e as Error).message;
  }
}
