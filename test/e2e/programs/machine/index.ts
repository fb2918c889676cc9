import * as pulumi from "@pulumi/pulumi";
import * as cimi from "pulumi-cimi";

const config = new pulumi.Config();
const m = new cimi.Machine("m", config.requireObject<cimi.MachineArgs>("args"));

export const id = m.id;
export const state = m.state;
