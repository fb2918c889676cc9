export * from "./errors";
export * from "./codec";
export * from "./http";
export * from "./discovery";
export * from "./completion";
export * from "./session";
export * from "./retry";
export * from "./query";
