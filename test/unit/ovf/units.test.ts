import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { bytesPerUnit, toBytes, fromBytes, parseByteSize } = dist("provider/src/ovf/index.js");
const { wholeNumber } = dist("provider/src/ovf/units.js");

describe("OVF allocation units", () => {
  it.each([
    ["byte", 1],
    ["byte * 2^10", 1024],
    ["byte * 2^20", 2 ** 20],
    ["byte*2^30", 2 ** 30],
    ["  byte  *  2^40 ", 2 ** 40],
    ["byte * 10^3", 1000],
    ["byte * 1024", 1024],
    ["byte * 2^10 * 4", 4096],
    ["KB", 1024],
    ["MB", 2 ** 20],
    ["GB", 2 ** 30],
    ["KiloBytes", 1024],
    ["MegaBytes", 2 ** 20],
    ["GigaBytes", 2 ** 30],
    ["GiB", 2 ** 30],
  ])("reads %j as %d bytes per unit", (units, per) => {
    expect(bytesPerUnit(units)).toBe(per);
  });

  it.each(["bit", "furlongs", "byte * 2^", "byte * x", "hertz * 10^6", "", "byte * 2^9999", "bytes * 2^-1"])("does not take %j for a byte unit", (units) => {
    expect(bytesPerUnit(units)).toBeUndefined();
  });

  it("converts a quantity and its unit to bytes, or says why not", () => {
    expect(toBytes("4096", "byte * 2^20")).toEqual({ bytes: 4 * 2 ** 30 });
    expect(toBytes(" 10 ", "GB")).toEqual({ bytes: 10 * 2 ** 30 });
    expect(toBytes("1.5", "byte").error).toMatch(/not a whole number/);
    expect(toBytes("1", "furlongs").error).toMatch(/not a byte unit/);
    expect(toBytes("9007199254740991", "byte * 2^10").error).toMatch(/too large/);
  });

  it("writes a size in the largest binary unit that divides it, so it reads back the same", () => {
    expect(fromBytes(10 * 2 ** 30)).toEqual({ quantity: 10, units: "byte * 2^30", symbol: "GiB" });
    expect(fromBytes(1536 * 2 ** 20)).toEqual({ quantity: 1536, units: "byte * 2^20", symbol: "MiB" });
    expect(fromBytes(1000)).toEqual({ quantity: 1000, units: "byte", symbol: "B" });
    expect(fromBytes(0)).toEqual({ quantity: 0, units: "byte", symbol: "B" });
    for (const bytes of [1, 512, 1024, 3 * 2 ** 20 + 1024, 7 * 2 ** 40, 2 ** 52 - 1]) {
      const { quantity, units } = fromBytes(bytes);
      expect(toBytes(String(quantity), units)).toEqual({ bytes });
    }
  });

  it("reads sizes written for people", () => {
    expect(parseByteSize("20GiB")).toBe(20 * 2 ** 30);
    expect(parseByteSize("512MiB")).toBe(512 * 2 ** 20);
    expect(parseByteSize("1.5GiB")).toBe(1536 * 2 ** 20);
    expect(parseByteSize(4096)).toBe(4096);
    expect(() => parseByteSize("1XB")).toThrow(RangeError);
    expect(() => parseByteSize("0.5B")).toThrow(/whole/);
    expect(() => parseByteSize(-1)).toThrow(RangeError);
  });

  it("reads only plain decimal whole numbers", () => {
    expect([" 12 ", "-3", "+4", "0"].map(wholeNumber)).toEqual([12, -3, 4, 0]);
    expect(["1e3", "0x10", "", "1.0", "12a", "99999999999999999999"].map(wholeNumber)).toEqual(Array(6).fill(undefined));
  });
});
