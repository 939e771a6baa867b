// Where the sign-in page sends a user afterwards (`/login?next=…`): a path on this site, never another host.
// Judged on the path a browser would follow — after it resolves dot segments (`/./`, `/x/../`, `/%2e/`) and turns
// `\` into `/` — because `/.//evil.example` is a harmless-looking path that resolves to `//evil.example`, which a
// browser reads as another host.
const BASE = "http://partition-desk.invalid";

/** The resolved path (with its query and fragment) when it stays on this site; null otherwise. */
export function sameSitePath(next: string | null | undefined): string | null {
  if (!next) return null;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // One `/`, then anything but a second `/` or `\`: `//host` and `/\host` leave the site.
  if (!/^\/(?![/\\])/.test(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
