import { benchKey, type BenchRecord, type LevelRecord, type Runtime } from '../../src/core/bench-record.js';

/** A benchmark record with a chosen tokens/s curve, TTFT and cold start (for compare and resolve). */
export function benchRecord(runtime: Runtime, curve: [number, number][], opts: { cell?: string; ttftMs?: number; coldStartS?: number | null; errors?: number; finishedAt?: string; gpuModel?: string } = {}): BenchRecord {
  const cell = opts.cell ?? 'llama/h100/fp8/tp1/b1-64';
  const [model, gpu, precision] = cell.split('/') as [string, string, string];
  const settings = { dataset: { kind: 'synthetic' as const, seed: 1, inputLen: 1024 }, outputLen: 128, concurrencies: curve.map(([c]) => c), requestsPerLevel: 64 };
  const parts = { cell, runtime, artifactFingerprint: 'f'.repeat(64), imageDigest: runtime === 'vllm' ? 'sha256:' + 'e'.repeat(64) : null, gpuModel: opts.gpuModel ?? 'NVIDIA H100 80GB HBM3', gpuCount: 1, settings };
  const p = (x: number) => ({ mean: x, p50: x, p90: x * 1.5, p99: x * 2 });
  const levels: LevelRecord[] = curve.map(([concurrency, tps]) => ({
    concurrency, requests: 64, completed: 64 - (concurrency === curve.at(-1)![0] ? (opts.errors ?? 0) : 0), errors: concurrency === curve.at(-1)![0] ? (opts.errors ?? 0) : 0,
    errorKinds: concurrency === curve.at(-1)![0] && opts.errors ? [{ error: 'HTTP 503', count: opts.errors }] : [],
    durationS: 10, ttftMs: p((opts.ttftMs ?? 50) * concurrency / 8), itlMs: p(10), tpotMs: p(10), e2eMs: p(1000), outputTokens: tps * 10, inputTokens: 64 * 1024, outputTokensPerS: tps, requestsPerS: 6.4,
  }));
  return {
    schema: 'engine-forge/benchmark@1', key: benchKey(parts), model, gpu, precision, tp: 1, batchMax: 64, ...parts,
    coldStart: opts.coldStartS === null ? null : { healthyS: (opts.coldStartS ?? 40) - 1, firstTokenS: opts.coldStartS ?? 40 },
    levels, startedAt: '2026-11-29T17:00:00.000Z', finishedAt: opts.finishedAt ?? '2026-11-29T17:05:00.000Z',
  };
}
