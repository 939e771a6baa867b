// An asset step builds one asset of one partition inside a run. Steps sit behind a table (./index.ts): adding an
// asset means adding one module here and one row there.
import type { PartitionFacts } from "@/lib/domain/checks";
import type { RowDiff } from "@/lib/domain/diff";
import type { WriteOptions } from "@/lib/pipeline/store";
import type { PartitionKey } from "@/lib/domain/partition";
import type { PartitionTable } from "@/lib/pipeline/store";
import type { PartitionInput } from "@/lib/read-model/inputs";

export interface StepContext {
  runId: number;
  key: PartitionKey;
  input: PartitionInput;
  /** replay: re-ingest exactly this manifest's input, merged on the guard into the current rows. */
  replayManifestId: string | null;
  /** drill corrupt_priorities: write silver with every priority nulled. */
  corruptPriorities: boolean;
  /** The plan's attestation that the day truly has no data (input_present passes on 0 input). */
  emptyInputAttestation: string | null;
  /** Runs first inside every write transaction of the step; throws (writing nothing) when the run lost its lease. */
  /** Throws when the run's lease is gone: synchronous on SQLite (it runs inside the write's IMMEDIATE transaction),
   *  a query on PostgreSQL. */
  guard: () => void | Promise<void>;
  /** The lease check a PostgreSQL write runs in its own transaction (lib/pipeline/store.ts WriteOptions.fence). */
  fence?: WriteOptions["fence"];
}

export interface StepResult {
  rowsBefore: number;
  rowsAfter: number;
  /** The write against the rows it replaced (null: nothing was replaced). */
  diff: RowDiff | null;
  facts: PartitionFacts;
  /** The manifests whose input the asset now reflects, and their fingerprint (stale detection). */
  manifestIds: string[];
  fingerprint: string;
}

export interface AssetStep {
  asset: string;
  /** The table holding the asset's rows, when it has one (a cancelled run's write is undone there). */
  table?: PartitionTable;
  build(ctx: StepContext): Promise<StepResult>;
  /** restore: return the asset to a snapshot's rows in one transaction. Absent when the asset has no rows. */
  restore?(ctx: StepContext, rows: Record<string, unknown>[]): Promise<StepResult>;
}
