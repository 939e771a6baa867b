// Echoing what someone typed back in a refusal: bounded, and with control and bidirectional-override characters
// shown as escapes — a NUL or a right-to-left override must not reach a terminal, a log line or a page as itself.

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;
const MAX_ECHO = 64;

/** `text` as a refusal may show it: at most 64 characters, invisible characters as \uXXXX. */
export function printable(text: string): string {
  const cut = [...text].length > MAX_ECHO ? `${[...text].slice(0, MAX_ECHO).join("")}…` : text;
  return cut.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `text` in double quotes, as printable() shows it (a double quote inside is escaped). */
export function quoted(text: string): string {
  return `"${printable(text).replace(/"/g, '\\"')}"`;
}
