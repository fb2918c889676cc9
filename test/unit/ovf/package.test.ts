// Packages on disk: each test works on its own copy of the shop package in a temporary folder.
import { afterEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dist } from "../../helpers/dist";
import { FIXTURES, SHOP } from "./fixtures";

const { validatePackage, loadPackage, OvfError } = dist("provider/src/ovf/index.js");

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the shop package; returns its folder. */
function copyOfShop(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ovf-pkg-"));
  temps.push(root);
  const dir = path.join(root, "shop");
  fs.cpSync(path.join(FIXTURES, "shop"), dir, { recursive: true });
  return dir;
}
const brief = (problems: { code: string; location: string }[]) => problems.map((p) => `${p.code} @ ${p.location}`);

describe("validatePackage", () => {
  it("finds nothing wrong with the shop package, given its folder or its descriptor", async () => {
    const dir = copyOfShop();
    expect(await validatePackage(dir)).toEqual([]);
    expect(await validatePackage(path.join(dir, "shop.ovf"))).toEqual([]);
  });

  it("reports a referenced file that is missing, and one of another size, together", async () => {
    const dir = copyOfShop();
    fs.rmSync(path.join(dir, "web-disk1.vmdk"));
    fs.appendFileSync(path.join(dir, "disks", "db-disk1.vmdk"), "more");
    const problems = await validatePackage(dir);
    expect(brief(problems)).toEqual(['missing-file @ References > File "web-disk1-file"', 'size-mismatch @ References > File "db-disk1-file"']);
    expect(problems[1].message).toMatch(/is 83 bytes; References says 79/);
  });

  it("reports the descriptor's own problems with those of its files", async () => {
    const dir = copyOfShop();
    const descriptor = path.join(dir, "shop.ovf");
    fs.writeFileSync(descriptor, fs.readFileSync(descriptor, "utf8").replace('ovf:href="web-disk1.vmdk"', 'ovf:href="../../../etc/passwd"').replace("<rasd:VirtualQuantity>4</rasd:VirtualQuantity>", "<rasd:VirtualQuantity>0</rasd:VirtualQuantity>"));
    fs.rmSync(path.join(dir, "disks"), { recursive: true });
    expect(brief(await validatePackage(dir))).toEqual([
      'unsafe-href @ References > File "web-disk1-file"',
      'not-positive @ VirtualSystem "db" > VirtualHardwareSection',
      'missing-file @ References > File "db-disk1-file"',
    ]);
  });

  it("refuses a file that leads out of the package through a symbolic link", async () => {
    const dir = copyOfShop();
    const outside = path.join(path.dirname(dir), "outside.vmdk");
    fs.writeFileSync(outside, "x".repeat(67));
    fs.rmSync(path.join(dir, "web-disk1.vmdk"));
    fs.symlinkSync(outside, path.join(dir, "web-disk1.vmdk"));
    expect(brief(await validatePackage(dir))).toEqual(['unsafe-href @ References > File "web-disk1-file"']);
  });

  it("needs exactly one descriptor in a folder, and does not open archives", async () => {
    const dir = copyOfShop();
    fs.copyFileSync(path.join(dir, "shop.ovf"), path.join(dir, "copy.ovf"));
    expect(await validatePackage(dir)).toEqual([expect.objectContaining({ code: "value", message: expect.stringMatching(/copy\.ovf, shop\.ovf/) })]);
    fs.rmSync(path.join(dir, "copy.ovf"));
    fs.rmSync(path.join(dir, "shop.ovf"));
    expect(await validatePackage(dir)).toEqual([expect.objectContaining({ code: "missing-file", message: expect.stringMatching(/no \.ovf descriptor/) })]);
    const ova = path.join(dir, "shop.ova");
    fs.writeFileSync(ova, "");
    expect(await validatePackage(ova)).toEqual([expect.objectContaining({ code: "unsupported" })]);
    expect(await validatePackage(path.join(dir, "nothing-here"))).toEqual([expect.objectContaining({ code: "missing-file", message: expect.stringMatching(/does not exist/) })]);
  });

  it("checks the descriptor's size before reading it", async () => {
    const dir = copyOfShop();
    expect(await validatePackage(dir, { maxBytes: 1000 })).toEqual([expect.objectContaining({ code: "too-large" })]);
  });
});

describe("loadPackage", () => {
  it("gives the envelope and where each file is", async () => {
    const dir = copyOfShop();
    const pkg = await loadPackage(dir);
    const real = fs.realpathSync(dir);
    expect(pkg).toEqual({
      descriptor: path.join(dir, "shop.ovf"),
      envelope: SHOP,
      files: { "web-disk1-file": path.join(real, "web-disk1.vmdk"), "db-disk1-file": path.join(real, "disks", "db-disk1.vmdk") },
    });
  });

  it("throws one OvfError naming the package and every problem", async () => {
    const dir = copyOfShop();
    fs.rmSync(path.join(dir, "web-disk1.vmdk"));
    fs.rmSync(path.join(dir, "disks"), { recursive: true });
    const error = await loadPackage(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvfError);
    expect(error.message).toContain(`OVF package ${dir} has 2 problems`);
    expect(error.problems).toHaveLength(2);
  });
});
