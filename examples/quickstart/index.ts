import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();

// The endpoint and its credentials come from the stack config (cimi:endpoint, cimi:username,
// secret cimi:password) or from CIMI_ENDPOINT / CIMI_USERNAME / CIMI_PASSWORD.
const web = new cimi.Machine("web", {
  description: config.get("description") ?? "Quickstart web server",
  template: config.require("template"),
  // Optional: override the template's image; changing it replaces the machine.
  image: config.get("image"),
  state: "STARTED",
  properties: { owner: "quickstart" },
  timeouts: { create: "5m", delete: "5m" },
});

export const machineId = web.id;
export const state = web.state;
export const addresses = web.addresses;
