// One error family for everything the client reports. Callers branch on `code`, never on wording.
// Messages name the endpoint, the operation and the server's words, and never carry credentials.

export type Fault = "client" | "server";

export interface CimiErrorDetails {
  /** Cloud Entry Point URL of the endpoint, without credentials. */
  endpoint?: string;
  /** What was being done, e.g. `create Machine`, `GET https://…/machines/m-1`. */
  operation?: string;
  status?: number;
  /** The server's or the Job's own message. */
  serverMessage?: string;
  jobHref?: string;
  returnCode?: number;
  /** Last state observed before giving up. */
  lastState?: string;
  /** Href of a resource that exists although the operation failed. */
  resourceHref?: string;
  /** Input field the error is about. */
  field?: string;
  /** A request was sent but its answer lost: the server may have acted on it. */
  maybeDelivered?: boolean;
  cause?: unknown;
}

export class CimiError extends Error {
  readonly code: string = "CIMI_ERR";
  readonly fault: Fault = "server";
  readonly retryable: boolean = false;
  readonly details: CimiErrorDetails;
  /** The message without the details appended. */
  readonly summary: string;

  constructor(message: string, details: CimiErrorDetails = {}) {
    super(compose(message, details), details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = new.target.name;
    this.details = details;
    this.summary = message;
  }

  /** The same error with more details (details already known are kept). */
  with(extra: CimiErrorDetails): CimiError {
    const Kind = this.constructor as new (message: string, details: CimiErrorDetails) => CimiError;
    const merged: CimiErrorDetails = { ...extra };
    for (const [k, v] of Object.entries(this.details)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    const copy = new Kind(this.summary, merged);
    copy.stack = this.stack;
    return copy;
  }
}

/** The server answered with an HTTP status that means failure. */
export class CimiHttpError extends CimiError {
  override readonly code = "CIMI_ERR_HTTP";
  override readonly fault: Fault;
  override readonly retryable: boolean;
  constructor(message: string, details: CimiErrorDetails & { status: number }) {
    super(message, details);
    this.fault = details.status >= 500 ? "server" : "client";
    this.retryable = [429, 502, 503, 504].includes(details.status);
  }
}

/** A Job ended FAILED or STOPPED. */
export class CimiJobFailedError extends CimiError {
  override readonly code = "CIMI_ERR_JOB_FAILED";
}

/** A wait ran past its deadline; `details` says what is still running and where. */
export class CimiTimeoutError extends CimiError {
  override readonly code = "CIMI_ERR_TIMEOUT";
  override readonly retryable = true;
}

/** The resource reached a failed state (e.g. a machine in ERROR). */
export class CimiStateError extends CimiError {
  override readonly code = "CIMI_ERR_STATE";
}

/** The Cloud Entry Point or an operation the request needs is missing. */
export class CimiDiscoveryError extends CimiError {
  override readonly code = "CIMI_ERR_DISCOVERY";
  override readonly fault: Fault = "client";
}

/** A document could not be parsed or did not have the expected shape. */
export class CimiCodecError extends CimiError {
  override readonly code = "CIMI_ERR_CODEC";
}

/** The network failed (connection refused, reset, timed out before an answer). */
export class CimiNetworkError extends CimiError {
  override readonly code = "CIMI_ERR_NETWORK";
  override readonly retryable = true;
}

/** Invalid configuration or input, found before anything was sent. */
export class CimiInputError extends CimiError {
  override readonly code = "CIMI_ERR_INPUT";
  override readonly fault: Fault = "client";
}

function compose(message: string, d: CimiErrorDetails): string {
  const parts = [message];
  if (d.operation) parts.push(`operation: ${d.operation}`);
  if (d.endpoint) parts.push(`endpoint: ${d.endpoint}`);
  if (d.status !== undefined) parts.push(`HTTP ${d.status}`);
  if (d.jobHref) parts.push(`job: ${d.jobHref}`);
  if (d.returnCode !== undefined) parts.push(`returnCode: ${d.returnCode}`);
  if (d.lastState) parts.push(`last state: ${d.lastState}`);
  if (d.serverMessage) parts.push(`server says: ${d.serverMessage}`);
  return redact(parts.join("; "));
}

/** Removes user info from every URL in a text, so credentials never reach a message. */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, "$1");
}
