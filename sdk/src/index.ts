// pulumi-cimi: Pulumi resources for any DMTF CIMI cloud.
export * from "./generated";
