// Discovery: the Cloud Entry Point is the only configured URL; everything else comes from it.
import type { Doc } from "./codec";
import { CimiDiscoveryError } from "./errors";

export interface Discovery {
  cep: Doc;
  /** Absolute base for relative URIs, ending with `/`. */
  baseURI: string;
  /** CEP attribute (e.g. `machines`) -> absolute collection href. */
  collections: Record<string, string>;
}

export function readCloudEntryPoint(cep: Doc, cepUrl: string): Discovery {
  const type = typeof cep.resourceURI === "string" ? cep.resourceURI : "";
  if (type && !type.endsWith("/CloudEntryPoint")) {
    throw new CimiDiscoveryError(`${cepUrl} is not a Cloud Entry Point but a ${type.split("/").pop()}: configure the URL of the cloud's entry point`, {
      endpoint: cepUrl,
    });
  }
  let base = typeof cep.baseURI === "string" && cep.baseURI ? cep.baseURI : cepUrl;
  try {
    base = new URL(base, cepUrl).toString();
  } catch {
    throw new CimiDiscoveryError(`the Cloud Entry Point has an invalid baseURI "${cep.baseURI}"`, { endpoint: cepUrl });
  }
  const collections: Record<string, string> = {};
  for (const [key, value] of Object.entries(cep)) {
    const href = (value as Doc | null)?.href;
    if (typeof href === "string" && href) collections[key] = resolveAgainst(base, href);
  }
  return { cep, baseURI: base, collections };
}

export function resolveAgainst(base: string, href: string): string {
  return new URL(href, base).toString();
}

/** Finds an operation by its rel: full URI or bare name, compared on the last path segment (SPEC §12). */
export function findOperation(doc: Doc, name: string): string | undefined {
  const ops = Array.isArray(doc.operations) ? (doc.operations as Doc[]) : [];
  const wanted = name.toLowerCase();
  for (const op of ops) {
    if (typeof op.rel !== "string" || typeof op.href !== "string") continue;
    const last = op.rel.split("/").pop()!.toLowerCase();
    if (last === wanted) return op.href;
  }
  return undefined;
}

/** The exact rel the server advertised for an operation, to echo it in an Action body. */
export function operationRel(doc: Doc, name: string): string | undefined {
  const ops = Array.isArray(doc.operations) ? (doc.operations as Doc[]) : [];
  const found = ops.find((op) => typeof op.rel === "string" && op.rel.split("/").pop()!.toLowerCase() === name.toLowerCase());
  return found?.rel as string | undefined;
}
