// The process's secrets: SESSION_SECRET signs session cookies, EVIDENCE_SECRET keys the evidence MAC. Outside demo
// mode both are required (lib/config.ts refuses to start without them). In demo mode a missing one is a random
// 32-byte key kept beside the database — created atomically (a crash or a full disk can never leave an empty or
// short key behind), and refused if anything shorter is found there.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

const MIN_BYTES = 32;
const cache = new Map<string, string>();

export class SecretError extends Error {}

function keptSecret(name: string): string {
  const file = path.join(path.dirname(config().databaseFile), name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
    const fd = fs.openSync(tmp, "wx", 0o600);
    try {
      fs.writeSync(fd, crypto.randomBytes(MIN_BYTES).toString("base64url"));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // link, not rename: of two processes creating it at once, the first wins and both read the same key.
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const value = fs.readFileSync(file, "utf8").trim();
  if (Buffer.byteLength(value) < MIN_BYTES)
    throw new SecretError(
      `${file} holds ${Buffer.byteLength(value)} bytes, fewer than ${MIN_BYTES}: delete it to create a new key (everyone signs in again)`,
    );
  return value;
}

function secret(name: "session-secret" | "evidence-secret", fromEnv: string | undefined): string {
  const known = cache.get(name);
  if (known) return known;
  const value = fromEnv ?? keptSecret(name);
  cache.set(name, value);
  return value;
}

export function sessionSecret(): string {
  return secret("session-secret", config().sessionSecret);
}

export function evidenceSecret(): string {
  return secret("evidence-secret", config().evidenceSecret);
}
