import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();

// What to build from, found by name in the cloud (the endpoint comes from cimi:endpoint, as for
// the resources). Lookups run in the program and create nothing.
const image = cimi.getMachineImageOutput({ name: config.require("image") });
const size = cimi.getMachineConfigurationOutput({ name: config.require("size") });
const networkConfig = cimi.getNetworkConfigurationOutput({ name: config.require("networkConfig") });
const volumeConfig = cimi.getVolumeConfigurationOutput({ name: config.require("volumeConfig") });

// A private network both machines are connected to.
const backend = new cimi.Network("backend", { config: networkConfig.id, state: "STARTED" });

const names = ["web", "db"];
// User data reaches the guest (cloud-init reads it); CIMI carries it as Base64.
const userData = (name: string) => Buffer.from(`#cloud-config\nhostname: ${name}\n`).toString("base64");
const machines = names.map((name) => new cimi.Machine(name, { config: size.id, image: image.id, state: "STARTED", userData: userData(name), properties: { role: name } }));
const interfaces = machines.map((machine, i) => new cimi.MachineNetworkInterface(`${names[i]}-backend`, { machine: machine.id, network: backend.id }));
const db = machines[1];

// The database's data volume, attached to it, and a snapshot of the volume once it is attached.
const data = new cimi.Volume("db-data", { config: volumeConfig.id, description: "database files" });
const attachment = new cimi.MachineVolume("db-data-on-db", { machine: db.id, volume: data.id, initialLocation: "/dev/vdb" });
const snapshot = new cimi.VolumeImage("db-data-snapshot", { volume: data.id, description: "first snapshot of the database files" }, { dependsOn: attachment });

export const imageUsed = image.id;
export const network = backend.id;
/** Each machine's address on the backend network. */
export const backendAddresses = Object.fromEntries(interfaces.map((nic, i) => [names[i], nic.addresses]));
export const volume = data.id;
export const volumeCapacity = data.capacity;
export const snapshotId = snapshot.id;
export const snapshotState = snapshot.state;
