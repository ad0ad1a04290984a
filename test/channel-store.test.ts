import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEngine } from '../src/commands/engine-image.js';
import { deriveCells } from '../src/core/cells.js';
import type { EngineImageSpec } from '../src/core/engine-images.js';
import type { ArtifactStore } from '../src/store/artifact-store.js';
import { findCheckpoint } from '../src/store/checkpoint-artifact.js';
import { collectGarbage } from '../src/store/gc.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { promoteCandidate } from '../src/store/promote.js';
import { publishArtifact, type PublishTarget } from '../src/store/publish-artifact.js';
import type { StoredArtifact } from '../src/store/store.js';
import { eventEnv, runCommand as run } from './helpers/commands.js';
import { makeArtifactDir, sha256, target, tempDir } from './helpers/fixtures.js';
import { freshBucket, openStore } from './helpers/rgw.js';
import { baseMatrix, parsed, workspace, yamlOf } from './support/matrix.js';

const REV_A = 'a'.repeat(40);
const REV_B = 'b'.repeat(40);

function engine(id: string, version: string, revision: string, inputs: Record<string, unknown> = {}): PublishTarget {
  const t = target({ id, version });
  return { ...t, fingerprint: sha256(Buffer.from(`${id}@${version}@${revision}@${JSON.stringify(inputs)}`)), inputs: { ...t.inputs, source: 'meta-llama/Llama-3.1-8B', revision, ...inputs } };
}

async function candidateOf(store: ArtifactStore, t: PublishTarget): Promise<StoredArtifact> {
  const found = (await store.list(t.kind, t.id, 'candidate')).find((a) => a.fingerprint === t.fingerprint);
  expect(found).toBeDefined();
  return found!;
}

/** Version claims across channels: candidates never claim, promotion does. */
async function claims(store: ArtifactStore): Promise<void> {
  const { dir } = await makeArtifactDir('claims', 1024);
  const a = engine('llama-3.1-8b/h100/fp8/tp1/b1-64', '2.0.0', REV_A);
  const b = engine('llama-3.1-8b/h100/fp8/tp2/b1-64', '2.0.0', REV_B);
  // Two open pull requests put different revisions under 2.0.0: neither blocks the other.
  expect(await publishArtifact(store, a, dir, { channel: 'candidate' })).toMatchObject({ created: true, channel: 'candidate' });
  expect(await publishArtifact(store, b, dir, { channel: 'candidate' })).toMatchObject({ created: true, channel: 'candidate' });
  expect(await store.readVersionClaim('llama-3.1-8b', '2.0.0')).toBeUndefined();

  // The first to merge claims the version when its candidate is promoted.
  expect(await promoteCandidate(store, await candidateOf(store, a), 'run 1')).toMatchObject({ created: true, promoted: true });
  expect(await store.readVersionClaim('llama-3.1-8b', '2.0.0')).toMatchObject({ revision: REV_A });
  // The other cannot be promoted under it: the claim's message, as a build's publish would get.
  await expect(promoteCandidate(store, await candidateOf(store, b), 'run 2')).rejects.toThrow(/llama-3\.1-8b@2\.0\.0 is already published from source .* revision '?a{40}/);
  expect((await store.list('engine', 'llama-3.1-8b/h100/fp8/tp2/')).length).toBe(0);
  // And a new candidate with the other revision is refused up front (read-only check, no upload).
  const c = engine('llama-3.1-8b/h100/fp8/tp4/b1-64', '2.0.0', REV_B);
  await expect(publishArtifact(store, c, dir, { channel: 'candidate' })).rejects.toThrow(/already published from source/);
  expect(await store.list('engine', 'llama-3.1-8b/h100/fp8/tp4/', 'candidate')).toEqual([]);
}

/** Two default-branch plans promote the same candidate at once: both count it as promoted. */
async function racingPromotions(store: ArtifactStore): Promise<void> {
  const { dir } = await makeArtifactDir('race', 1024);
  const t = engine('llama-3.1-8b/h100/fp8/tp1/b1-64', '3.0.0', REV_A);
  await publishArtifact(store, t, dir, { channel: 'candidate' });
  const candidate = await candidateOf(store, t);
  const [first, second] = await Promise.all([promoteCandidate(store, candidate, 'run 1'), promoteCandidate(store, candidate, 'run 2')]);
  expect([first.created, second.created].sort()).toEqual([false, true]);
  // The loser's 412 meets a manifest with the other run's promotedBy, yet the same files.
  expect(first.promoted && second.promoted).toBe(true);
  expect(first.manifest.data).toBe(second.manifest.data);
  expect((await store.list('engine', t.id)).filter((a) => a.version === '3.0.0').length).toBe(1);
}

describe('the pull-request channel in the store', () => {
  it('candidates never claim a version (two open pull requests do not block each other); promotion claims and refuses a second model (local)', async () => {
    await claims(new LocalArtifactStore(await tempDir('ch-claims')));
  });

  it('the same on Ceph RGW, and two racing promotions of one candidate both succeed', async () => {
    const store = openStore(`s3://${await freshBucket('ch-claims')}/ef`);
    await claims(store);
    await racingPromotions(store);
  });

  it('the default branch promotes a pull request\'s checkpoint candidate instead of quantizing again', async () => {
    const ws = workspace({ 'matrix.yml': yamlOf(baseMatrix()) });
    const root = path.join(ws, 'store');
    const store = new LocalArtifactStore(root);
    const [checkpoint] = deriveCells(parsed(yamlOf(baseMatrix()))).checkpoints;
    const { id, model, version, fingerprint, inputs, digests } = checkpoint!;
    const { dir } = await makeArtifactDir('ch-ckpt', 1024);
    await publishArtifact(store, { kind: 'checkpoint', id, model, version, fingerprint, inputs, digests, toolchain: {}, provenance: { pullRequest: 7 } }, dir, { channel: 'candidate' });
    const plan = { command: 'plan', matrix: 'matrix.yml', comment: 'false', store: root, 'plan-file': path.join(ws, 'plan.json') } as const;
    type Json = { counts: { promoted: number }; checkpoints: { id: string; status: string; promoted?: boolean }[] };
    // The pull request's own plan counts it as built; the default branch promotes it.
    const pr = (await run(ws, plan, eventEnv(ws, 'pull_request', { pr: 7 }))).json as Json;
    expect(pr.checkpoints.find((c) => c.id === id)).toMatchObject({ status: 'skip' });
    const main = await run(ws, plan, eventEnv(ws, 'push'));
    // Only the other model's checkpoint is left to quantize.
    expect(main.outputs['checkpoint-count']).toBe('1');
    expect((main.json as Json).counts.promoted).toBe(1);
    expect((main.json as Json).checkpoints.find((c) => c.id === id)).toMatchObject({ status: 'skip', promoted: true });
    expect((await store.list('checkpoint', id)).map((a) => a.fingerprint)).toEqual([fingerprint]);
  });
});

describe("a pull request's jobs build on its own candidates", () => {
  it('its engine image finds its candidate engine and its engines their candidate checkpoint; the default branch does not', async () => {
    const store = new LocalArtifactStore(await tempDir('ch-own'));
    const { dir } = await makeArtifactDir('ch-own', 1024);
    const e = engine('llama-3.1-8b/h100/fp8/tp1/b1-64', '4.0.0', REV_A);
    const c = { ...engine('llama-3.1-8b/fp8', '4.0.0', REV_A), kind: 'checkpoint' as const };
    await publishArtifact(store, e, dir, { channel: 'candidate' });
    await publishArtifact(store, c, dir, { channel: 'candidate' });
    const spec = { id: e.id, engine: { id: e.id, fingerprint: e.fingerprint } } as EngineImageSpec;
    expect(await findEngine(store, spec, 'candidate')).toMatchObject({ id: e.id, fingerprint: e.fingerprint });
    await expect(findEngine(store, spec)).rejects.toThrow(/does not hold yet/);
    expect(await findCheckpoint(store, { id: c.id, fingerprint: c.fingerprint }, 'candidate')).toMatchObject({ fingerprint: c.fingerprint });
    expect(await findCheckpoint(store, { id: c.id, fingerprint: c.fingerprint })).toBeUndefined();
  });
});

describe('gc with checkpoints and engine images', () => {
  it('keeps the checkpoint a kept engine starts from and the engine a kept image bakes; never touches claims or timing caches', async () => {
    const root = await tempDir('ch-gc');
    const store = new LocalArtifactStore(root);
    const { dir } = await makeArtifactDir('gc', 1024);
    const ckpt = (version: string): PublishTarget => ({ ...engine('llama-3.1-8b/fp8', version, REV_A), kind: 'checkpoint' });
    const old = ckpt('1.0.0');
    await publishArtifact(store, ckpt('0.9.0'), dir);
    await publishArtifact(store, old, dir);
    await publishArtifact(store, ckpt('1.1.0'), dir);
    // 1.2.0's engines reuse the checkpoint stored under 1.0.0 (its fingerprint leaves the version out).
    const oldEngine = engine('llama-3.1-8b/h100/fp8/tp1/b1-64', '1.1.0', REV_A, { 'checkpoint-fingerprint': old.fingerprint });
    const newEngine = engine('llama-3.1-8b/h100/fp8/tp1/b1-64', '1.2.0', REV_A, { 'checkpoint-fingerprint': old.fingerprint });
    await publishArtifact(store, oldEngine, dir);
    await publishArtifact(store, newEngine, dir);
    // The cell's TensorRT-LLM image still bakes (and fetches at start) the 1.1.0 engine.
    const image = { ...engine('llama-3.1-8b/h100/fp8/tp1/b1-64', '1.2.0', REV_A, { 'engine-fingerprint': oldEngine.fingerprint }), kind: 'image' as const };
    await publishArtifact(store, image, dir);
    const cache = path.join(dir, 'timing.cache');
    await writeFile(cache, 'tactics');
    await store.putTimingCache('NVIDIA H100 80GB HBM3', '1.2.0', cache);

    const report = await collectGarbage(store, { keepVersions: 1, matrix: [], olderThanHours: 24, candidatesOlderThanHours: 24, dryRun: false, now: new Date(Date.now() + 48 * 3_600_000) });
    // K = 1 per cell and kind would also take checkpoint 1.0.0 and engine 1.1.0; both are still used.
    expect(report.removed.map((a) => `${a.kind} ${a.version}`)).toEqual(['checkpoint 0.9.0']);
    expect((await store.list('checkpoint')).map((a) => a.version).sort()).toEqual(['1.0.0', '1.1.0']);
    expect((await store.list('engine')).map((a) => a.version).sort()).toEqual(['1.1.0', '1.2.0']);
    expect(report.orphans).toEqual([]);
    expect(await store.readVersionClaim('llama-3.1-8b', '1.0.0')).toBeDefined();
    expect(await store.getTimingCache('NVIDIA H100 80GB HBM3', '1.2.0', path.join(dir, 'back.cache'))).toBe(true);
  });
});
