import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectGarbage, findOrphans } from '../src/store/gc.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { eventEnv, runCommand as run, type Inputs } from './helpers/commands.js';
import { makeArtifactDir } from './helpers/fixtures.js';
import { freshBucket, rgw } from './helpers/rgw.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';

/** One model on h100 in fp8; `tp` lists the TP axis, so a bump can leave the TP-2 cell behind. */
function matrixYaml(version: string, tp: number[]): string {
  const m = baseMatrix();
  m.models['llama-3.1-8b']!.version = version;
  m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['fp8'], batch: ['1-64'], tp };
  return yamlOf(m);
}

async function publishAt(ws: string, store: Inputs, version: string, tp: number[]): Promise<void> {
  await writeFile(path.join(ws, 'matrix.yml'), matrixYaml(version, tp));
  const { dir } = await makeArtifactDir('gc', 4096);
  for (const t of tp) {
    const published = await run(ws, { command: 'publish', matrix: 'matrix.yml', cell: `llama-3.1-8b/h100/fp8/tp${t}/b1-64`, 'artifact-dir': dir, ...store });
    expect(published.outputs.published).toBe('1');
  }
}

const resolve = (store: Inputs, model: string, tp?: number): Inputs => ({ command: 'resolve', model, gpu: 'h100', precision: 'fp8', ...(tp ? { tp: String(tp) } : {}), ...store });

/**
 * TP 2 was built once, at 1.3.0; TP 1 moved on to 1.4.0 and 1.5.0, and a 1.6.0 bump of both is
 * still building (the matrix says 1.6.0, nothing of it is stored yet). keep 1 must leave TP 2's
 * only artifact and whatever `resolve` answers today.
 */
async function perCellStory(store: Inputs): Promise<void> {
  const ws = workspace();
  await publishAt(ws, store, '1.3.0', [1, 2]);
  await publishAt(ws, store, '1.4.0', [1]);
  await publishAt(ws, store, '1.5.0', [1]);
  await writeFile(path.join(ws, 'matrix.yml'), matrixYaml('1.6.0', [1, 2]));

  const real = await run(ws, { command: 'gc', keep: '1', 'dry-run': 'false', matrix: 'matrix.yml', ...store });
  expect(real.outputs).toMatchObject({ deleted: '2', 'dry-run': 'false' });
  expect(real.lines.filter((l) => l.startsWith('deleting engine')).sort()).toEqual([
    expect.stringMatching(/^deleting engine llama-3\.1-8b\/h100\/fp8\/tp1\/b1-64@1\.3\.0 /),
    expect.stringMatching(/^deleting engine llama-3\.1-8b\/h100\/fp8\/tp1\/b1-64@1\.4\.0 /),
  ]);
  await expect(run(ws, resolve(store, 'llama-3.1-8b@^1', 2))).resolves.toMatchObject({ outputs: { version: '1.3.0' } });
  await expect(run(ws, resolve(store, 'llama-3.1-8b@^1', 1))).resolves.toMatchObject({ outputs: { version: '1.5.0' } });

  // Without the matrix gc only reports, and says what it cannot see.
  const dry = await run(ws, { command: 'gc', keep: '1', ...store });
  expect(dry.lines).toContain("warning: gc: no 'matrix' given; this dry run keeps only the newest versions per cell and cannot see what the matrix still resolves to");
  await expect(run(ws, { command: 'gc', keep: '1', 'dry-run': 'false', ...store })).rejects.toThrow(/input 'matrix' is required when input 'dry-run' is false/);
  await expect(run(ws, resolve(store, 'llama-3.1-8b@^1', 2))).resolves.toMatchObject({ outputs: { version: '1.3.0' } });
}

describe('gc', () => {
  it('keeps K versions per cell, never what the matrix resolves to, and deletes only with the matrix (local store)', async () => {
    await perCellStory({ store: 'store' });
  });

  it('keeps K versions per cell, never what the matrix resolves to, and deletes only with the matrix (Ceph RGW)', async () => {
    const url = `s3://${await freshBucket('gc')}/ef`;
    await perCellStory({ store: url, 's3-endpoint': rgw().endpoint, 's3-force-path-style': 'true', 'aws-region': 'us-east-1' });
  });

  it('keeps what resolve returns even when newer versions are pre-releases that no caret range takes', async () => {
    const ws = workspace();
    const store = { store: 'store' };
    await publishAt(ws, store, '1.5.0', [1]);
    await publishAt(ws, store, '2.0.0-rc.1', [1]);
    await publishAt(ws, store, '2.0.0-rc.2', [1]);
    // keep 1 by version alone would leave only 2.0.0-rc.2, and `@^1` or `@*` would find nothing.
    const real = await run(ws, { command: 'gc', keep: '1', 'dry-run': 'false', matrix: 'matrix.yml', ...store });
    expect(real.outputs.deleted).toBe('1');
    expect(real.lines.find((l) => l.startsWith('deleting'))).toMatch(/@2\.0\.0-rc\.1 /);
    await expect(run(ws, resolve(store, 'llama-3.1-8b@*'))).resolves.toMatchObject({ outputs: { version: '1.5.0' } });
    await expect(run(ws, resolve(store, 'llama-3.1-8b@^1'))).resolves.toMatchObject({ outputs: { version: '1.5.0' } });
  });

  it('expires a pull-request candidate after expire-candidates-after, and sweeps its files on the next run', async () => {
    const ws = workspace({ 'matrix.yml': matrixYaml('1.5.0', [1]) });
    const root = path.join(ws, 'store');
    const { dir } = await makeArtifactDir('gc-candidate', 4096);
    await run(ws, { command: 'publish', matrix: 'matrix.yml', cell: 'llama-3.1-8b/h100/fp8/tp1/b1-64', 'artifact-dir': dir, store: root }, eventEnv(ws, 'pull_request', { pr: 4 }));
    const store = new LocalArtifactStore(root);
    const options = { keepVersions: 3, matrix: [], olderThanHours: 24, candidatesOlderThanHours: 14 * 24, dryRun: false };
    const day = (n: number): Date => new Date(Date.now() + n * 24 * 3_600_000);
    // Ten days on, the pull request may still merge: its manifest and files stay.
    expect(await collectGarbage(store, { ...options, now: day(10) })).toMatchObject({ expiredCandidates: [], liveCandidates: 1, orphans: [] });
    const expired = await collectGarbage(store, { ...options, now: day(15) });
    expect(expired.expiredCandidates.map((c) => `${c.id}@${c.version}`)).toEqual(['llama-3.1-8b/h100/fp8/tp1/b1-64@1.5.0']);
    expect(expired.orphans).toEqual([]); // left to the next run
    expect(await store.list('engine', '', 'candidate')).toEqual([]);
    const next = await collectGarbage(store, { ...options, now: day(15) });
    expect(next.orphans).toEqual([expect.objectContaining({ prefix: expect.stringMatching(/^data\/engines\/llama-3\.1-8b\/h100\/fp8\/tp1\/b1-64\/1\.5\.0\/[0-9a-f]{64}\/[0-9a-z-]+\/$/) })]);
    expect(await store.listDataObjects()).toEqual([]);
  });

  it('refuses a sweep age that could catch a publish in progress, naming the input and the value', async () => {
    const ws = workspace({ 'matrix.yml': matrixYaml('1.4.0', [1]) });
    for (const value of ['0', '0h', '11h']) {
      await expect(run(ws, { command: 'gc', matrix: 'matrix.yml', 'abort-uploads-older-than': value })).rejects.toThrow(
        new RegExp(`input 'abort-uploads-older-than' must be at least 12h \\(got '${value}'\\): anything younger may belong to a publish still uploading`),
      );
    }
    await expect(run(ws, { command: 'gc', matrix: 'matrix.yml', 'expire-candidates-after': '1h' })).rejects.toThrow(/input 'expire-candidates-after' must be at least 12h \(got '1h'\)/);
    await expect(run(ws, { command: 'gc', matrix: 'matrix.yml', 'abort-uploads-older-than': '12h', 'expire-candidates-after': '2d' })).resolves.toMatchObject({ outputs: { 'dry-run': 'true' } });
  });

  it('matches data against manifests by prefix, with no scan of the references per object', () => {
    const fp = (n: number): string => n.toString(16).padStart(64, '0');
    const old = new Date(0);
    const objects = [
      { key: `data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(1)}/att-a/rank0.engine`, size: 5, modified: old },
      { key: `data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(1)}/att-b/rank0.engine`, size: 7, modified: old },
      { key: `data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(2)}/att-c/sub/x`, size: 1, modified: old },
      { key: `data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(3)}/att-d/x`, size: 1, modified: new Date(10_000) },
    ];
    // Attempt a is referenced; fingerprint 2 is referenced as a whole (a manifest without `data`).
    const referenced = new Set([`data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(1)}/att-a/`, `data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(2)}/`]);
    expect(findOrphans(objects, referenced, 5_000)).toEqual([{ prefix: `data/engines/m/h100/fp8/tp1/b1-64/1.0.0/${fp(1)}/att-b/`, objects: 1, bytes: 7, newest: old }]);
  });
});
