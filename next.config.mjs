import createNextIntlPlugin from "next-intl/plugin";
import { writeClientMessages } from "./scripts/client-messages.mjs";

// Which catalog namespaces each page ships to the browser, derived from its client components at every build and dev
// start (generated/client-messages.json); a page that would miss its messages fails the build, naming the fix.
writeClientMessages();

/** Every response: no framing by other sites, no content sniffing, scripts and connections from this origin only. */
const SECURITY_HEADERS = [
  {
    key: "Content-Security-Policy",
    // Next.js inlines its hydration data as scripts; 'unsafe-inline' covers them (no third-party script can load).
    value:
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'",
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  // Server actions: small bodies only (the forms send a few fields), same origin only (Next.js checks Origin).
  experimental: { serverActions: { bodySizeLimit: "16kb" } },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

// next-intl without locale routing: the language comes from the user, Accept-Language or the default (lib/i18n/request.ts).
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
