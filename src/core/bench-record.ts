import { z } from 'zod';
import type { LevelStats, Percentiles } from './bench-stats.js';
import { canonicalJson, sha256Hex } from './canonical.js';

/**
 * A benchmark record: what one runtime measured for one engine cell on one GPU with one set of
 * bench settings. Records sit beside the artifacts (`benchmarks/<cell id>/<runtime>/<key>/…`),
 * are written create-only and never change a fingerprint: a benchmark observes an artifact, it
 * is not an input of one.
 */
export const BENCH_RECORD_SCHEMA = 'engine-forge/benchmark@1';
export const Runtime = z.enum(['trtllm', 'vllm']);
export type Runtime = z.infer<typeof Runtime>;
export const RUNTIME_NAMES: Record<Runtime, string> = { trtllm: 'TensorRT-LLM', vllm: 'vLLM' };

const percentiles = z.strictObject({ mean: z.number().nullable(), p50: z.number().nullable(), p90: z.number().nullable(), p99: z.number().nullable() });

export const LevelRecord = z.strictObject({
  concurrency: z.number().int().positive(),
  requests: z.number().int().nonnegative(),
  completed: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  errorKinds: z.array(z.strictObject({ error: z.string(), count: z.number().int().positive() })),
  durationS: z.number().nonnegative(),
  ttftMs: percentiles,
  itlMs: percentiles,
  tpotMs: percentiles,
  e2eMs: percentiles,
  outputTokens: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokensPerS: z.number().nonnegative(),
  requestsPerS: z.number().nonnegative(),
});
export type LevelRecord = z.infer<typeof LevelRecord>;

/** The settings that make two runs comparable; all of them are in the record's key. */
export const BenchSettings = z.strictObject({
  /** `synthetic` (seeded) or the SHA-256 of the JSONL prompts file. */
  dataset: z.union([z.strictObject({ kind: z.literal('synthetic'), seed: z.number().int(), inputLen: z.number().int().positive() }), z.strictObject({ kind: z.literal('jsonl'), sha256: z.string().regex(/^[0-9a-f]{64}$/) })]),
  outputLen: z.number().int().positive(),
  concurrencies: z.array(z.number().int().positive()).min(1),
  requestsPerLevel: z.number().int().positive(),
});
export type BenchSettings = z.infer<typeof BenchSettings>;

export const BenchRecord = z.strictObject({
  schema: z.literal(BENCH_RECORD_SCHEMA),
  key: z.string().regex(/^[0-9a-f]{24}$/),
  cell: z.string(),
  model: z.string(),
  gpu: z.string(),
  precision: z.string(),
  tp: z.number().int().positive(),
  batchMax: z.number().int().positive(),
  runtime: Runtime,
  /** The artifact served: the engine cell's fingerprint for TensorRT-LLM, the image's for vLLM. */
  artifactFingerprint: z.string(),
  /** The container image's digest (`sha256:…`); null when the runtime ran natively. */
  imageDigest: z.string().nullable(),
  /** nvidia-smi's product name and the number of GPUs used. */
  gpuModel: z.string(),
  gpuCount: z.number().int().positive(),
  settings: BenchSettings,
  /** Process start → /health 200, and → first streamed token; null for an `endpoint` run. */
  coldStart: z.strictObject({ healthyS: z.number().nonnegative(), firstTokenS: z.number().nonnegative() }).nullable(),
  levels: z.array(LevelRecord),
  startedAt: z.string(),
  finishedAt: z.string(),
});
export type BenchRecord = z.infer<typeof BenchRecord>;

export interface BenchKeyParts {
  cell: string;
  runtime: Runtime;
  artifactFingerprint: string;
  imageDigest: string | null;
  gpuModel: string;
  gpuCount: number;
  settings: BenchSettings;
}

/** The record's key: a digest of everything that makes its figures what they are. */
export function benchKey(p: BenchKeyParts): string {
  return sha256Hex(canonicalJson({ schema: BENCH_RECORD_SCHEMA, ...p })).slice(0, 24);
}

export const BENCH_PREFIX = 'benchmarks/';

/** `benchmarks/<cell id>/` — every record of a cell, both runtimes. */
export function benchCellPrefix(cell: string): string {
  return `${BENCH_PREFIX}${cell}/`;
}

/** `benchmarks/<cell id>/<runtime>/<key>/` — the runs of one key (more than one only when forced). */
export function benchKeyPrefix(cell: string, runtime: Runtime, key: string): string {
  return `${benchCellPrefix(cell)}${runtime}/${key}/`;
}

/** One run's object: its finish time orders forced re-runs, newest last. */
export function benchRecordKey(record: Pick<BenchRecord, 'cell' | 'runtime' | 'key' | 'finishedAt'>): string {
  return `${benchKeyPrefix(record.cell, record.runtime, record.key)}${record.finishedAt.replace(/[:.]/g, '-')}.json`;
}

/** NaN (a level with no successful request) is not JSON: store it as null. */
export function levelRecord(stats: LevelStats): LevelRecord {
  const fix = (p: Percentiles) => ({
    mean: Number.isFinite(p.mean) ? p.mean : null,
    p50: Number.isFinite(p.p50) ? p.p50 : null,
    p90: Number.isFinite(p.p90) ? p.p90 : null,
    p99: Number.isFinite(p.p99) ? p.p99 : null,
  });
  return { ...stats, errorKinds: stats.errorKinds.map((k) => ({ ...k })), ttftMs: fix(stats.ttftMs), itlMs: fix(stats.itlMs), tpotMs: fix(stats.tpotMs), e2eMs: fix(stats.e2eMs) };
}
