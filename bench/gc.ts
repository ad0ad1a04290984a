// gc benchmark: a store holding 10,000 artifacts (5,000 cells × 2 versions) and their data, plus
// 1,000 orphan attempts, swept by a dry run (everything is listed, read and matched; nothing is
// deleted, so every run sees the same store). Local store: 10 files per artifact (100,000 data
// objects). Ceph RGW (opt-in, EF_BENCH_GC_S3=1 with EF_S3_ENDPOINT set): 1 file per artifact, since
// seeding 100,000 objects on a shared test machine takes longer than the sweep being measured, and
// 21,000 objects briefly take real space on the test cluster's small OSD.
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MANIFEST_SCHEMA, type Manifest } from '../src/core/manifest.js';
import { collectGarbage, findOrphans } from '../src/store/gc.js';
import { attemptDataPrefix } from '../src/store/layout.js';
import type { ArtifactStore } from '../src/store/artifact-store.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { S3Store } from '../src/store/s3/s3-store.js';
import { forEachLimit } from '../src/store/transfer/limits.js';
import { median } from './measure.js';

const RUNS = Number(process.env.EF_BENCH_RUNS ?? 3);
const CELLS = 5_000;
const ORPHANS = 1_000;
const hex = (n: number): string => n.toString(16).padStart(64, '0');

/** The artifacts: cell i at 1.0.0 and 1.1.0, each with its own attempt prefix. */
function manifests(): Manifest[] {
  const now = new Date().toISOString();
  const list: Manifest[] = [];
  for (let i = 0; i < CELLS; i++) {
    for (const [v, version] of ['1.0.0', '1.1.0'].entries()) {
      const id = `model-${i % 10}/h100/fp8/tp${(i % 8) + 1}/b1-${i}`;
      const address = { kind: 'engine' as const, id, version, fingerprint: hex(i * 2 + v + 1) };
      list.push({
        schema: MANIFEST_SCHEMA, kind: 'engine', id, model: `model-${i % 10}`, version, fingerprint: address.fingerprint, inputs: {}, digests: {},
        files: [], data: attemptDataPrefix(address, `a${i}-${v}`), toolchain: {}, provenance: {}, createdAt: now, completedAt: now,
      });
    }
  }
  return list;
}

/** Data keys: `perArtifact` files under each manifest's attempt, and orphan attempts beside kept ones. */
function dataKeys(list: readonly Manifest[], perArtifact: number): string[] {
  const keys: string[] = [];
  for (const m of list) for (let f = 0; f < perArtifact; f++) keys.push(`${m.data}rank${f}.engine`);
  for (let o = 0; o < ORPHANS; o++) keys.push(`${list[o * 2 + 1]!.data!.replace(/a\d+-\d+\/$/, `lost-${o}/`)}rank0.engine`);
  return keys;
}

async function sweep(label: string, store: ArtifactStore, objects: number): Promise<string> {
  const later = new Date(Date.now() + 48 * 3_600_000); // every object is past the sweep cutoff
  const times: number[] = [];
  let report;
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    report = await collectGarbage(store, { keepVersions: 1, matrix: [], olderThanHours: 24, candidatesOlderThanHours: 336, dryRun: true, now: later });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  if (report?.removed.length !== CELLS || report.orphans.length !== ORPHANS) throw new Error(`${label}: unexpected report (${report?.removed.length} removed, ${report?.orphans.length} orphans)`);
  return `${label.padEnd(52)} wall ${median(times).toFixed(3)} s  (${CELLS * 2} manifests, ${objects} data objects; would delete ${CELLS}, ${ORPHANS} orphan prefixes)`;
}

export async function benchGc(): Promise<void> {
  const list = manifests();
  console.log(`gc benchmark: dry run over ${list.length} artifacts, median of ${RUNS} runs in-process`);

  // The matching step alone, as the issue measured it (21.5 s before, quadratic).
  const keys = dataKeys(list, 10);
  const objects = keys.map((key) => ({ key, size: 1, modified: new Date(0) }));
  const referenced = new Set(list.map((m) => m.data!));
  const match: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    if (findOrphans(objects, referenced, Date.now()).length !== ORPHANS) throw new Error('matching: wrong orphan count');
    match.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  console.log(`${'matching data to manifests (pure)'.padEnd(52)} wall ${median(match).toFixed(3)} s  (${list.length} references, ${objects.length} objects)`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-bench-gc-'));
  try {
    const store = new LocalArtifactStore(path.join(dir, 'store'));
    for (const m of list) await store.commitManifest(m);
    for (const key of keys) {
      const file = path.join(dir, 'store', ...key.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'x');
    }
    console.log(await sweep('local store: full gc dry run', store, keys.length));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const endpoint = process.env.EF_S3_ENDPOINT;
  if (!endpoint || process.env.EF_BENCH_GC_S3 !== '1') {
    console.log('Ceph RGW: skipped (set EF_BENCH_GC_S3=1 and source .engine-forge/services/ceph-rgw.env to run it)');
    return;
  }
  process.env.AWS_ACCESS_KEY_ID ??= process.env.EF_S3_ACCESS_KEY_ID;
  process.env.AWS_SECRET_ACCESS_KEY ??= process.env.EF_S3_SECRET_ACCESS_KEY;
  const bucket = `ef-bench-gc-${Date.now().toString(36)}`;
  const s3 = new S3Store({ url: `s3://${bucket}/ef`, endpoint, forcePathStyle: true, region: process.env.EF_S3_REGION ?? 'us-east-1' });
  await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
  const s3Keys = dataKeys(list, 1);
  await forEachLimit(list, 32, async (m) => void (await s3.commitManifest(m)));
  await forEachLimit(s3Keys, 32, async (key) => void (await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: `ef/${key}`, Body: 'x' }))));
  try {
    console.log(await sweep('Ceph RGW: full gc dry run (32 manifest GETs in flight)', s3, s3Keys.length));
  } finally {
    await emptyAndDelete(s3, bucket);
  }
}

/** Removes the benchmark's bucket, 1,000 keys per DeleteObjects request. */
async function emptyAndDelete(store: S3Store, bucket: string): Promise<void> {
  for (;;) {
    const page = await store.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length === 0) break;
    await store.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
  }
  await store.client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGc();
