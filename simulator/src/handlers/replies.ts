// Replies shared by the handlers: documents (hrefs as stored; wire.ts writes them absolute or
// relative), and the answer to work that takes time.
import { json, type Reply } from "../http";
import type { Ctx } from "../context";
import type { Doc } from "../store";

export function docReply(_ctx: Ctx, doc: Doc, status = 200, headers: Record<string, string> = {}): Reply {
  return json(status, doc, headers);
}

/** A mutating call that takes time: how it answers is the cloud's completion behaviour. */
export { completionReply as jobReply } from "../completion";
