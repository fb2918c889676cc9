import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();

// Each cloud is an explicit endpoint with its own credentials (secrets stay encrypted in state) and
// its own encoding: `auto` takes whatever the cloud speaks, JSON or XML.
const east = new cimi.Endpoint("east", {
  endpoint: config.require("eastEndpoint"),
  username: config.get("eastUsername"),
  password: config.getSecret("eastPassword"),
  token: config.getSecret("eastToken"),
  format: config.get("eastFormat") as "auto" | "json" | "xml" | undefined,
});
const west = new cimi.Endpoint("west", {
  endpoint: config.require("westEndpoint"),
  username: config.get("westUsername"),
  password: config.getSecret("westPassword"),
  token: config.getSecret("westToken"),
  format: config.get("westFormat") as "auto" | "json" | "xml" | undefined,
});

/** A machine with a data volume attached, in one cloud; what to build from is found there by name. */
function site(name: string, provider: cimi.Endpoint, template: string) {
  const volumeConfig = cimi.getVolumeConfigurationOutput({ name: config.get("volumeConfig") ?? "data-10g" }, { provider });
  const web = new cimi.Machine(`web-${name}`, { template: config.require(template), state: "STARTED" }, { provider });
  const data = new cimi.Volume(`data-${name}`, { config: volumeConfig.id, description: `data of web-${name}` }, { provider });
  new cimi.MachineVolume(`data-${name}-on-web-${name}`, { machine: web.id, volume: data.id, initialLocation: "/dev/vdb" }, { provider });
  return { machine: web.id, state: web.state, addresses: web.addresses, volume: data.id, capacity: data.capacity };
}

export const sites = {
  east: site("east", east, "eastTemplate"),
  west: site("west", west, "westTemplate"),
};
