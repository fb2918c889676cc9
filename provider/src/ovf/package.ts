// A package on disk: a folder (or its .ovf file) with the descriptor and the files its References
// name. Checked as a whole: the descriptor, then every referenced file, which must be inside the
// folder (also after following symbolic links), exist, and have the size References states.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { checkHref } from "./href";
import type { OvfEnvelope } from "./model";
import { OvfError, problem, where, type OvfProblem } from "./problems";
import { inspectEnvelope, type ValidateOptions } from "./validate";
import { DEFAULT_MAX_BYTES } from "./xml";

export type PackageOptions = ValidateOptions;

export interface OvfPackage {
  /** Absolute path of the descriptor. */
  descriptor: string;
  envelope: OvfEnvelope;
  /** File id -> absolute path, for every File inside the package. */
  files: Record<string, string>;
}

interface Inspection {
  descriptor?: string;
  envelope?: OvfEnvelope;
  files: Record<string, string>;
  problems: OvfProblem[];
}

/** Every problem of a local package, given as its folder or its .ovf file; [] when it is sound. */
export async function validatePackage(location: string, options: PackageOptions = {}): Promise<OvfProblem[]> {
  return (await inspectPackage(location, options)).problems;
}

/** The package's envelope and file paths; throws one OvfError listing every problem. */
export async function loadPackage(location: string, options: PackageOptions = {}): Promise<OvfPackage> {
  const { descriptor, envelope, files, problems } = await inspectPackage(location, options);
  if (!descriptor || !envelope || problems.length) throw new OvfError(problems, `OVF package ${location}`);
  return { descriptor, envelope, files };
}

async function inspectPackage(location: string, options: PackageOptions): Promise<Inspection> {
  const fail = (...args: Parameters<typeof problem>): Inspection => ({ files: {}, problems: [problem(...args)] });
  const found = await descriptorOf(path.resolve(location));
  if ("error" in found) return fail(found.code, "", found.error);
  const descriptor = found.path;

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { size } = await fs.stat(descriptor);
  // Checked before reading, so a huge file is never loaded.
  if (size > maxBytes) return { descriptor, ...fail("too-large", "", `${descriptor} is ${size} bytes, larger than the limit of ${maxBytes} bytes (maxBytes)`) };
  const { envelope, problems } = inspectEnvelope(await fs.readFile(descriptor), options);
  if (!envelope) return { descriptor, files: {}, problems };

  const folder = path.dirname(descriptor);
  const realFolder = await fs.realpath(folder);
  const files: Record<string, string> = {};
  const fileProblems = await Promise.all(
    envelope.references.map(async (file, i): Promise<OvfProblem[]> => {
      const checked = checkHref(file.href);
      // Unsafe and remote hrefs are already reported (or allowed) by the envelope's validation.
      if (!checked.ok) return [];
      const at = where.file(file.id, i);
      const target = path.join(folder, ...checked.path.split("/"));
      let stat;
      try {
        stat = await fs.stat(target);
      } catch {
        return [problem("missing-file", at, `"${file.href}" is not in the package folder ${folder}`)];
      }
      if (!stat.isFile()) return [problem("missing-file", at, `"${file.href}" is not a regular file`)];
      const real = await fs.realpath(target);
      if (!real.startsWith(realFolder + path.sep)) return [problem("unsafe-href", at, `"${file.href}" leads out of the package folder through a symbolic link`)];
      if (file.size !== undefined && stat.size !== file.size) {
        return [problem("size-mismatch", at, `"${file.href}" is ${stat.size} bytes; References says ${file.size}`)];
      }
      files[file.id] = real;
      return [];
    }),
  );
  return { descriptor, envelope, files, problems: [...problems, ...fileProblems.flat()] };
}

type Found = { path: string } | { code: "missing-file" | "unsupported" | "value"; error: string };

/** The descriptor a folder holds (exactly one .ovf), or the file itself. */
async function descriptorOf(location: string): Promise<Found> {
  let stat;
  try {
    stat = await fs.stat(location);
  } catch {
    return { code: "missing-file", error: `${location} does not exist` };
  }
  if (stat.isDirectory()) {
    const descriptors = (await fs.readdir(location)).filter((name) => /\.ovf$/i.test(name)).sort();
    if (descriptors.length === 1) return { path: path.join(location, descriptors[0]) };
    return descriptors.length === 0
      ? { code: "missing-file", error: `${location} holds no .ovf descriptor` }
      : { code: "value", error: `${location} holds several descriptors (${descriptors.join(", ")}); name the one to check` };
  }
  if (/\.ova$/i.test(location)) return { code: "unsupported", error: `${location} is an OVA archive; extract it and check the folder` };
  return { path: location };
}
