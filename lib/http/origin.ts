// Whether a request that would change something comes from another site's page: the browser says so
// (Sec-Fetch-Site), or its Origin names another host. Shared by the API's boundary and the pages' proxy.
export function crossOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false; // not a browser: a script carries its own credentials, no ambient cookie to abuse
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
