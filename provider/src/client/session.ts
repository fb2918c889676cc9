// A session with one CIMI endpoint: discovery once, then reads and mutating calls that are all
// completed by the one completion routine.
import type { Codec, Doc } from "./codec";
import { jsonCodec } from "./codec";
import { HttpTransport, TransportError, TRANSPORT_DEFAULTS, type Credentials, type HttpResponse } from "./http";
import { readCloudEntryPoint, resolveAgainst, findOperation, operationRel, type Discovery } from "./discovery";
import { complete, DEFAULT_POLL, type Intent, type Outcome, type PollPolicy } from "./completion";
import {
  CimiCodecError,
  CimiDiscoveryError,
  CimiError,
  CimiHttpError,
  CimiJobFailedError,
  CimiNetworkError,
  CimiStateError,
  CimiTimeoutError,
  redact,
} from "./errors";
import type { StateGroups } from "../catalog/types";
import { actionURI } from "../catalog/types";

export interface EndpointConfig {
  /** Cloud Entry Point URL. */
  endpoint: string;
  credentials?: Credentials;
  poll?: Partial<PollPolicy>;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  maxBodyBytes?: number;
}

export interface MutationOptions {
  /** What the caller is doing, for messages: `create Machine "web"`. */
  operation: string;
  states?: StateGroups;
  expectState?: string;
  deadline: number;
  onProgress?(message: string): void;
}

export class Session {
  readonly endpoint: string;
  private readonly transport: HttpTransport;
  private readonly codec: Codec = jsonCodec;
  private readonly poll: PollPolicy;
  private discovery?: Promise<Discovery>;
  /** Collection href -> its `add` href; read once per session. */
  private readonly addHrefs = new Map<string, string>();

  constructor(config: EndpointConfig) {
    this.endpoint = stripCredentials(config.endpoint);
    this.poll = { ...DEFAULT_POLL, ...config.poll };
    this.transport = new HttpTransport({
      origin: new URL(this.endpoint).origin,
      credentials: config.credentials ?? { kind: "none" },
      connectTimeoutMs: config.connectTimeoutMs ?? TRANSPORT_DEFAULTS.connectTimeoutMs,
      readTimeoutMs: config.readTimeoutMs ?? TRANSPORT_DEFAULTS.readTimeoutMs,
      maxBodyBytes: config.maxBodyBytes ?? TRANSPORT_DEFAULTS.maxBodyBytes,
    });
  }

  /** Reads the Cloud Entry Point once per session. */
  discover(): Promise<Discovery> {
    this.discovery ??= this.getRequired(this.endpoint, "read the Cloud Entry Point").then((cep) =>
      readCloudEntryPoint(cep, this.endpoint),
    );
    this.discovery.catch(() => (this.discovery = undefined));
    return this.discovery;
  }

  async resolve(href: string): Promise<string> {
    return resolveAgainst((await this.discover()).baseURI, href);
  }

  async collectionHref(cepKey: string): Promise<string> {
    const d = await this.discover();
    const href = d.collections[cepKey];
    if (!href) {
      throw new CimiDiscoveryError(`this cloud offers no "${cepKey}" collection in its Cloud Entry Point`, {
        endpoint: this.endpoint,
      });
    }
    return href;
  }

  /** GET a document; `undefined` on 404. `operation` says why, for messages. */
  async get(href: string, operation = `GET ${href}`): Promise<Doc | undefined> {
    const res = await this.send("GET", href, operation);
    if (res.status === 404 || res.status === 410) return undefined;
    this.check(res, operation);
    return this.parse(res, operation) ?? {};
  }

  async getRequired(href: string, operation: string): Promise<Doc> {
    const doc = await this.get(href, operation);
    if (!doc) throw new CimiHttpError(`not found`, { endpoint: this.endpoint, operation: `${operation} (GET ${href})`, status: 404 });
    return doc;
  }

  /** Items of a collection; items given only by href are read one by one. */
  async items(collectionHref: string, member: string): Promise<Doc[]> {
    const coll = await this.getRequired(collectionHref, `list ${member}`);
    return this.itemsOf(coll, member);
  }

  async itemsOf(coll: Doc, member?: string): Promise<Doc[]> {
    const key = member ?? Object.keys(coll).find((k) => Array.isArray(coll[k]) && k !== "operations");
    const list = key && Array.isArray(coll[key]) ? (coll[key] as Doc[]) : [];
    const out: Doc[] = [];
    for (const item of list) out.push(await this.expand(item));
    return out;
  }

  /** A reference as a full document: itself when already expanded, else read. */
  async expand(ref: Doc): Promise<Doc> {
    const keys = Object.keys(ref);
    if (typeof ref.href === "string" && keys.every((k) => k === "href")) {
      return (await this.get(await this.resolve(ref.href))) ?? {};
    }
    return ref;
  }

  /** POST a create request to a collection's `add` operation and wait until the new resource is ready. */
  async create(cepKey: string, body: Doc, typeName: string, opts: MutationOptions): Promise<Outcome & { kind: "done" }> {
    const add = await this.addHref(cepKey, opts.operation);
    return this.mutate("create", "POST", add, opts, this.codec.serialize(body, typeName));
  }

  private async addHref(cepKey: string, operation: string): Promise<string> {
    const collHref = await this.collectionHref(cepKey);
    const known = this.addHrefs.get(collHref);
    if (known) return known;
    const add = findOperation(await this.getRequired(collHref, operation), "add");
    if (!add) {
      throw new CimiDiscoveryError(`the ${cepKey} collection offers no "add" operation: this cloud does not let you create here`, {
        endpoint: this.endpoint,
        operation,
      });
    }
    const href = await this.resolve(add);
    this.addHrefs.set(collHref, href);
    return href;
  }

  /** Full PUT of a document to its `edit` operation. */
  async update(doc: Doc, body: Doc, typeName: string, opts: MutationOptions): Promise<Outcome & { kind: "done" }> {
    const edit = this.operation(doc, "edit", opts);
    return this.mutate("update", "PUT", await this.resolve(edit), { ...opts }, this.codec.serialize(body, typeName), doc);
  }

  /** POST an Action to one of the document's operations. */
  async action(doc: Doc, name: string, params: Doc, opts: MutationOptions): Promise<Outcome & { kind: "done" }> {
    const href = this.operation(doc, name, opts);
    const rel = operationRel(doc, name)!;
    const action = rel.includes("://") ? rel : actionURI(name);
    return this.mutate("action", "POST", await this.resolve(href), opts, this.codec.serialize({ action, ...params }, "Action"), doc);
  }

  async delete(doc: Doc, opts: MutationOptions): Promise<Outcome & { kind: "done" }> {
    const href = this.operation(doc, "delete", opts);
    return this.mutate("delete", "DELETE", await this.resolve(href), opts, undefined, doc);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private operation(doc: Doc, name: string, opts: MutationOptions): string {
    const href = findOperation(doc, name);
    if (!href) {
      const offered = (Array.isArray(doc.operations) ? (doc.operations as Doc[]) : []).map((o) => String(o.rel).split("/").pop());
      throw new CimiDiscoveryError(
        `${doc.id ?? "the resource"} does not offer the "${name}" operation now (offered: ${offered.join(", ") || "none"})`,
        { endpoint: this.endpoint, operation: opts.operation, lastState: typeof doc.state === "string" ? doc.state : undefined },
      );
    }
    return href;
  }

  private async mutate(
    intent: Intent,
    method: "POST" | "PUT" | "DELETE",
    url: string,
    opts: MutationOptions,
    body?: string,
    target?: Doc,
  ): Promise<Outcome & { kind: "done" }> {
    const res = await this.send(method, url, opts.operation, body);
    this.check(res, opts.operation);
    const d = await this.discover();
    const outcome = await complete(
      { status: res.status, headers: res.headers, doc: this.parse(res, opts.operation) },
      {
        intent,
        target: typeof target?.id === "string" ? resolveAgainst(d.baseURI, target.id) : undefined,
        states: opts.states,
        expectState: opts.expectState,
        fetch: (href) => this.get(href),
        resolve: (href) => resolveAgainst(d.baseURI, href),
        now: Date.now,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        deadline: opts.deadline,
        poll: this.poll,
        onProgress: opts.onProgress,
      },
    );
    if (outcome.kind === "done") return outcome;
    const details = {
      endpoint: this.endpoint,
      operation: opts.operation,
      jobHref: typeof outcome.job?.id === "string" ? outcome.job.id : undefined,
      returnCode: typeof outcome.job?.returnCode === "number" ? outcome.job.returnCode : undefined,
      resourceHref: outcome.href,
    };
    if (outcome.kind === "timeout") {
      throw new CimiTimeoutError(`gave up waiting for ${outcome.waitingFor}`, { ...details, lastState: outcome.lastState });
    }
    if (outcome.job) throw new CimiJobFailedError(`the job failed`, { ...details, serverMessage: outcome.message });
    throw new CimiStateError(outcome.message, { ...details, lastState: outcome.doc?.state as string | undefined });
  }

  private async send(method: "GET" | "POST" | "PUT" | "DELETE", url: string, operation: string, body?: string): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: this.codec.mediaType };
    if (body !== undefined) headers["content-type"] = this.codec.mediaType;
    try {
      return await this.transport.send({ method, url, headers, body });
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      const details = { endpoint: this.endpoint, operation, cause: e.cause ?? e };
      throw e.kind === "network" ? new CimiNetworkError(e.message, details) : new CimiCodecError(e.message, details);
    }
  }

  private check(res: HttpResponse, operation: string): void {
    if (res.status < 400) return;
    throw new CimiHttpError(`the server refused the request`, {
      endpoint: this.endpoint,
      operation,
      status: res.status,
      serverMessage: errorMessage(res),
    });
  }

  private parse(res: HttpResponse, operation: string): Doc | undefined {
    try {
      return this.codec.parse(res.body);
    } catch (e) {
      throw new CimiCodecError((e as Error).message, { endpoint: this.endpoint, operation, status: res.status });
    }
  }
}

/** The server's words from an error body: a Job's statusMessage, a `message`, or the raw text (SPEC §9). */
export function errorMessage(res: HttpResponse): string | undefined {
  const text = res.body.trim();
  if (!text) return undefined;
  try {
    const doc = JSON.parse(text) as Doc;
    for (const key of ["statusMessage", "message", "error"]) {
      if (typeof doc[key] === "string" && doc[key]) return doc[key] as string;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const xml = /<(?:statusMessage|message)>([^<]*)</.exec(text);
  return (xml ? xml[1] : text).slice(0, 500);
}

function stripCredentials(url: string): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return redact(u.toString());
}
