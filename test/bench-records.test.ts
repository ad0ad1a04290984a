import { describe, expect, it } from 'vitest';
import { benchKey, levelRecord, type BenchRecord, type BenchSettings } from '../src/core/bench-record.js';
import { summarizeLevel } from '../src/core/bench-stats.js';
import type { ArtifactStore } from '../src/store/artifact-store.js';
import { hasBenchRecord, readBenchRecords, saveBenchRecord } from '../src/store/bench-records.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { tempDir } from './helpers/fixtures.js';
import { freshBucket, openStore } from './helpers/rgw.js';

const settings: BenchSettings = { dataset: { kind: 'synthetic', seed: 1, inputLen: 128 }, outputLen: 64, concurrencies: [1, 2], requestsPerLevel: 8 };
const FP = 'a'.repeat(64);

function record(overrides: Partial<BenchRecord> = {}): BenchRecord {
  const parts = { cell: 'llama/h100/fp8/tp1/b1-64', runtime: 'trtllm' as const, artifactFingerprint: FP, imageDigest: null, gpuModel: 'NVIDIA H100 80GB HBM3', gpuCount: 1, settings };
  const level = levelRecord(summarizeLevel(1, [{ start: 0, end: 100, tokenTimes: [10, 100], outputTokens: 2, inputTokens: 5 }], 100));
  return {
    schema: 'engine-forge/benchmark@1',
    key: benchKey(parts),
    model: 'llama',
    gpu: 'h100',
    precision: 'fp8',
    tp: 1,
    batchMax: 64,
    ...parts,
    coldStart: { healthyS: 10, firstTokenS: 11 },
    levels: [level, levelRecord(summarizeLevel(2, [], 0))],
    startedAt: '2026-11-29T17:00:00.000Z',
    finishedAt: '2026-11-29T17:05:00.000Z',
    ...overrides,
  };
}

describe('benchmark record keys', () => {
  it('move with the artifact, image digest, GPU and settings, and with nothing else', () => {
    const base = { cell: 'c', runtime: 'vllm' as const, artifactFingerprint: FP, imageDigest: 'sha256:1', gpuModel: 'H100', gpuCount: 1, settings };
    const key = benchKey(base);
    expect(benchKey({ ...base })).toBe(key);
    for (const change of [{ artifactFingerprint: 'b'.repeat(64) }, { imageDigest: 'sha256:2' }, { gpuModel: 'H200' }, { gpuCount: 2 }, { settings: { ...settings, outputLen: 65 } }, { settings: { ...settings, concurrencies: [1, 2, 4] } }, { runtime: 'trtllm' as const }]) {
      expect(benchKey({ ...base, ...change })).not.toBe(key);
    }
  });

  it('a level with no successful request stores nulls, not NaN (which JSON cannot hold)', () => {
    const empty = levelRecord(summarizeLevel(4, [{ start: 0, end: 1, tokenTimes: [], outputTokens: 0, inputTokens: 0, error: 'HTTP 500' }], 1));
    expect(empty.ttftMs).toEqual({ mean: null, p50: null, p90: null, p99: null });
    expect(empty.errors).toBe(1);
  });
});

function contract(name: string, open: () => Promise<ArtifactStore>): void {
  describe(`benchmark records in the ${name} store`, () => {
    it('are written create-only, found by cell, and a forced re-run supersedes without overwriting', async () => {
      const store = await open();
      const r = record();
      expect(await hasBenchRecord(store, r.cell, 'trtllm', r.key)).toBe(false);
      expect(await readBenchRecords(store, r.cell)).toEqual([]);
      const saved = await saveBenchRecord(store, r);
      expect(saved).toEqual({ created: true, key: `benchmarks/${r.cell}/trtllm/${r.key}/2026-11-29T17-05-00-000Z.json` });
      expect(await hasBenchRecord(store, r.cell, 'trtllm', r.key)).toBe(true);
      // The same object again: refused, the first stays.
      expect((await saveBenchRecord(store, { ...r, levels: [] })).created).toBe(false);
      expect(await readBenchRecords(store, r.cell)).toEqual([r]);
      // A forced re-run is a new object; readers take the newest of the key.
      const again = { ...r, finishedAt: '2026-11-29T18:00:00.000Z', coldStart: { healthyS: 9, firstTokenS: 9.5 } };
      expect((await saveBenchRecord(store, again)).created).toBe(true);
      const vllm = record({ runtime: 'vllm', imageDigest: 'sha256:abc' });
      await saveBenchRecord(store, vllm);
      const found = await readBenchRecords(store, r.cell);
      expect(found.map((x) => [x.runtime, x.coldStart?.healthyS])).toEqual([['trtllm', 9], ['vllm', 10]]);
      // Another cell's records stay out of this cell's.
      expect(await readBenchRecords(store, 'llama/h100/fp8/tp1/b1-8')).toEqual([]);
    });
  });
}

contract('local', async () => new LocalArtifactStore(await tempDir('bench-records')));
contract('S3 (Ceph RGW)', async () => openStore(`s3://${await freshBucket('bench-records')}/pre/fix`));
