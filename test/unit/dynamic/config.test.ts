import { afterEach, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dist } from "../../helpers/dist";

const { configure, currentConfig } = dist("provider/src/dynamic/config.js");

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("endpoint configuration of the provider process", () => {
  it("reads stack config first, then the environment", () => {
    process.env.CIMI_PASSWORD = "from-env";
    configure((k: string) => ({ "cimi:endpoint": "http://127.0.0.1:1/cimi/cloudEntryPoint", "cimi:username": "u" })[k]);
    expect(currentConfig().credentials).toEqual({ kind: "basic", username: "u", password: "from-env" });
  });

  it("a token wins over a user name and password", () => {
    configure((k: string) => ({ "cimi:endpoint": "http://127.0.0.1:1/", "cimi:username": "u", "cimi:password": "p", "cimi:token": "t" })[k]);
    expect(currentConfig().credentials).toEqual({ kind: "bearer", token: "t" });
  });

  it("an explicit cimi.Endpoint never takes credentials from the environment", () => {
    process.env.CIMI_USERNAME = "env-user";
    process.env.CIMI_PASSWORD = "env-password";
    process.env.CIMI_ENDPOINT = "http://127.0.0.1:9/cimi/cloudEntryPoint";
    configure((k: string) => ({ "cimi:endpoint": "http://127.0.0.1:2/cimi/cloudEntryPoint", "cimi:explicit": "true" })[k]);
    expect(currentConfig()).toMatchObject({ endpoint: "http://127.0.0.1:2/cimi/cloudEntryPoint", credentials: { kind: "none" }, format: "auto" });
  });

  it("refuses an endpoint carrying credentials, without repeating them", () => {
    expect(() => configure((k: string) => ({ "cimi:endpoint": "http://u:hunter2@127.0.0.1:1/" })[k])).toThrow(/must not carry credentials/);
    try {
      configure((k: string) => ({ "cimi:endpoint": "http://u:hunter2@127.0.0.1:1/" })[k]);
    } catch (e) {
      expect(String(e)).not.toContain("hunter2");
    }
  });

  it("reads format, extra headers and TLS settings, PEM inline or from a file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cimi-config-"));
    fs.writeFileSync(path.join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");
    configure((k: string) =>
      ({
        "cimi:endpoint": "https://127.0.0.1:1/",
        "cimi:format": "xml",
        "cimi:headers": '{"X-Api-Key":"k"}',
        "cimi:caCert": path.join(dir, "ca.pem"),
        "cimi:clientCert": "-----BEGIN CERTIFICATE-----\nC\n-----END CERTIFICATE-----",
        "cimi:clientKey": "-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----",
      })[k],
    );
    const c = currentConfig();
    expect(c.format).toBe("xml");
    expect(c.headers).toEqual({ "X-Api-Key": "k" });
    expect(c.tls.ca).toContain("CA");
    expect(c.tls.cert).toContain("C");
    expect(c.tls.verify).toBeUndefined();
  });

  it("names the key of every bad setting", () => {
    const bad = (extra: Record<string, string>) => () => configure((k: string) => ({ "cimi:endpoint": "https://127.0.0.1:1/", ...extra })[k]);
    expect(bad({ "cimi:format": "yaml" })).toThrow(/cimi:format must be one of auto, json, xml; got "yaml"/);
    expect(bad({ "cimi:headers": "[1]" })).toThrow(/cimi:headers must be a JSON object/);
    expect(bad({ "cimi:headers": '{"X Api":"k"}' })).toThrow(/cimi:headers: "X Api" is not a valid HTTP header name/);
    expect(bad({ "cimi:headers": '{"X-Api":"k\\r\\nX-Evil: 1"}' })).toThrow(/cimi:headers: the value of "X-Api" holds a line break/);
    expect(bad({ "cimi:caCert": "/nonexistent/ca.pem" })).toThrow(/cimi:caCert is neither PEM text nor a readable file/);
    expect(bad({ "cimi:clientCert": "-----BEGIN CERTIFICATE-----" })).toThrow(/cimi:clientCert and cimi:clientKey go together/);
    expect(bad({ "cimi:insecure": "yes" })).toThrow(/cimi:insecure must be true or false/);
  });

  it("turns verification off only when cimi:insecure is true", () => {
    configure((k: string) => ({ "cimi:endpoint": "https://127.0.0.1:1/", "cimi:insecure": "true" })[k]);
    expect(currentConfig().tls.verify).toBe(false);
  });
});
