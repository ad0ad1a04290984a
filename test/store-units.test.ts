import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmi } from '../src/commands/provenance.js';
import { safeJoin } from '../src/store/artifact-dir.js';
import { planGc } from '../src/store/gc.js';
import { manifestDataPrefix, manifestKey } from '../src/store/layout.js';
import { signatureOf } from '../src/core/fingerprint.js';
import { parseModelSpec } from '../src/store/resolve-artifact.js';
import { parseS3Url } from '../src/store/s3/location.js';
import { attemptPrefixOf } from '../src/store/layout.js';
import { choosePartSize } from '../src/store/s3/upload.js';
import type { StoredArtifact } from '../src/store/store.js';
import { BufferPool, forEachLimit } from '../src/store/transfer/limits.js';
import { ShortBodyError, isRetryable, withRetry } from '../src/store/transfer/retry.js';

const MiB = 1024 * 1024;
const fp = (n: number): string => n.toString(16).padStart(64, '0');
const art = (id: string, version: string, n = 1): StoredArtifact => {
  const a = { kind: 'engine' as const, id, version, fingerprint: fp(n), signature: signatureOf({}) };
  return { ...a, key: manifestKey(a), modified: new Date(n * 1000) };
};

describe('store building blocks', () => {
  it('parses s3:// URLs and refuses bad ones, naming the input', () => {
    expect(parseS3Url('s3://acme-models/engine-forge/')).toEqual({ bucket: 'acme-models', prefix: 'engine-forge/' });
    expect(parseS3Url('s3://acme-models')).toEqual({ bucket: 'acme-models', prefix: '' });
    expect(() => parseS3Url('s3://Bad_Bucket/x')).toThrow(/store: expected s3:\/\/bucket\/prefix .*'s3:\/\/Bad_Bucket\/x'/);
    expect(() => parseS3Url('s3://acme/a/../b')).toThrow(/'\.' or '\.\.' segments/);
  });

  it('sizes parts so the largest file fits in S3 part limits', () => {
    expect(choosePartSize(2 * 1024 * MiB)).toBe(16 * MiB);
    const part = choosePartSize(150e9);
    expect(part % MiB).toBe(0);
    expect(Math.ceil(150e9 / part)).toBeLessThanOrEqual(9000);
  });

  it('keeps the newest K versions per cell, not per model, plus what the matrix still uses; never ranks non-semver', () => {
    const all = [art('a/h100/fp8/tp1/b1-64', '1.0.0', 1), art('a/h100/fp8/tp1/b1-64', '1.2.0', 2), art('a/h100/fp8/tp2/b1-64', '1.1.0', 3), art('a/h100/fp8/tp1/b1-64', '2.0.0', 4), art('b/h100/fp8/tp1/b1-64', '0.1.0', 5), art('a/h100/fp8/tp1/b1-64', 'nightly', 6), art('a/h100/fp8/tp1/b1-64', '0.9.0', 7)];
    const { remove, keep } = planGc(all, { keepVersions: 2, matrix: [{ kind: 'engine', id: 'a/h100/fp8/tp1/b1-64', version: '1.0.0', fingerprint: fp(1) }] });
    // The only TP-2 artifact stays although model a has two newer versions elsewhere.
    expect(remove.map((a) => a.version)).toEqual(['0.9.0']);
    expect(keep.map((k) => `${k.artifact.version}:${k.reason}`).sort()).toEqual(['0.1.0:newest', '1.0.0:current', '1.1.0:newest', '1.2.0:resolved', '2.0.0:resolved', 'nightly:unranked']);
  });

  it('parses model@range', () => {
    expect(parseModelSpec('llama-3.1-8b@^2')).toEqual({ model: 'llama-3.1-8b', range: '^2' });
    expect(parseModelSpec('llama-3.1-8b')).toEqual({ model: 'llama-3.1-8b', range: '*' });
    expect(() => parseModelSpec('../x@1')).toThrow(/model: expected name@<semver range>/);
  });

  it('refuses manifest paths that escape, and data prefixes outside the artifact', () => {
    expect(safeJoin('/d', 'a/b.engine')).toBe('/d/a/b.engine');
    for (const bad of ['../x', '/abs', 'a/../../x', 'a//b', '.']) expect(() => safeJoin('/d', bad)).toThrow(/would escape/);
    expect(() => safeJoin('/d', 'a\\b')).toThrow(/file path 'a\\b' contains a backslash/);
    expect(() => safeJoin('/d', 'a\nb')).toThrow(/file path 'a\\u000ab' contains a control character/);
    expect(() => safeJoin('/d', `${'x'.repeat(256)}.engine`)).toThrow(/has a name of 263 bytes/);
    expect(() => safeJoin('/d', '')).toThrow(/is empty/);
    const a = { kind: 'engine' as const, id: 'm/h100/fp8/tp1/b1-64', version: '1.0.0', fingerprint: fp(7) };
    expect(manifestDataPrefix(a, `data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(7)}/abc-1/`)).toMatch(/abc-1\/$/);
    expect(() => manifestDataPrefix(a, `data/engines/other/h100/fp8/tp1/b1-64/1.0.0/${fp(7)}/abc-1/`)).toThrow(/is not under/);
    expect(attemptPrefixOf(`data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(7)}/att-1/sub/rank0.engine`)).toBe(`data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(7)}/att-1/`);
  });

  it('retries network failures, throttling and short bodies, not client errors', async () => {
    const s3Error = (status: number): Error => Object.assign(new Error(`HTTP ${status}`), { $metadata: { httpStatusCode: status } });
    expect([503, 500, 429, 408].every((s) => isRetryable(s3Error(s)))).toBe(true);
    expect([400, 403, 404, 412].some((s) => isRetryable(s3Error(s)))).toBe(false);
    expect(isRetryable(new ShortBodyError('k', 10, 5))).toBe(true);
    expect(isRetryable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw s3Error(503);
        return 'ok';
      },
      { attempts: 5, baseDelayMs: 100, maxDelayMs: 150, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(delays).toHaveLength(2);
    expect(delays.every((d) => d >= 50 && d <= 150)).toBe(true);
    await expect(withRetry(async () => Promise.reject(s3Error(403)), { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow('HTTP 403');
  });

  it('bounds buffers in flight, and reports the first failure in time', async () => {
    const pool = new BufferPool(2, 1024);
    const a = await pool.acquire();
    await pool.acquire();
    let third = false;
    const waiting = pool.acquire().then(() => (third = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false);
    pool.release(a);
    await waiting;
    expect(third).toBe(true);

    const stopped: unknown[] = [];
    const run = forEachLimit(
      [30, 5, 50],
      3,
      async (ms, i) => {
        await new Promise((r) => setTimeout(r, ms));
        throw new Error(`item ${i}`);
      },
      (e) => stopped.push(e),
    );
    await expect(run).rejects.toThrow('item 1');
    expect(stopped).toHaveLength(1);
  });

  it('reads the GPU and driver from nvidia-smi output', () => {
    // Real output captured on an H200 machine.
    const csv = readFileSync(path.join(import.meta.dirname, 'fixtures/nvidia-smi-h200.csv'), 'utf8');
    expect(parseSmi(csv)).toEqual({ gpu: 'NVIDIA H200', driver: '580.159.04' });
    const [header, row] = csv.trim().split('\n');
    expect(parseSmi(`${header}\n${row}\n${row!.replace(/^0,/, '1,')}\n`)).toEqual({ gpu: '2 × NVIDIA H200', driver: '580.159.04' });
    expect(parseSmi(undefined)).toEqual({});
    expect(parseSmi('garbage')).toEqual({});
  });
});
