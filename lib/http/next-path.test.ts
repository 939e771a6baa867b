// The sign-in page's `next`: every value that a browser would follow to another host is dropped, judged on the
// resolved path (dot segments, percent-encoded dots, backslashes), not on the text as given.
import { describe, expect, it } from "vitest";
import { sameSitePath } from "@/lib/http/next-path";

describe("sameSitePath", () => {
  it.each([
    // Dot segments that collapse into a scheme-relative `//host` (the open redirect of issue 22, item 10).
    "/.//evil.example",
    "/.//evil.example/x?y=1",
    "/%2e//evil.example",
    "/%2E//evil.example",
    "/x/..//evil.example",
    "/x/%2e%2e//evil.example",
    "/./\\evil.example",
    "/.\\/evil.example",
    "/x/../\\evil.example",
    // The plain forms.
    "//evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "https://evil.example/x",
    "http://partition-desk.invalid@evil.example/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "/\t/evil.example",
    "/\n/evil.example",
  ])("drops %j", (next) => {
    expect(sameSitePath(next)).toBeNull();
  });

  it.each([
    ["/", "/"],
    ["/evidence", "/evidence"],
    ["/evidence?state=pending#top", "/evidence?state=pending#top"],
    ["/runs/../plans", "/plans"],
    ["/./partitions/2026-04-17", "/partitions/2026-04-17"],
    // Encoded slashes stay encoded: a path on this site (a 404 at worst), not another host.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["evidence", "/evidence"],
    // Same scheme as the page, no host: a browser reads it as a path here.
    ["http:evil.example", "/evil.example"],
  ])("keeps %j as %j", (next, kept) => {
    expect(sameSitePath(next)).toBe(kept);
  });

  it("treats nothing as nothing", () => {
    expect(sameSitePath(undefined)).toBeNull();
    expect(sameSitePath("")).toBeNull();
  });
});
