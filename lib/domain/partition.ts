// Daily partitions keyed by the UTC date of the event. Pure: no I/O.
import { quoted } from "@/lib/domain/text";
import { render, text, told, type Text } from "@/lib/i18n/text";

export type PartitionKey = string & { readonly __brand: "PartitionKey" };

const KEY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export class PartitionKeyError extends Error {}

/** Why `value` is not a partition key, or null when it is one (a real calendar day, YYYY-MM-DD). */
export function partitionKeyProblemText(value: string): Text | null {
  const m = KEY_SHAPE.exec(value);
  if (!m) return text("partition.notAKey", { value: quoted(value) });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return text("partition.notARealDate", { value: quoted(value) });
  }
  return null;
}

/** The same problem in English (configuration, logs). */
export function partitionKeyProblem(value: string): string | null {
  const problem = partitionKeyProblemText(value);
  return problem && render(problem, "en");
}

export function isPartitionKey(value: string): value is PartitionKey {
  return partitionKeyProblem(value) === null;
}

export function parsePartitionKey(value: string): PartitionKey {
  const problem = partitionKeyProblem(value);
  if (problem) throw new PartitionKeyError(problem);
  return value as PartitionKey;
}

/** The partition an event belongs to: the UTC date of its instant, whatever offset it was written with. */
export function partitionKeyOf(eventTime: string): PartitionKey {
  return toUtcIso(eventTime).slice(0, 10) as PartitionKey;
}

/** An instant as the pages show it: `YYYY-MM-DD HH:MM:SS UTC` (times are always UTC, and say so). */
export function utcTimestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** ISO-8601 with an explicit offset → the same instant as `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export function toUtcIso(eventTime: string): string {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(eventTime)) {
    throw new PartitionKeyError(`event_time "${eventTime}" has no UTC offset`);
  }
  const ms = Date.parse(eventTime);
  if (Number.isNaN(ms)) throw new PartitionKeyError(`event_time "${eventTime}" is not an ISO-8601 time`);
  return new Date(ms).toISOString();
}

export interface PartitionWindow {
  window_start: string;
  window_end: string;
}

/** The exact window of a partition, as the lesson writes it (microsecond end, explicit +00:00). */
export function partitionWindow(key: PartitionKey): PartitionWindow {
  return { window_start: `${key}T00:00:00+00:00`, window_end: `${key}T23:59:59.999999+00:00` };
}

export function addDays(key: PartitionKey, days: number): PartitionKey {
  return new Date(Date.parse(`${key}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10) as PartitionKey;
}

/** Every key from `from` to `to`, both included. */
export function partitionRange(from: PartitionKey, to: PartitionKey): PartitionKey[] {
  const keys: PartitionKey[] = [];
  for (let k = from; k <= to; k = addDays(k, 1)) keys.push(k);
  return keys;
}

export interface PartitionsDefinition {
  start: PartitionKey;
  end: PartitionKey;
}

export function inDefinition(def: PartitionsDefinition, key: PartitionKey): boolean {
  return key >= def.start && key <= def.end;
}

export type RangeResult =
  { ok: true; from: PartitionKey; to: PartitionKey } | { ok: false; message: string; text: Text };

function outOfRange(t: Text): RangeResult {
  return { ok: false, ...told(t) };
}

/** Validates a from/to pair against the partitions definition; every problem gets its own message. */
export function checkRange(def: PartitionsDefinition, from: string, to: string): RangeResult {
  const fromProblem = partitionKeyProblemText(from);
  if (fromProblem) return outOfRange(text("partition.rangeFrom", { problem: fromProblem }));
  const toProblem = partitionKeyProblemText(to);
  if (toProblem) return outOfRange(text("partition.rangeTo", { problem: toProblem }));
  if (to < from) return outOfRange(text("partition.endsBeforeStart", { from, to }));
  const f = from as PartitionKey;
  const t = to as PartitionKey;
  if (!inDefinition(def, f) || !inDefinition(def, t)) {
    return outOfRange(text("partition.outsideDefinition", { from, to, start: def.start, end: def.end }));
  }
  return { ok: true, from: f, to: t };
}
