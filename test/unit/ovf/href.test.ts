import { describe, expect, it } from "vitest";
import { dist } from "../../helpers/dist";

const { checkHref, safeRelativeHref } = dist("provider/src/ovf/index.js");

describe("package-relative hrefs (path traversal)", () => {
  it.each([
    ["disk.vmdk", "disk.vmdk"],
    ["disks/./a.vmdk", "disks/a.vmdk"],
    ["disks/sub/../a.vmdk", "disks/a.vmdk"],
    ["my%20disk.vmdk", "my disk.vmdk"],
    ["./disk.vmdk", "disk.vmdk"],
  ])("accepts %j as %j", (href, path) => {
    expect(safeRelativeHref(href)).toBe(path);
    expect(checkHref(href)).toEqual({ ok: true, path });
  });

  it.each([
    ["../x.vmdk", /leaves the package/],
    ["a/../../x.vmdk", /leaves the package/],
    ["%2e%2e/x.vmdk", /leaves the package/],
    ["%2E%2E%2Fetc%2Fpasswd", /leaves the package/],
    ["/etc/passwd", /absolute path/],
    ["//server/share/x.vmdk", /absolute path/],
    ["file:///etc/passwd", /URL \(file:\)/],
    ["http://169.254.169.254/latest", /URL \(http:\)/],
    ["https://example.com/x.vmdk", /URL \(https:\)/],
    ["C:\\Windows\\win.ini", /Windows/],
    ["C:/Windows/win.ini", /Windows/],
    ["%43:/x", /Windows/],
    ["..\\..\\x", /backslash/],
    ["a%5c..%5c..%5cx", /backslash/],
    ["disk.vmdk%00.txt", /control character/],
    ["disk.vmdk?part=1", /query or fragment/],
    ["%zz", /percent-escape/],
    ["", /empty/],
    ["./", /folder itself/],
  ])("refuses %j", (href, reason) => {
    expect(safeRelativeHref(href)).toBeUndefined();
    const checked = checkHref(href);
    expect(checked.ok).toBe(false);
    expect(checked.reason).toMatch(reason);
  });
});
