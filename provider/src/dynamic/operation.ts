// Kinds made by an operation rather than by a collection's add (catalog `operation`, SPEC §15):
// create posts the Action where it is offered and follows it like any mutation. An import's
// result is a System: from then on the generic read, update and delete act on it. An export's
// result is a package outside CIMI: there is nothing to read, update or delete in the cloud.
import type { CatalogEntry, OperationSpec } from "../catalog/types";
import { CimiStateError, type Doc, type MutationOptions, type Session } from "../client";
import { applyEdits } from "./converge";
import { PartialResourceError, type CreateResult } from "./partial";
import { decode, getPath, outputsOf } from "./wire";

type Props = Record<string, unknown>;

/** Whether the kind stands for something outside CIMI (a package): nothing to read or delete. */
export function producesLocation(entry: CatalogEntry): boolean {
  return entry.operation !== undefined && "location" in entry.operation.result;
}

export async function createByOperation(entry: CatalogEntry, session: Session, inputs: Props, opts: MutationOptions): Promise<CreateResult> {
  const spec = entry.operation!;
  const on = await offeredBy(spec, session, inputs, opts.operation);
  const params: Doc = { ...spec.defaults };
  for (const name of spec.params) if (inputs[name] !== undefined) params[name] = inputs[name];
  if ("location" in spec.result) {
    const { field, fallback } = spec.result.location;
    const done = await session.action(on, spec.action, params, opts);
    const location = (fallback && inputs[fallback]) || done.location;
    if (typeof location !== "string") throw new CimiStateError(`the server did not say where the package is (no Location)`, { endpoint: session.endpoint, operation: opts.operation });
    return { id: location, outs: { ...inputs, [field]: location, endpoint: session.endpoint } };
  }
  const before = "cepKey" in spec.on ? await members(session, on) : undefined;
  const done = await session.action(on, spec.action, params, opts, "create");
  const href = done.href ?? (before && (await newMember(session, on, before)));
  if (!href) throw new CimiStateError(`the server did not say what the ${spec.action} made (no Location, no affected resource, nothing new in ${on.id})`, { endpoint: session.endpoint, operation: opts.operation });
  try {
    // The Action names no attributes of the result: the inputs it has are applied as an update would.
    let doc = done.doc ?? (await session.getRequired(href, opts.operation));
    const current: Props = {};
    for (const [name, f] of Object.entries(entry.fields)) if (f.read && f.input) current[name] = decode(f.type, getPath(doc, f.read));
    doc = await applyEdits(entry, session, doc, current, inputs, opts);
    const { outputs } = await outputsOf(entry, doc, inputs, session);
    return { id: href, outs: outputs };
  } catch (e) {
    // What the operation made exists: the stack must keep it, to finish or delete it later.
    throw new PartialResourceError(e as Error, href, { ...inputs, endpoint: session.endpoint });
  }
}

/** The document offering the operation: a CEP collection, or the resource an input names. */
async function offeredBy(spec: OperationSpec, session: Session, inputs: Props, operation: string): Promise<Doc> {
  const href = "cepKey" in spec.on ? await session.collectionHref(spec.on.cepKey) : String(inputs[spec.on.field]);
  return session.getRequired(href, operation);
}

/** Hrefs in a collection now. A cloud that answers an import with neither Location nor Job (Deltacloud) is found out by the difference. */
async function members(session: Session, collection: Doc): Promise<Set<string>> {
  const items = await session.list(String(collection.id), undefined);
  return new Set(await Promise.all(items.map((d) => session.resolve(String(d.id)))));
}

async function newMember(session: Session, collection: Doc, before: Set<string>): Promise<string | undefined> {
  const added = [...(await members(session, collection))].filter((h) => !before.has(h));
  return added.length === 1 ? added[0] : undefined;
}
