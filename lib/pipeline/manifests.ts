// Loading a manifest: validate the document (zod), verify each file's sha256 and record count, parse every
// line, then record the outcome. A rejected manifest is recorded with each problem named and nothing else
// changes; a valid one lands its lines in ManifestRecord, all in one transaction.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  describeProblems,
  manifestProblem,
  manifestProblems,
  manifestSchema,
  ticketEventSchema,
  type Manifest,
  type ManifestProblem,
} from "@/contracts/manifest";
import { audit } from "@/lib/audit";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { onPostgres } from "@/lib/raw";
import { partitionKeyOf, toUtcIso } from "@/lib/domain/partition";
import { manifestProblems as storedProblems } from "@/lib/store-json";
import { recordedOr, text, told, type Text } from "@/lib/i18n/text";

export type ManifestLoadResult =
  | { status: "valid"; manifestId: string; recordCount: number; alreadyLoaded: boolean }
  | {
      status: "rejected";
      manifestId: string | null;
      problems: ManifestProblem[];
      message: string;
      text: Text;
      alreadyLoaded: boolean;
    };

interface LandedRecord {
  lineNo: number;
  partitionKey: string;
  eventId: string;
  ticketId: string;
  eventTimeUtc: string;
  payload: string;
}

function sha256(data: Buffer | string): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** Verifies the files a schema-valid manifest names; returns the landed records or the problems. */
function readFiles(manifest: Manifest, baseDir: string): { records: LandedRecord[]; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const records: LandedRecord[] = [];
  let lineNo = 0;
  manifest.files.forEach((file, i) => {
    const field = `files[${i}]`;
    const filePath = path.resolve(baseDir, file.path);
    if (!filePath.startsWith(path.resolve(baseDir) + path.sep)) {
      problems.push(manifestProblem(`${field}.path`, text("manifestProblem.outsideFolder")));
      return;
    }
    if (!fs.existsSync(filePath)) {
      problems.push(manifestProblem(`${field}.path`, text("manifestProblem.fileNotFound", { path: file.path })));
      return;
    }
    const content = fs.readFileSync(filePath);
    const actualSha = sha256(content);
    if (actualSha !== file.sha256) {
      problems.push(manifestProblem(`${field}.sha256`, text("manifestProblem.shaMismatch", { actual: actualSha })));
    }
    const lines = content
      .toString("utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    if (lines.length !== file.record_count) {
      problems.push(
        manifestProblem(
          `${field}.record_count`,
          text("manifestProblem.countMismatch", { says: file.record_count, lines: lines.length }),
        ),
      );
    }
    lines.forEach((line, j) => {
      lineNo += 1;
      const where = `${field} line ${j + 1}`;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        problems.push(manifestProblem(where, text("manifestProblem.notJson")));
        return;
      }
      const event = ticketEventSchema.safeParse(json);
      if (!event.success) {
        problems.push(manifestProblem(where, describeProblems(manifestProblems(event.error))));
        return;
      }
      const e = event.data;
      const partitionKey = partitionKeyOf(e.event_time);
      const { start, end } = manifest.partition_window;
      if (partitionKey < start || partitionKey > end) {
        problems.push(
          manifestProblem(
            where,
            text("manifestProblem.outsideWindow", { eventId: e.event_id, key: partitionKey, start, end }),
          ),
        );
        return;
      }
      records.push({
        lineNo,
        partitionKey,
        eventId: e.event_id,
        ticketId: e.ticket_id,
        eventTimeUtc: toUtcIso(e.event_time),
        payload: JSON.stringify(e),
      });
    });
  });
  return { records, problems };
}

export interface LoadManifestOptions {
  operator: string;
  /** Folder the manifest's files[].path are relative to; defaults to the parent of the manifest's folder. */
  baseDir?: string;
}

export async function loadManifest(
  manifestFile: string,
  { operator, baseDir }: LoadManifestOptions,
): Promise<ManifestLoadResult> {
  const raw = fs.readFileSync(manifestFile);
  const contentSha256 = sha256(raw);
  const fileName = path.basename(manifestFile);

  const existing = await db.manifest.findUnique({ where: { contentSha256 } });
  if (existing) {
    const problems = storedProblems(existing.errors).map((p) => ({ ...p, text: recordedOr(p.text, p.message) }));
    return existing.status === "valid"
      ? { status: "valid", manifestId: existing.manifestId!, recordCount: existing.recordCount, alreadyLoaded: true }
      : {
          status: "rejected",
          manifestId: existing.manifestId,
          problems,
          ...told(rejection(fileName, problems)),
          alreadyLoaded: true,
        };
  }

  let json: unknown;
  let problems: ManifestProblem[] = [];
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    problems = [manifestProblem("(document)", text("manifestProblem.notJson"))];
  }
  const parsed = json === undefined ? null : manifestSchema.safeParse(json);
  if (parsed && !parsed.success) problems = manifestProblems(parsed.error);
  const manifest = parsed?.success ? parsed.data : null;
  const declaredId =
    typeof (json as { manifest_id?: unknown })?.manifest_id === "string"
      ? (json as { manifest_id: string }).manifest_id
      : null;

  const deliveryDir = baseDir ?? path.resolve(path.dirname(manifestFile), "..");
  let records: LandedRecord[] = [];
  if (manifest) {
    const sameId = await db.manifest.findFirst({ where: { manifestId: manifest.manifest_id, status: "valid" } });
    if (sameId) {
      problems.push(manifestProblem("manifest_id", text("manifestProblem.idTaken", { id: manifest.manifest_id })));
    } else {
      const read = readFiles(manifest, deliveryDir);
      problems.push(...read.problems);
      records = read.records;
    }
  }

  const status = problems.length === 0 && manifest ? "valid" : "rejected";
  await db.$transaction(async (tx) => {
    const row = await tx.manifest.create({
      data: {
        manifestId: declaredId,
        fileName,
        deliveryDir: storedDir(deliveryDir),
        contentSha256,
        status,
        errors: JSON.stringify(problems),
        source: manifest?.source ?? null,
        createdAt: manifest?.created_at ?? null,
        windowStart: manifest?.partition_window.start ?? null,
        windowEnd: manifest?.partition_window.end ?? null,
        recordCount: status === "valid" ? records.length : 0,
        loadedBy: operator,
        files: {
          create: ((json as { files?: unknown[] })?.files ?? [])
            .filter((f): f is Record<string, unknown> => typeof f === "object" && f !== null)
            .map((f) => ({
              path: typeof f.path === "string" ? f.path : "(missing)",
              sha256: typeof f.sha256 === "string" ? f.sha256 : null,
              recordCount: typeof f.record_count === "number" ? f.record_count : null,
            })),
        },
      },
    });
    if (status === "valid") {
      await tx.manifestRecord.createMany({ data: records.map((r) => ({ ...r, manifestPk: row.id })) });
      // Keep the expected-input aggregate of the partitions this manifest covers current.
      const { start, end } = manifest!.partition_window;
      await tx.$executeRaw`
        INSERT INTO "PartitionInput" ("partitionKey", "expectedCount")
        SELECT r."partitionKey", COUNT(DISTINCT r."ticketId")
        FROM "ManifestRecord" r ${Prisma.raw(onPostgres() ? "" : `INDEXED BY "ManifestRecord_partitionKey_ticketId_idx"`)}
        JOIN "Manifest" m ON m."id" = r."manifestPk"
        WHERE m."status" = 'valid' AND r."partitionKey" BETWEEN ${start} AND ${end}
        GROUP BY r."partitionKey"
        ON CONFLICT ("partitionKey") DO UPDATE SET "expectedCount" = excluded."expectedCount"`;
    }
    await audit(
      {
        actor: operator,
        action: "manifest.load",
        target: declaredId ?? fileName,
        outcome: status === "valid" ? "ok" : "refused",
        detail:
          status === "valid"
            ? { records: records.length }
            : { problems: problems.map((p) => text("manifestProblem.at", { field: p.field, problem: p.text })) },
      },
      tx,
    );
  });

  return status === "valid"
    ? { status, manifestId: manifest!.manifest_id, recordCount: records.length, alreadyLoaded: false }
    : { status, manifestId: declaredId, problems, ...told(rejection(fileName, problems)), alreadyLoaded: false };
}

function rejection(fileName: string, problems: ManifestProblem[]): Text {
  return text("manifestProblem.rejected", { file: fileName, problems: describeProblems(problems) });
}

/** Relative to the project when inside it, so a copied store (tests, another checkout) still finds its files. */
function storedDir(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel.startsWith("..") || path.isAbsolute(rel) ? dir : rel;
}

const hashCache = new Map<string, { mtimeMs: number; size: number; sha256: string; lines: number }>();

function fileFacts(file: string): { sha256: string; lines: number } {
  const stat = fs.statSync(file);
  const cached = hashCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  const content = fs.readFileSync(file);
  const facts = {
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    sha256: sha256(content),
    lines: content
      .toString("utf8")
      .split("\n")
      .filter((l) => l.trim() !== "").length,
  };
  hashCache.set(file, facts);
  return facts;
}

/** Re-verifies that the named manifests are valid and their files still match sha256 and record count. */
export async function verifyManifests(manifestIds: string[]): Promise<Text[]> {
  const manifests = await db.manifest.findMany({
    where: { manifestId: { in: manifestIds }, status: "valid" },
    include: { files: true },
  });
  const problems: Text[] = [];
  for (const id of manifestIds)
    if (!manifests.some((m) => m.manifestId === id)) problems.push(text("checkText.manifests.notValid", { id }));
  for (const m of manifests) {
    for (const f of m.files) {
      const file = path.resolve(m.deliveryDir, f.path);
      if (!fs.existsSync(file)) {
        problems.push(text("checkText.manifests.fileGone", { manifestId: m.manifestId ?? "", path: f.path }));
        continue;
      }
      const facts = fileFacts(file);
      const which = { manifestId: m.manifestId ?? "", path: f.path };
      if (facts.sha256 !== f.sha256) problems.push(text("checkText.manifests.shaDiffers", which));
      if (facts.lines !== f.recordCount)
        problems.push(
          text("checkText.manifests.countDiffers", { ...which, lines: facts.lines, count: f.recordCount ?? "null" }),
        );
    }
  }
  return problems;
}
