// zod models of a kind's Pulumi inputs, built from the catalog fields. Every leaf also accepts
// the engine's preview placeholder for values not known yet.
import { charXmlCannotCarry } from "../client/codec/xml-chars";
import * as z from "zod";
import { aKind, type CatalogEntry, type Field, type FieldType } from "../catalog/types";
import { MAX_SECONDS, parseDuration } from "./timeouts";
import { ADOPT } from "../catalog/common";

/** The string the engine sends in place of a value that is unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const unknown = z.literal(UNKNOWN);

/** A string a cloud speaking XML could store and return (no control characters XML cannot carry). */
function text(error = "must be a string"): z.ZodType {
  return z.string({ error }).superRefine((s, ctx) => {
    const bad = charXmlCannotCarry(s);
    if (bad) ctx.addIssue({ code: "custom", message: `contains the control character ${bad}, which CIMI's XML encoding cannot carry` });
  });
}

function leaf(type: FieldType): z.ZodType {
  switch (type.kind) {
    case "string":
      return type.enum
        ? z.enum(type.enum as [string, ...string[]], { error: () => `must be one of ${type.enum!.join(", ")}` })
        : text();
    case "integer":
      return z.number({ error: "must be a number" }).int({ error: "must be an integer" });
    case "duration":
      return z.string({ error: "must be a duration such as 90s, 10m or 1h30m" }).superRefine((text, ctx) => {
        const seconds = parseDuration(text);
        if (seconds === undefined) ctx.addIssue({ code: "custom", message: `"${text}" is not a duration such as 90s, 10m or 1h30m` });
        else if (seconds < 1 || seconds > MAX_SECONDS) ctx.addIssue({ code: "custom", message: `"${text}" must be between 1s and 168h` });
      });
    case "type":
      return z.enum(type.of as [string, ...string[]], { error: () => `must be one of ${type.of.join(", ")}` });
    case "boolean":
      return z.boolean({ error: "must be true or false" });
    case "map":
      return z.record(z.string(), z.union([unknown, text("map values must be strings")]), {
        error: "must be a map of strings",
      });
    case "ref":
      return z.string({ error: `must be the href of ${aKind(type.to)}` }).refine(isHttpUri, { error: `must be the absolute http(s) href of ${aKind(type.to)}` });
    case "list":
      return z.array(typed(type.of), { error: "must be a list" });
    case "object":
      return objectOf(type.fields);
  }
}

function typed(type: FieldType): z.ZodType {
  return z.union([unknown, leaf(type)]);
}

/** A strict object of the input fields; `required` fields must be present unless `relaxed`. */
function objectOf(fields: Readonly<Record<string, Field>>, relaxed = false): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(fields)) {
    if (!f.input) continue;
    const t = typed(f.type);
    shape[name] = f.input.required && !relaxed ? t : t.optional();
  }
  return z.strictObject(shape, { error: (iss) => (iss.code === "unrecognized_keys" ? `unknown field ${iss.keys.join(", ")}` : "must be an object") });
}

/**
 * The model of a kind's inputs, with its cross-field rules. What a create needs (required fields,
 * one of the alternatives) is not asked of a resource that adopts an existing one.
 */
export function inputModel(entry: CatalogEntry): z.ZodType<Record<string, unknown>> {
  const base = objectOf(entry.fields, true) as z.ZodType<Record<string, unknown>>;
  return base.superRefine((value, ctx) => {
    if (value[ADOPT] !== undefined) return;
    const given = (f: string) => value[f] !== undefined;
    for (const [name, f] of Object.entries(entry.fields)) {
      if (f.input?.required && !given(name)) ctx.addIssue({ code: "custom", path: [name], message: `is required (or give ${ADOPT})` });
    }
    const alternatives = entry.requireOneOf;
    if (!alternatives || alternatives.some((set) => set.every(given))) return;
    const wanted = alternatives.map((set) => set.join(" + ")).join(", or ");
    // Point at what is missing from the alternative closest to complete.
    const closest = [...alternatives].sort((a, b) => b.filter(given).length - a.filter(given).length)[0];
    const path = closest.find((f) => !given(f)) ?? closest[0];
    ctx.addIssue({ code: "custom", path: [path], message: `give ${wanted}` });
  });
}

function isHttpUri(value: string): boolean {
  if (value === UNKNOWN) return true;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
