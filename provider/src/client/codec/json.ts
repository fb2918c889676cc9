// CIMI's JSON encoding (SPEC §3): a bare object with `resourceURI` naming its type.
import { CimiCodecError } from "../errors";
import type { Codec, Doc } from "./types";
import { typeURI } from "../../catalog/types";

export const jsonCodec: Codec = {
  mediaType: "application/json",

  parse(text: string): Doc | undefined {
    if (text.trim() === "") return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new CimiCodecError(`response is not valid JSON (${(e as Error).message})`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new CimiCodecError("response is not a JSON object");
    }
    return value as Doc;
  },

  serialize(doc: Doc, typeName: string): string {
    return JSON.stringify({ resourceURI: typeURI(typeName), ...withoutEmpty(doc) });
  },
};

/** CIMI omits empty strings, maps and arrays and absent values (SPEC §3.8). */
export function withoutEmpty(doc: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && !Array.isArray(v)) {
      const inner = withoutEmpty(v as Doc);
      if (Object.keys(inner).length === 0) continue;
      out[k] = inner;
      continue;
    }
    out[k] = v;
  }
  return out;
}
