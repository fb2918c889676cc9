// HTTP authentication of /cimi requests: none, HTTP Basic, a bearer token (RFC 6750), or both
// (either is then enough). Client certificates are checked by TLS itself (tls.ts).
import { timingSafeEqual } from "node:crypto";
import { HttpError } from "./http";

export interface Auth {
  basic?: { user: string; password: string };
  token?: string;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function basicOk(basic: NonNullable<Auth["basic"]>, header: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const decoded = m ? Buffer.from(m[1], "base64").toString("utf8") : "";
  const sep = decoded.indexOf(":");
  return sep >= 0 && same(decoded.slice(0, sep), basic.user) && same(decoded.slice(sep + 1), basic.password);
}

function tokenOk(token: string, header: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m !== null && same(m[1], token);
}

export function checkAuth(auth: Auth, header: string | undefined): void {
  if (!auth.basic && auth.token === undefined) return;
  if (header && ((auth.basic && basicOk(auth.basic, header)) || (auth.token !== undefined && tokenOk(auth.token, header)))) return;
  const challenges = [...(auth.basic ? ['Basic realm="cimi"'] : []), ...(auth.token !== undefined ? ['Bearer realm="cimi"'] : [])];
  const schemes = [auth.basic ? "HTTP Basic" : "", auth.token !== undefined ? "a bearer token" : ""].filter(Boolean).join(" or ");
  throw new HttpError(401, header ? "invalid credentials" : `authentication required (${schemes})`, undefined, undefined, {
    "WWW-Authenticate": challenges.join(", "),
  });
}
