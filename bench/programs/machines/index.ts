import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const template = config.require("template");
const description = config.get("description");

for (let i = 0; i < count; i++) {
  new cimi.Machine(`m${i}`, { template, state: "STARTED", description });
}
