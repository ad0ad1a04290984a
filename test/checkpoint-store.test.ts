import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { collectGarbage } from '../src/store/gc.js';
import type { ArtifactStore } from '../src/store/artifact-store.js';
import { findCheckpoint } from '../src/store/checkpoint-artifact.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { publishArtifact } from '../src/store/publish-artifact.js';
import { downloadArtifact } from '../src/store/resolve-artifact.js';
import { freshBucket, openStore } from './helpers/rgw.js';
import { baseMatrix, parsed, yamlOf } from './support/matrix.js';

// A checkpoint is an artifact like the others in both stores: published, found by fingerprint,
// downloaded verified — and its data is referenced, so gc's orphan sweep never deletes it.
async function roundTrip(store: ArtifactStore): Promise<void> {
  const [checkpoint] = deriveCells(parsed(yamlOf(baseMatrix()))).checkpoints;
  expect(checkpoint!.id).toBe('llama-3.1-8b/fp8');
  const dir = await mkdtemp(join(tmpdir(), 'ef-ckpt-src-'));
  await writeFile(join(dir, 'config.json'), '{}');
  await writeFile(join(dir, 'hf_quant_config.json'), '{"quantization":{"quant_algo":"FP8"}}');
  await writeFile(join(dir, 'model.safetensors'), 'weights');
  const { id, model, version, fingerprint, inputs, digests } = checkpoint!;
  const published = await publishArtifact(store, { kind: 'checkpoint', id, model, version, fingerprint, inputs, digests, toolchain: {}, provenance: {} }, dir);
  expect(published.created).toBe(true);

  expect(await findCheckpoint(store, { id, fingerprint: 'f'.repeat(64) })).toBeUndefined();
  const manifest = await findCheckpoint(store, { id, fingerprint });
  expect(manifest).toMatchObject({ kind: 'checkpoint', id, version: '1.4.0', fingerprint });

  // Everything is old enough to sweep: only unreferenced data may go, and the checkpoint's is referenced.
  const report = await collectGarbage(store, { keepVersions: 1, matrix: [], olderThanHours: 0, candidatesOlderThanHours: 0, dryRun: false, now: new Date(Date.now() + 3_600_000) });
  expect(report.orphans).toEqual([]);
  const out = await mkdtemp(join(tmpdir(), 'ef-ckpt-out-'));
  await downloadArtifact(store, manifest!, join(out, 'ckpt'));
  await rm(dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
}

describe('checkpoint artifacts', () => {
  it('round-trip through the local store, and gc keeps their data', async () => {
    await roundTrip(new LocalArtifactStore(await mkdtemp(join(tmpdir(), 'ef-ckpt-store-'))));
  });

  it('round-trip through Ceph RGW, and gc keeps their data', async () => {
    const bucket = await freshBucket('ckpt');
    await roundTrip(openStore(`s3://${bucket}/fleet`));
  });
});
