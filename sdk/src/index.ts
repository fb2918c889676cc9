// pulumi-cimi: Pulumi resources for any DMTF CIMI cloud.
export * from "./generated";
export { Endpoint, type EndpointArgs } from "./endpoint";
export { getCapabilities, getCloudEntryPoint, type LookupArgs, type TargetedLookupArgs, type LookupOptions, type CloudEntryPointResult } from "./lookup";
