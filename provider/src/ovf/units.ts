// Sizes in OVF carry their unit beside them: memory in `rasd:AllocationUnits` (or
// `VirtualQuantityUnits`), disk capacity in `ovf:capacityAllocationUnits`. The programmatic form
// of DMTF DSP0004 is `byte * 2^20`; older tools write `MegaBytes` or `MB`. Everything becomes bytes.

const NAMED: Readonly<Record<string, number>> = {
  // Tools that write these mean binary multiples (VMware's `MegaBytes` memory is MiB).
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 2 ** 10,
  kib: 2 ** 10,
  kilobyte: 2 ** 10,
  kilobytes: 2 ** 10,
  mb: 2 ** 20,
  mib: 2 ** 20,
  megabyte: 2 ** 20,
  megabytes: 2 ** 20,
  gb: 2 ** 30,
  gib: 2 ** 30,
  gigabyte: 2 ** 30,
  gigabytes: 2 ** 30,
  tb: 2 ** 40,
  tib: 2 ** 40,
  terabyte: 2 ** 40,
  terabytes: 2 ** 40,
};

/**
 * Bytes per unit of `units`, or undefined when the unit is not a byte unit this reads:
 * `byte`, `byte * 2^20`, `byte*10^9`, `byte * 1024`, `byte * 2^10 * 4`, `MB`, `GigaBytes`…
 */
export function bytesPerUnit(units: string): number | undefined {
  const compact = units.trim().replace(/\s+/g, "");
  const named = NAMED[compact.toLowerCase()];
  if (named !== undefined) return named;
  const [base, ...factors] = compact.split("*");
  if (base.toLowerCase() !== "byte") return undefined;
  let multiplier = 1;
  for (const factor of factors) {
    const m = /^(\d+)(?:\^(\d+))?$/.exec(factor);
    if (!m) return undefined;
    multiplier *= Number(m[1]) ** Number(m[2] ?? 1);
  }
  return Number.isSafeInteger(multiplier) && multiplier > 0 ? multiplier : undefined;
}

/** A whole number written in decimal, with an optional sign; anything else is undefined. */
export function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

export type QuantityResult = { bytes: number } | { error: string };

/** `quantity` of `units` in bytes, or what keeps it from being read. */
export function toBytes(quantity: string, units: string): QuantityResult {
  const n = wholeNumber(quantity);
  if (n === undefined) return { error: `"${quantity}" is not a whole number` };
  const per = bytesPerUnit(units);
  if (per === undefined) return { error: `unit "${units}" is not a byte unit (expected e.g. "byte * 2^20")` };
  const bytes = n * per;
  if (!Number.isSafeInteger(bytes)) return { error: `${quantity} × ${units} is too large` };
  return { bytes };
}

const WRITE_UNITS: readonly [number, string, string][] = [
  [2 ** 40, "byte * 2^40", "TiB"],
  [2 ** 30, "byte * 2^30", "GiB"],
  [2 ** 20, "byte * 2^20", "MiB"],
  [2 ** 10, "byte * 2^10", "KiB"],
  [1, "byte", "B"],
];

/**
 * The largest binary unit that divides `bytes` exactly, so a written size reads back unchanged:
 * `units` as OVF writes it, `symbol` for people.
 */
export function fromBytes(bytes: number): { quantity: number; units: string; symbol: string } {
  const [per, units, symbol] = WRITE_UNITS.find(([per]) => bytes !== 0 && bytes % per === 0) ?? WRITE_UNITS[WRITE_UNITS.length - 1];
  return { quantity: bytes / per, units, symbol };
}

/** A size written for people: `512MiB`, `20GiB`, `1.5TiB`, `1048576B`, or a number of bytes. */
export type ByteSize = number | `${number}${"B" | "KiB" | "MiB" | "GiB" | "TiB"}`;

/** Bytes of a ByteSize; throws a RangeError naming the value when it is not a whole number of bytes. */
export function parseByteSize(size: ByteSize): number {
  if (typeof size === "number") return checkedBytes(size, String(size));
  const m = /^(\d+(?:\.\d+)?)(B|KiB|MiB|GiB|TiB)$/.exec(size);
  if (!m) throw new RangeError(`size "${size}" is not a number followed by B, KiB, MiB, GiB or TiB`);
  return checkedBytes(Number(m[1]) * (NAMED[m[2].toLowerCase()] ?? 1), size);
}

function checkedBytes(bytes: number, shown: string): number {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`size ${shown} is not a whole, non-negative number of bytes`);
  return bytes;
}
