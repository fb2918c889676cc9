// Characters XML 1.0 cannot carry (control characters other than tab and line ends, U+FFFE/FFFF).
// One rule for the codec, for check() at preview, and for what the simulator accepts.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The first character of `text` XML cannot carry, as `U+0001`, or undefined. */
export function charXmlCannotCarry(text: string): string | undefined {
  const bad = NOT_XML.exec(text);
  return bad ? `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : undefined;
}
