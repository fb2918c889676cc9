// Shared by the OVF tests: fixture loading, the models the shop fixtures must read as, and a way to
// plant one problem in a fixture that fails loudly if the fixture no longer has the text.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import type { OvfEnvelope } from "../../../provider/src/ovf/model";
import { ROOT } from "../../helpers/dist";

export const FIXTURES = path.join(ROOT, "test", "fixtures", "ovf");

export function fixture(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), "utf8");
}

/** The text with each `from` replaced by its `to`; every `from` must occur exactly once. */
export function mutate(text: string, ...edits: [from: string | RegExp, to: string][]): string {
  let out = text;
  for (const [from, to] of edits) {
    const count = typeof from === "string" ? out.split(from).length - 1 : (out.match(new RegExp(from, "g")) ?? []).length;
    expect(count, `fixture text ${String(from)}`).toBe(1);
    out = out.replace(from, to);
  }
  return out;
}

const VMDK = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";
const GiB = 2 ** 30;

/** What test/fixtures/ovf/shop/shop.ovf holds. */
export const SHOP: OvfEnvelope = {
  version: 1,
  references: [
    { id: "web-disk1-file", href: "web-disk1.vmdk", size: 67 },
    { id: "db-disk1-file", href: "disks/db-disk1.vmdk", size: 79 },
  ],
  disks: [
    { diskId: "web-disk1", capacityBytes: 10 * GiB, fileRef: "web-disk1-file", format: VMDK },
    { diskId: "db-disk1", capacityBytes: 20 * GiB, fileRef: "db-disk1-file", format: VMDK },
  ],
  networks: [{ name: "frontnet", description: "Network the shop & its database share" }],
  content: {
    kind: "VirtualSystemCollection",
    id: "shop",
    name: "Shop",
    properties: [{ key: "domain", value: "shop.example.com", type: "string", userConfigurable: true }],
    children: [
      {
        kind: "VirtualSystem",
        id: "web",
        name: "Web server",
        hardware: { cpus: 2, memoryBytes: 4 * GiB, disks: [{ diskId: "web-disk1" }], nics: [{ network: "frontnet" }] },
        properties: [
          { key: "http_port", value: "8080", type: "uint16", userConfigurable: true },
          { key: "tls", value: "false", type: "boolean", userConfigurable: false },
        ],
      },
      {
        kind: "VirtualSystem",
        id: "db",
        name: "Database",
        hardware: { cpus: 4, memoryBytes: 8 * GiB, disks: [{ diskId: "db-disk1" }], nics: [{ network: "frontnet" }] },
        properties: [{ key: "max_connections", value: "200", type: "uint32", userConfigurable: false }],
      },
    ],
  },
};

/** A deep copy to change in one test without touching the others. */
export function shop(version: 1 | 2 = 1): OvfEnvelope {
  return { ...structuredClone(SHOP), version };
}
