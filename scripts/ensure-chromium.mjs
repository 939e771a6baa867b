// Playwright drives Debian's Chromium (its own browser download cannot work here). Install it when missing, and a
// CJK font with it: without one, Chinese pages render as empty boxes in screenshots (Debian's fonts-noto-cjk).
import { execSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  console.log(`Chromium not found at ${CHROMIUM}: installing Debian's chromium package (needs root and apt)…`);
  const sudo = process.getuid && process.getuid() !== 0 ? "sudo " : "";
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
    stdio: "inherit",
  });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

function hasCjkFont() {
  try {
    return execSync("fc-list :lang=zh family", { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
}

export function ensureCjkFont() {
  if (hasCjkFont()) return;
  console.log(
    "No CJK font found: installing Debian's fonts-noto-cjk so Chinese pages are readable in screenshots (needs root and apt)…",
  );
  const sudo = process.getuid && process.getuid() !== 0 ? "sudo " : "";
  execSync(
    `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk`,
    { stdio: "inherit" },
  );
  if (!hasCjkFont()) throw new Error("apt-get installed fonts-noto-cjk but fc-list still lists no Chinese font");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureChromium();
  ensureCjkFont();
}
