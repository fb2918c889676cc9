// HTTP Basic authentication of /cimi requests.
import { timingSafeEqual } from "node:crypto";
import { HttpError } from "./http";

export interface Credentials {
  user: string;
  password: string;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function checkBasicAuth(creds: Credentials | undefined, header: string | undefined): void {
  if (!creds) return;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  const decoded = m ? Buffer.from(m[1], "base64").toString("utf8") : "";
  const sep = decoded.indexOf(":");
  if (sep >= 0 && same(decoded.slice(0, sep), creds.user) && same(decoded.slice(sep + 1), creds.password)) return;
  throw new HttpError(401, header ? "invalid credentials" : "authentication required (HTTP Basic)", undefined, undefined, {
    "WWW-Authenticate": 'Basic realm="cimi"',
  });
}
