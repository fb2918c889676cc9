import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();
const shop = new cimi.SystemImport("shop", { source: config.require("source") });
const exported = new cimi.SystemExport("shop-export", { system: shop.id, destination: config.get("destination") });

export const system = shop.system;
export const machines = shop.machines;
export const volumes = shop.volumes;
export const networks = shop.networks;
export const location = exported.location;

// The export, imported again: the id of an export is its package location.
const again = config.getBoolean("reimport") ? new cimi.SystemImport("shop-again", { source: exported.id }) : undefined;
export const reimported = again?.system;
