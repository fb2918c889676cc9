// Which attributes of a kind a consumer may change in place (PUT), as the catalog says and as a
// cloud's ResourceMetadata may refine it (SPEC §13: `mutable` per attribute). The provider and the
// simulator both read an entry through here, so they agree on what an edit can carry.
import type { CatalogEntry, Field } from "./types";

/** Top-level attribute name -> whether a consumer may change it in place. */
export type Mutability = Readonly<Record<string, boolean>>;

/** The top-level attribute of the server document an input is read back from, if it is one PUT can carry. */
export function editableAttr(f: Field): string | undefined {
  if (!f.read || (f.input?.change !== "update" && f.input?.change !== "replace")) return undefined;
  return f.read.split(".")[0];
}

/** What the catalog says of each attribute that inputs are read back from. */
export function mutabilityOf(e: CatalogEntry): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const f of Object.values(e.fields)) {
    const attr = editableAttr(f);
    if (attr) out[attr] = (out[attr] ?? true) && f.input!.change === "update";
  }
  return out;
}

/**
 * The entry with its inputs' change modes as `said` describes their attributes: an input whose
 * attribute is immutable there replaces the resource; one the catalog replaces but whose
 * attribute is mutable there is edited in place. Attributes `said` does not name keep the catalog's word.
 */
export function withMutability(e: CatalogEntry, said: Mutability): CatalogEntry {
  let changed = false;
  const fields: Record<string, Field> = {};
  for (const [name, f] of Object.entries(e.fields)) {
    const attr = editableAttr(f);
    const mutable = attr !== undefined && Object.hasOwn(said, attr) ? said[attr] : undefined;
    const change = mutable === undefined ? f.input?.change : mutable ? "update" : "replace";
    if (f.input && change && change !== f.input.change) {
      fields[name] = { ...f, input: { ...f.input, change } };
      changed = true;
    } else {
      fields[name] = f;
    }
  }
  return changed ? { ...e, fields } : e;
}

/** Inputs whose change mode `refined` sets differently from `e`, for messages. */
export function refinedInputs(e: CatalogEntry, refined: CatalogEntry): string[] {
  return Object.keys(e.fields).filter((name) => e.fields[name].input?.change !== refined.fields[name].input?.change);
}
