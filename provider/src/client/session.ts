// A session with one CIMI endpoint: discovery once, then reads and mutating calls that are all
// completed by the one completion routine.
import { randomUUID } from "node:crypto";
import type { Codec, Doc } from "./codec";
import { HttpTransport, TransportError, TRANSPORT_DEFAULTS, type Credentials, type HttpResponse, type TlsOptions } from "./http";
import { acceptFor, codecOf, responseCodec, type Format } from "./negotiate";
import { readCloudEntryPoint, resolveAgainst, findOperation, operationRel, type Discovery } from "./discovery";
import { backoff, DEFAULT_RETRY, retryDelay, type RetryPolicy } from "./retry";
import { withQuery, type QueryOptions } from "./query";
import { metadataOf, type TypeMetadata } from "./metadata";
import { complete, numberOf, DEFAULT_POLL, type Intent, type Outcome, type PollPolicy, type Reply } from "./completion";
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
import { actionURI, typeURI } from "../catalog/types";

export interface EndpointConfig {
  /** Cloud Entry Point URL. */
  endpoint: string;
  credentials?: Credentials;
  /** Encoding to speak (default `auto`: whatever the Cloud Entry Point answers in). */
  format?: Format;
  /** Extra headers sent with every request to the endpoint's origin. */
  headers?: Record<string, string>;
  tls?: TlsOptions;
  poll?: Partial<PollPolicy>;
  retry?: Partial<RetryPolicy>;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  maxBodyBytes?: number;
}

export interface MutationOptions {
  /** What the caller is doing, for messages: `create Machine "web"`. */
  operation: string;
  /** Where the deadline comes from, for messages: `timeouts.create = 10m`. */
  limit?: string;
  states?: StateGroups;
  expectState?: string;
  deadline: number;
  onProgress?(message: string): void;
}

/** A finished mutation; `location` is the reply's Location header (an export's package, SPEC §15.1). */
export type Done = Outcome & { kind: "done"; location?: string };

export class Session {
  readonly endpoint: string;
  private readonly transport: HttpTransport;
  private readonly format: Format;
  /** Encoding of request bodies; for `auto`, settled by the Cloud Entry Point's answer. */
  private codec: Codec;
  private negotiated: boolean;
  /** Known once the Cloud Entry Point is read: every href read afterwards is made absolute with it. */
  private baseURI?: string;
  private readonly poll: PollPolicy;
  private readonly retry: RetryPolicy;
  /** How requests authenticate, for messages (never the secret itself). */
  private readonly authText: string;
  private discovery?: Promise<Discovery>;
  /** Type name -> what its ResourceMetadata says; read once per session. */
  private readonly metadataCache = new Map<string, Promise<TypeMetadata>>();
  private metadataEntries?: Promise<Doc[]>;
  /** Collection href -> its `add` href; read once per session. */
  private readonly addHrefs = new Map<string, string>();

  constructor(config: EndpointConfig) {
    this.endpoint = stripCredentials(config.endpoint);
    this.poll = { ...DEFAULT_POLL, ...config.poll };
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.format = config.format ?? "auto";
    this.codec = codecOf(this.format === "auto" ? "json" : this.format);
    this.negotiated = this.format !== "auto";
    const c = config.credentials ?? { kind: "none" };
    this.authText =
      c.kind === "basic" ? `sent HTTP Basic as user "${c.username}"` : c.kind === "bearer" ? "sent a bearer token" : "sent no credentials";
    this.transport = new HttpTransport({
      origin: new URL(this.endpoint).origin,
      credentials: config.credentials ?? { kind: "none" },
      headers: config.headers,
      tls: config.tls,
      connectTimeoutMs: config.connectTimeoutMs ?? TRANSPORT_DEFAULTS.connectTimeoutMs,
      readTimeoutMs: config.readTimeoutMs ?? TRANSPORT_DEFAULTS.readTimeoutMs,
      maxBodyBytes: config.maxBodyBytes ?? TRANSPORT_DEFAULTS.maxBodyBytes,
    });
  }

  /** Reads the Cloud Entry Point once per session. */
  discover(): Promise<Discovery> {
    this.discovery ??= this.readEntryPoint();
    this.discovery.catch(() => (this.discovery = undefined));
    return this.discovery;
  }

  private async readEntryPoint(): Promise<Discovery> {
    const operation = "read the Cloud Entry Point";
    const res = await this.send("GET", this.endpoint, operation);
    this.check(res, operation);
    // `auto`: from now on, write in the encoding the cloud answered in.
    if (!this.negotiated) this.codec = responseCodec(res.headers["content-type"], res.body, this.codec);
    this.negotiated = true;
    const found = readCloudEntryPoint(this.parse(res, operation) ?? {}, this.endpoint);
    this.baseURI = found.baseURI;
    return { ...found, cep: absolutize(found.cep, found.baseURI) };
  }

  /** The encoding in use (after discovery, for `auto`). */
  get mediaType(): string {
    return this.codec.mediaType;
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

  /**
   * What the cloud's ResourceMetadata says a type can do (SPEC §13): capability name -> value
   * (`"true"` when it gives none). Empty when the cloud publishes no ResourceMetadata for the type.
   */
  async capabilities(typeName: string): Promise<Record<string, string>> {
    return (await this.metadata(typeName)).capabilities;
  }

  /** The type's capabilities and which of its attributes the cloud says may change in place; read once per session. */
  metadata(typeName: string): Promise<TypeMetadata> {
    let found = this.metadataCache.get(typeName);
    if (!found) {
      found = this.readMetadata(typeName);
      this.metadataCache.set(typeName, found);
      found.catch(() => this.metadataCache.delete(typeName));
    }
    return found;
  }

  private async readMetadata(typeName: string): Promise<TypeMetadata> {
    const href = (await this.discover()).collections.resourceMetadata;
    if (!href) return { capabilities: {}, mutable: {} };
    // One read of the collection serves every type.
    this.metadataEntries ??= this.getRequired(href, `read the ResourceMetadata of ${typeName}`).then((c) => this.itemsOf(c));
    this.metadataEntries.catch(() => (this.metadataEntries = undefined));
    const entries = await this.metadataEntries;
    const uri = typeURI(typeName);
    return metadataOf(entries.find((m) => m.typeURI === uri || m.typeUri === uri || m.name === typeName));
  }

  /** GET a document; `undefined` on 404. `operation` says why, for messages. */
  async get(href: string, operation = `GET ${href}`): Promise<Doc | undefined> {
    // Through discovery: relative hrefs resolve, and what comes back is made absolute.
    const res = await this.send("GET", await this.resolve(href), operation);
    if (res.status === 404 || res.status === 410) return undefined;
    this.check(res, operation);
    return this.parse(res, operation) ?? {};
  }

  async getRequired(href: string, operation: string): Promise<Doc> {
    const doc = await this.get(href, operation);
    if (!doc) throw new CimiHttpError(`not found`, { endpoint: this.endpoint, operation: `${operation} (GET ${href})`, status: 404 });
    return doc;
  }

  /**
   * Every item of a collection matching a query, read page by page with $first/$last. A cloud that
   * ignores paging answers with everything at once, which ends the loop as well.
   */
  async list(collectionHref: string, member: string | undefined, q: Omit<QueryOptions, "first" | "last"> = {}, pageSize = 100): Promise<Doc[]> {
    const out: Doc[] = [];
    for (let first = 1; ; first += pageSize) {
      const page = await this.getRequired(withQuery(collectionHref, { ...q, first, last: first + pageSize - 1 }), `list ${member}`);
      const items = await this.itemsOf(page, member);
      out.push(...items);
      const count = numberOf(page.count) ?? NaN;
      if (items.length < pageSize || items.length > pageSize || (Number.isFinite(count) && out.length >= count)) return out;
    }
  }

  /** The resource of a CEP collection with this name (the first, if several share it). */
  async byName(cepKey: string, member: string, name: string): Promise<Doc | undefined> {
    const found = await this.list(await this.collectionHref(cepKey), member, { filter: [{ attr: "name", value: name }] });
    // A cloud that ignores $filter answers with everything: match here as well.
    return found.find((d) => d.name === name);
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
      return (await this.get(ref.href)) ?? {};
    }
    return ref;
  }

  /** POST a create request to a CEP collection's `add` operation and wait until the new resource is ready. */
  async create(cepKey: string, body: Doc, typeName: string, opts: MutationOptions): Promise<Outcome & { kind: "done" }> {
    return this.createIn(await this.collectionHref(cepKey), body, typeName, opts);
  }

  /**
   * The same for any collection, e.g. a machine's `volumes` sub-collection. The request carries a
   * marker property; if the answer is lost, the collection is searched for that marker before
   * anything is posted again, so a lost answer never makes a duplicate.
   */
  async createIn(collectionHref: string, body: Doc, typeName: string, opts: MutationOptions): Promise<Outcome & { kind: "done" }> {
    const add = await this.addHref(collectionHref, opts.operation);
    const token = randomUUID();
    const marked: Doc = { ...body, properties: { ...(body.properties as Doc | undefined), [REQUEST_MARKER]: token } };
    const text = this.codec.serialize(marked, typeName);
    const name = typeof body.name === "string" ? body.name : undefined;
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse;
      try {
        res = await this.send("POST", add, opts.operation, text);
      } catch (e) {
        if (!(e instanceof CimiNetworkError) || !e.details.maybeDelivered || attempt > 0) throw e;
        opts.onProgress?.(`the answer to the create request was lost (${e.summary}); looking for what it created`);
        const [made] = await this.findMarked(collectionHref, name, token, opts);
        if (made) return this.await({ status: 202, headers: { location: made } }, { intent: "create", subject: made }, opts);
        continue; // nothing was created: posting again cannot duplicate
      }
      const outcome = await this.completeMutation("create", res, opts);
      // The first request may still have landed after all: keep one resource, delete the others.
      if (attempt > 0 && outcome.href) await this.dropDuplicates(collectionHref, name, token, outcome.href, opts);
      return outcome;
    }
  }

  /** Hrefs of resources of a collection carrying this create marker. */
  private async findMarked(collectionHref: string, name: string | undefined, token: string, opts: MutationOptions): Promise<string[]> {
    const found = await this.list(collectionHref, undefined, name ? { filter: [{ attr: "name", value: name }] } : {});
    const marked = found.filter((d) => (d.properties as Doc | undefined)?.[REQUEST_MARKER] === token && typeof d.id === "string");
    opts.onProgress?.(`${marked.length} resource(s) found carrying the marker of this request`);
    return marked.map((d) => String(d.id)); // documents read are absolute already
  }

  private async dropDuplicates(collectionHref: string, name: string | undefined, token: string, keep: string, opts: MutationOptions): Promise<void> {
    for (const href of await this.findMarked(collectionHref, name, token, opts)) {
      if (href === keep) continue;
      const doc = await this.get(href, opts.operation);
      if (doc) await this.delete(doc, { ...opts, operation: `${opts.operation}: delete the duplicate ${href}` });
    }
  }

  private async addHref(collHref: string, operation: string): Promise<string> {
    const known = this.addHrefs.get(collHref);
    if (known) return known;
    const add = findOperation(await this.getRequired(collHref, operation), "add");
    if (!add) {
      throw new CimiDiscoveryError(`the collection ${collHref} offers no "add" operation: this cloud does not let you create here`, {
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

  /**
   * POST an Action to one of the document's operations. An action that makes a resource (an OVF
   * import, SPEC §15.2) is completed as a create: its outcome's href is the new resource.
   */
  async action(doc: Doc, name: string, params: Doc, opts: MutationOptions, intent: "action" | "create" = "action"): Promise<Done> {
    const href = this.operation(doc, name, opts);
    const rel = operationRel(doc, name)!;
    const action = rel.includes("://") ? rel : actionURI(name);
    return this.mutate(intent, "POST", await this.resolve(href), opts, this.codec.serialize({ action, ...params }, "Action"), doc);
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
  ): Promise<Done> {
    return this.completeMutation(intent, await this.send(method, url, opts.operation, body), opts, target);
  }

  private async completeMutation(intent: Intent, res: HttpResponse, opts: MutationOptions, target?: Doc): Promise<Done> {
    this.check(res, opts.operation);
    const d = await this.discover();
    const targetHref = typeof target?.id === "string" ? resolveAgainst(d.baseURI, target.id) : undefined;
    const header = res.headers["location"];
    const location = header ? resolveAgainst(d.baseURI, header) : undefined;
    // What the operation is about, so that a failure while waiting still names it.
    const subject = intent === "create" ? location : targetHref;
    const reply = { status: res.status, headers: res.headers, doc: this.parse(res, opts.operation) };
    return { ...(await this.await(reply, { intent, target: targetHref, subject }, opts)), ...(location && { location }) };
  }

  /** Waits until a resource is in a stable state (or the expected one), e.g. before acting on it. */
  async awaitState(doc: Doc, opts: MutationOptions): Promise<Doc> {
    const href = await this.resolve(String(doc.id));
    const outcome = await this.await({ status: 202, headers: {} }, { intent: "update", target: href, subject: href }, opts);
    return outcome.doc ?? (await this.getRequired(href, opts.operation));
  }

  /** Waits until a resource that is being deleted is gone. */
  async awaitGone(doc: Doc, opts: MutationOptions): Promise<void> {
    const href = await this.resolve(String(doc.id));
    await this.await({ status: 202, headers: {} }, { intent: "delete", target: href, subject: href }, opts);
  }

  private async await(
    reply: Reply,
    about: { intent: Intent; target?: string; subject?: string },
    opts: MutationOptions,
  ): Promise<Outcome & { kind: "done" }> {
    const d = await this.discover();
    let outcome: Outcome;
    try {
      outcome = await complete(reply, {
        intent: about.intent,
        target: about.target,
        states: opts.states,
        expectState: opts.expectState,
        fetch: (href) => this.pollGet(href, opts),
        resolve: (href) => resolveAgainst(d.baseURI, href),
        now: Date.now,
        sleep,
        deadline: opts.deadline,
        poll: this.poll,
        onProgress: opts.onProgress,
      });
    } catch (e) {
      if (e instanceof CimiError) throw e.with({ resourceHref: about.subject, operation: opts.operation });
      throw e;
    }
    if (outcome.kind === "done") return outcome;
    const details = {
      endpoint: this.endpoint,
      operation: opts.operation,
      jobHref: typeof outcome.job?.id === "string" ? outcome.job.id : undefined,
      returnCode: numberOf(outcome.job?.returnCode),
      resourceHref: outcome.href,
    };
    if (outcome.kind === "timeout") {
      const after = opts.limit ? ` after ${opts.limit}` : "";
      throw new CimiTimeoutError(`gave up${after} waiting for ${outcome.waitingFor}`, { ...details, lastState: outcome.lastState });
    }
    if (outcome.job) throw new CimiJobFailedError(`the job failed`, { ...details, serverMessage: outcome.message });
    throw new CimiStateError(outcome.message, { ...details, lastState: outcome.doc?.state as string | undefined });
  }

  /**
   * A GET while waiting: reads are idempotent, so a lost connection or a busy server is retried
   * with backoff until the deadline rather than failing the whole operation.
   */
  private async pollGet(href: string, opts: MutationOptions): Promise<Doc | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.get(href, opts.operation);
      } catch (e) {
        if (!(e instanceof CimiError) || !e.retryable) throw e;
        const pause = backoff(this.retry, attempt);
        if (Date.now() + pause >= opts.deadline) {
          const after = opts.limit ? ` after ${opts.limit}` : "";
          throw new CimiTimeoutError(`gave up${after}: ${href} could not be read (${e.summary})`, { ...e.details, cause: e });
        }
        opts.onProgress?.(`${e.summary}; retrying`);
        await sleep(pause);
      }
    }
  }

  private async send(method: "GET" | "POST" | "PUT" | "DELETE", url: string, operation: string, body?: string): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: this.negotiated ? this.codec.mediaType : acceptFor(this.format) };
    if (body !== undefined) headers["content-type"] = this.codec.mediaType;
    const req = { method, url, headers, body };
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse | undefined;
      try {
        res = await this.transport.send(req);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        const pause = e.kind === "network" ? retryDelay(this.retry, req, attempt, undefined) : undefined;
        if (pause === undefined) {
          const details = { endpoint: this.endpoint, operation, cause: e.cause ?? e, maybeDelivered: e.maybeDelivered };
          throw e.kind === "network" ? new CimiNetworkError(e.message, details) : new CimiCodecError(e.message, details);
        }
        await sleep(pause);
        continue;
      }
      const pause = retryDelay(this.retry, req, attempt, res);
      if (pause === undefined) return res;
      await sleep(pause);
    }
  }

  private check(res: HttpResponse, operation: string): void {
    if (res.status < 400) return;
    const summary =
      res.status === 401 || res.status === 403
        ? `the server refused the credentials (${this.authText})`
        : res.status >= 500
          ? "the server failed to carry out the request"
          : "the server refused the request";
    throw new CimiHttpError(summary, {
      endpoint: this.endpoint,
      operation,
      status: res.status,
      serverMessage: errorMessage(res),
    });
  }

  private parse(res: HttpResponse, operation: string): Doc | undefined {
    try {
      const doc = responseCodec(res.headers["content-type"], res.body, this.codec).parse(res.body);
      return doc && this.baseURI ? absolutize(doc, this.baseURI) : doc;
    } catch (e) {
      throw new CimiCodecError((e as Error).message, { endpoint: this.endpoint, operation, status: res.status });
    }
  }
}

/** Property a create request carries so that a create whose answer was lost can be found. */
export const REQUEST_MARKER = "pulumi-cimi.request";

/** The server's words from an error body: a Job's statusMessage, a `message`, or the raw text (SPEC §9). */
export function errorMessage(res: HttpResponse): string | undefined {
  const text = res.body.trim();
  if (!text) return undefined;
  try {
    const doc = responseCodec(res.headers["content-type"], text, codecOf("json")).parse(text) ?? {};
    for (const key of ["statusMessage", "message", "error"]) {
      if (typeof doc[key] === "string" && doc[key]) return doc[key] as string;
    }
  } catch {
    // not a CIMI document: fall through to the raw text
  }
  return text.slice(0, 500);
}

/**
 * A document with `id` and every `href` absolute (SPEC §1.1: servers may send them relative to
 * baseURI), so state, outputs and comparisons only ever hold one spelling. Consumer-owned
 * `properties` are left alone.
 */
export function absolutize(doc: Doc, base: string): Doc {
  const resolveOrKeep = (href: string) => {
    try {
      return resolveAgainst(base, href);
    } catch {
      return href;
    }
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === "properties" ? x : (k === "id" || k === "href") && typeof x === "string" && x !== "" ? resolveOrKeep(x) : walk(x);
    }
    return out;
  };
  return walk(doc) as Doc;
}

function stripCredentials(url: string): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return redact(u.toString());
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
