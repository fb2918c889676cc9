// A package's files are named by `References/File/@ovf:href`, a URI reference written by whoever
// made the package. Whoever opens those files (validatePackage, the simulator importing a package)
// must stay inside the package folder: no `../`, no absolute paths, no other scheme.

export type HrefCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Whether `href` names a file inside the package folder, and which: the percent-decoded,
 * normalized relative path with `/` separators. Anything else is refused with a reason.
 */
export function checkHref(href: string): HrefCheck {
  const refuse = (reason: string): HrefCheck => ({ ok: false, reason });
  if (href.trim() === "") return refuse("is empty");
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    // A one-letter "scheme" is a Windows drive (C:\…), just as absolute.
    return refuse(/^[a-z]:/i.test(href) ? "is an absolute Windows path" : `is a URL (${href.split(":")[0]}:), not a path inside the package`);
  }
  if (/[?#]/.test(href)) return refuse("has a query or fragment");
  let decoded: string;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    return refuse("has a malformed percent-escape");
  }
  // Checked after decoding: `%2e%2e%2f` is `../` and `%5c` a backslash once a file system sees it.
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return refuse("contains a control character");
  if (decoded.includes("\\")) return refuse("contains a backslash");
  if (decoded.startsWith("/")) return refuse("is an absolute path");
  if (/^[a-z]:/i.test(decoded)) return refuse("is an absolute Windows path");
  const segments: string[] = [];
  for (const segment of decoded.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0) return refuse("leaves the package folder (..)");
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  if (segments.length === 0) return refuse("names the package folder itself, not a file");
  return { ok: true, path: segments.join("/") };
}

/**
 * The relative path inside the package that `href` names, or undefined when it would reach
 * outside it (`../`, an absolute path, a URL of any scheme). For code that opens package files.
 */
export function safeRelativeHref(href: string): string | undefined {
  const checked = checkHref(href);
  return checked.ok ? checked.path : undefined;
}
