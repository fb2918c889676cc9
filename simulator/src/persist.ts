// Atomic state file I/O: write <file>.tmp-<pid>, fsync, rename over the file.
import * as fs from "node:fs";
import * as path from "node:path";

export function readJSONFile(file: string): unknown | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`cimi-simulator: state file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

export function writeJSONFileAtomic(file: string, value: unknown): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeFileSync(fd, JSON.stringify(value));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
