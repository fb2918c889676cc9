// Adopting: dynamic providers cannot `pulumi import`, so a resource may take over an existing one
// by href (its `adopt` input) instead of creating one.
import { aKind, type CatalogEntry } from "../catalog/types";
import { ADOPT } from "../catalog/common";
import { CimiInputError, type MutationOptions, type Session } from "../client";
import { decode, getPath, outputsOf } from "./wire";
import { applyEdits, converge } from "./converge";
import { PartialResourceError, type CreateResult } from "./partial";

type Props = Record<string, unknown>;

/**
 * Takes over an existing resource instead of creating one (dynamic providers cannot import):
 * the inputs given are applied to it as an update would, nothing else is touched.
 */
export async function adopt(entry: CatalogEntry, session: Session, href: string, inputs: Props, opts: MutationOptions): Promise<CreateResult> {
  let doc = await session.getRequired(href, opts.operation);
  const type = typeof doc.resourceURI === "string" ? doc.resourceURI.split("/").pop() : entry.kind;
  if (type !== entry.kind) throw new CimiInputError(`${entry.kind}.${ADOPT}: ${href} is ${aKind(type)}, not ${aKind(entry.kind)}`);
  try {
    const current: Props = {};
    for (const [name, f] of Object.entries(entry.fields)) if (f.read && inputs[name] !== undefined) current[name] = decode(f.type, getPath(doc, f.read));
    doc = await applyEdits(entry, session, doc, current, inputs, opts);
    doc = await converge(entry, session, doc, inputs, opts);
    const { outputs } = await outputsOf(entry, doc, inputs, session);
    return { id: href, outs: outputs };
  } catch (e) {
    // It is ours now: the stack must keep it even if applying the inputs failed.
    throw new PartialResourceError(e as Error, href, { ...inputs, endpoint: session.endpoint });
  }
}
