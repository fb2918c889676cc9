import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();

// Each cloud is an explicit endpoint with its own credentials (secrets stay encrypted in state).
const east = new cimi.Endpoint("east", {
  endpoint: config.require("eastEndpoint"),
  username: config.get("eastUsername"),
  password: config.getSecret("eastPassword"),
});
const west = new cimi.Endpoint("west", {
  endpoint: config.require("westEndpoint"),
  username: config.get("westUsername"),
  password: config.getSecret("westPassword"),
});

const webEast = new cimi.Machine("web-east", { template: config.require("eastTemplate"), state: "STARTED" }, { provider: east });
const webWest = new cimi.Machine("web-west", { template: config.require("westTemplate"), state: "STARTED" }, { provider: west });

export const machines = {
  east: { id: webEast.id, state: webEast.state, addresses: webEast.addresses },
  west: { id: webWest.id, state: webWest.state, addresses: webWest.addresses },
};
