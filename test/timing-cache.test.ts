import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactStore } from '../src/store/artifact-store.js';
import { timingCacheKey } from '../src/store/layout.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { sha256, tempDir } from './helpers/fixtures.js';
import { freshBucket, openStore, rawClient } from './helpers/rgw.js';

// The timing cache is shared by every build of a GPU model × TensorRT-LLM version: a build that
// reads a half-written one would feed TensorRT garbage, so puts and gets are whole or nothing.
const GPU = 'NVIDIA H100 80GB HBM3';
const VERSION = '1.2.0rc3';

async function cacheFile(dir: string, name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

function contract(name: string, open: () => Promise<ArtifactStore>): void {
  describe(`timing cache in the ${name} store`, () => {
    it('misses, then returns what was put, then the replacement', async () => {
      const store = await open();
      const dir = await tempDir('timing');
      const into = path.join(dir, 'in', 'timing.cache');
      expect(await store.getTimingCache(GPU, VERSION, into)).toBe(false);
      expect(existsSync(into)).toBe(false);

      const first = randomBytes(3 * 1024 * 1024 + 17);
      await store.putTimingCache(GPU, VERSION, await cacheFile(dir, 'a.cache', first));
      expect(await store.getTimingCache(GPU, VERSION, into)).toBe(true);
      expect(sha256(await readFile(into))).toBe(sha256(first));

      const second = randomBytes(1024);
      await store.putTimingCache(GPU, VERSION, await cacheFile(dir, 'b.cache', second));
      expect(await store.getTimingCache(GPU, VERSION, into)).toBe(true);
      expect(sha256(await readFile(into))).toBe(sha256(second));
      expect((await readdir(path.dirname(into))).sort()).toEqual(['timing.cache']); // no temporary left behind
    });

    it('keeps one cache per GPU model × TensorRT-LLM version', async () => {
      const store = await open();
      const dir = await tempDir('timing');
      await store.putTimingCache(GPU, '1.0.0', await cacheFile(dir, 'h100.cache', Buffer.from('h100 1.0.0')));
      await store.putTimingCache('NVIDIA H100 PCIe', '1.0.0', await cacheFile(dir, 'pcie.cache', Buffer.from('pcie 1.0.0')));
      await store.putTimingCache(GPU, '1.1.0', await cacheFile(dir, 'next.cache', Buffer.from('h100 1.1.0')));
      const read = async (gpu: string, version: string): Promise<string> => {
        const file = path.join(dir, `${randomBytes(4).toString('hex')}.out`);
        expect(await store.getTimingCache(gpu, version, file)).toBe(true);
        return readFile(file, 'utf8');
      };
      expect(await read(GPU, '1.0.0')).toBe('h100 1.0.0');
      expect(await read('NVIDIA H100 PCIe', '1.0.0')).toBe('pcie 1.0.0');
      expect(await read(GPU, '1.1.0')).toBe('h100 1.1.0');
      expect(await store.getTimingCache('NVIDIA H200', '1.0.0', path.join(dir, 'none'))).toBe(false);
    });

    it('racing writers and readers: every read is one writer\'s cache, whole', async () => {
      const store = await open();
      const dir = await tempDir('timing');
      const version = `race-${randomBytes(4).toString('hex')}`;
      const bodies = await Promise.all([0, 1, 2, 3].map((i) => randomBytes(2 * 1024 * 1024 + i * 4099)));
      const files = await Promise.all(bodies.map((b, i) => cacheFile(dir, `w${i}.cache`, b)));
      await store.putTimingCache(GPU, version, files[0]!);
      const written = new Set(bodies.map(sha256));
      const reads = [0, 1, 2, 3, 4, 5].map(async (i) => {
        const file = path.join(dir, `r${i}.cache`);
        expect(await store.getTimingCache(GPU, version, file)).toBe(true);
        return sha256(await readFile(file));
      });
      const [seen] = await Promise.all([Promise.all(reads), ...files.map((f) => store.putTimingCache(GPU, version, f))]);
      for (const digest of seen) expect(written.has(digest)).toBe(true);
      const last = path.join(dir, 'last.cache');
      await store.getTimingCache(GPU, version, last);
      expect(written.has(sha256(await readFile(last)))).toBe(true);
    });
  });
}

describe('timing cache keys', () => {
  it('are per GPU model × version, reduced to safe characters', () => {
    expect(timingCacheKey('NVIDIA H100 80GB HBM3', '1.2.0rc3')).toBe('caches/timing/nvidia-h100-80gb-hbm3/1.2.0rc3.cache');
    expect(timingCacheKey('NVIDIA A100-SXM4-80GB', '1.0.0+cu128')).toBe('caches/timing/nvidia-a100-sxm4-80gb/1.0.0-cu128.cache');
    expect(timingCacheKey('../../manifests/engines', '1.0')).toBe('caches/timing/manifests-engines/1.0.cache');
    expect(() => timingCacheKey('..', '1.0')).toThrow('timing cache: GPU model ".." has no usable characters');
  });
});

contract('local', async () => new LocalArtifactStore(await tempDir('timing-store')));

describe('local timing cache', () => {
  it('lives at its key under the store root, and a failed put leaves the old cache and no temporary', async () => {
    const root = await tempDir('timing-store');
    const store = new LocalArtifactStore(root);
    const dir = await tempDir('timing');
    await store.putTimingCache(GPU, VERSION, await cacheFile(dir, 'a.cache', Buffer.from('old')));
    const at = path.join(root, 'caches', 'timing', 'nvidia-h100-80gb-hbm3', '1.2.0rc3.cache');
    expect(await readFile(at, 'utf8')).toBe('old');
    await expect(store.putTimingCache(GPU, VERSION, path.join(dir, 'missing.cache'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(at, 'utf8')).toBe('old');
    expect(await readdir(path.dirname(at))).toEqual(['1.2.0rc3.cache']);
  });
});

describe('S3 timing cache on Ceph RGW', () => {
  let bucket: string;
  beforeAll(async () => {
    bucket = await freshBucket('timing');
  });
  contract('S3', async () => openStore(`s3://${bucket}/fleet`));

  it('is one object at its key with its SHA-256, and a damaged object is refused, not used', async () => {
    const store = openStore(`s3://${bucket}/damage`);
    const dir = await tempDir('timing');
    const body = randomBytes(64 * 1024);
    await store.putTimingCache(GPU, VERSION, await cacheFile(dir, 'a.cache', body));
    const key = `damage/${timingCacheKey(GPU, VERSION)}`;
    const raw = rawClient();
    const head = await raw.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.Metadata).toEqual({ sha256: sha256(body) });

    // Someone rewrites the bytes but not the recorded digest.
    await raw.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: randomBytes(64 * 1024), Metadata: { sha256: sha256(body) } }));
    raw.destroy();
    const into = path.join(dir, 'in.cache');
    await expect(store.getTimingCache(GPU, VERSION, into)).rejects.toThrow(`${key} failed verification: expected sha256 ${sha256(body)}`);
    expect(existsSync(into)).toBe(false);
    expect(await readdir(dir)).toEqual(['a.cache']);
  });
});
