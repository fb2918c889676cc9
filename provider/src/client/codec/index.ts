export type { Codec, Doc } from "./types";
export { jsonCodec, withoutEmpty } from "./json";
