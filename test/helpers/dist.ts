// Tests load the compiled package from dist/, as Pulumi does (no vitest transform in between).
import { createRequire } from "node:module";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
const load = createRequire(path.join(ROOT, "package.json"));

export function dist<T = any>(rel: string): T {
  return load(path.join(ROOT, "dist", rel)) as T;
}

export const VECTORS = path.resolve(ROOT, "..", "shared", "cimi", "vectors");
