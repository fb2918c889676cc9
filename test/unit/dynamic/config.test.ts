import { afterEach, describe, expect, it } from "vitest";
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
    expect(currentConfig()).toEqual({ endpoint: "http://127.0.0.1:2/cimi/cloudEntryPoint", credentials: { kind: "none" } });
  });

  it("refuses an endpoint carrying credentials, without repeating them", () => {
    expect(() => configure((k: string) => ({ "cimi:endpoint": "http://u:hunter2@127.0.0.1:1/" })[k])).toThrow(/must not carry credentials/);
    try {
      configure((k: string) => ({ "cimi:endpoint": "http://u:hunter2@127.0.0.1:1/" })[k]);
    } catch (e) {
      expect(String(e)).not.toContain("hunter2");
    }
  });
});
