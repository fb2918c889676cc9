// What is wrong with an envelope or a package, as a list: every problem is reported at once, each
// with a path-like location, so a user fixes them all in one pass instead of one per run.
import { CimiError, type CimiErrorDetails, type Fault } from "../client/errors";

/** Stable kinds of problem; tests and callers branch on these, never on the wording. */
export type OvfProblemCode =
  /** The input is larger than the configured limit. */
  | "too-large"
  /** Not text in a supported encoding. */
  | "encoding"
  /** A DOCTYPE or ENTITY declaration: refused, entity expansion is never done. */
  | "doctype"
  /** Not well-formed XML. */
  | "xml"
  /** Well-formed, but not an OVF 1.x or 2.x Envelope. */
  | "not-ovf"
  /** A required element or attribute is absent. */
  | "missing"
  /** A value that cannot be read: not a whole number, an unknown unit, a bad boolean. */
  | "value"
  /** The model handed in does not have the shape of an OvfEnvelope. */
  | "shape"
  | "duplicate-id"
  /** A reference (fileRef, HostResource, Connection) names nothing. */
  | "dangling-reference"
  /** A count or size that must be positive is not. */
  | "not-positive"
  /** A property value that does not fit its declared type. */
  | "property-type"
  /** An href that leaves the package folder. */
  | "unsafe-href"
  /** Something OVF allows but this implementation does not handle. */
  | "unsupported"
  /** A file named in References is not in the package, or has another size. */
  | "missing-file"
  | "size-mismatch";

export interface OvfProblem {
  code: OvfProblemCode;
  /** Where, e.g. `VirtualSystem "web" > VirtualHardwareSection`; empty for the whole document. */
  location: string;
  message: string;
  /** The model field the problem is about, where there is one (`cpus`, `capacityBytes`…). */
  field?: string;
}

export function problem(code: OvfProblemCode, location: string, message: string, field?: string): OvfProblem {
  return field === undefined ? { code, location, message } : { code, location, message, field };
}

export function formatProblem(p: OvfProblem): string {
  return p.location ? `${p.location}: ${p.message}` : p.message;
}

/** An envelope or package that cannot be used; `problems` lists every reason. */
export class OvfError extends CimiError {
  override readonly code = "CIMI_ERR_OVF";
  override readonly fault: Fault = "client";
  readonly problems: readonly OvfProblem[];
  /** What was being read, e.g. `OVF envelope`, `OVF package /tmp/p/shop.ovf`. */
  readonly subject: string;

  constructor(problems: readonly OvfProblem[], subject = "OVF envelope", details: CimiErrorDetails = {}) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`${subject} has ${count}:\n${problems.map((p) => `- ${formatProblem(p)}`).join("\n")}`, details);
    this.problems = problems;
    this.subject = subject;
  }

  // The base class rebuilds errors from a message; this one is rebuilt from its problems.
  override with(extra: CimiErrorDetails): OvfError {
    const kept = Object.fromEntries(Object.entries(this.details).filter(([, v]) => v !== undefined));
    const copy = new OvfError(this.problems, this.subject, { ...extra, ...kept });
    copy.stack = this.stack;
    return copy;
  }
}

/** Throws one OvfError listing every problem, if there is any. */
export function throwIfAny(problems: readonly OvfProblem[], subject?: string): void {
  if (problems.length > 0) throw new OvfError(problems, subject);
}

/** Location labels shared by the reader and the validator, so both name a place the same way. */
export const where = {
  entity: (kind: string, id: string): string => (id ? `${kind} "${id}"` : `${kind} (no id)`),
  file: (id: string, index: number): string => `References > File ${id ? `"${id}"` : `#${index + 1}`}`,
  disk: (id: string, index: number): string => `DiskSection > Disk ${id ? `"${id}"` : `#${index + 1}`}`,
  network: (name: string, index: number): string => `NetworkSection > Network ${name ? `"${name}"` : `#${index + 1}`}`,
  hardware: (entity: string): string => `${entity} > VirtualHardwareSection`,
  property: (entity: string, key: string, index: number): string => `${entity} > ProductSection > Property ${key ? `"${key}"` : `#${index + 1}`}`,
};
