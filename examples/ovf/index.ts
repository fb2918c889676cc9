import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();

// The package on this machine, given to the cloud as a file:// URI. It is checked at preview:
// a broken or hostile package fails there, naming each problem, before anything is sent.
const source = pathToFileURL(path.resolve(config.require("package"))).toString();

// The import makes a System with the package's machines, volumes and networks; destroying it
// deletes the System and all of them.
const shop = new cimi.SystemImport("shop", { source, description: "The shop, imported from OVF" });

// An export writes the System as it is now as a package. Without a destination the cloud keeps
// the package and answers with its URL (location); destroying the export deletes nothing.
const exported = new cimi.SystemExport("shop-export", { system: shop.id, destination: config.get("destination") || undefined });

// The export, imported again: a second System like the first (the id of an export is its location).
const copy = new cimi.SystemImport("shop-copy", { source: exported.id });

export const system = shop.system;
export const machines = shop.machines;
export const volumes = shop.volumes;
export const networks = shop.networks;
export const packageLocation = exported.location;
export const copySystem = copy.system;
export const copyMachines = copy.machines;
