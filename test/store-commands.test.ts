import { appendFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../src/commands/context.js';
import { Settings, type InputName } from '../src/inputs.js';
import { commands } from '../src/commands/index.js';
import { scanArtifactDir } from '../src/store/artifact-dir.js';
import { attemptDataPrefix } from '../src/store/layout.js';
import { makeArtifactDir, sha256, target, tempDir } from './helpers/fixtures.js';
import { freshBucket, openStore, rgw } from './helpers/rgw.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';

const CELL = 'llama-3.1-8b/h100/fp8/tp1/b1-64';

function matrixYaml(version: string): string {
  const m = baseMatrix();
  m.models['llama-3.1-8b']!.version = version;
  m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['fp8'], batch: ['1-64'], tp: [1] };
  return yamlOf(m);
}

async function run(ws: string, inputs: Partial<Record<InputName, string>>): Promise<CommandResult & { lines: string[] }> {
  const lines: string[] = [];
  const settings = new Settings({ kind: 'action', get: (name) => inputs[name] }, { GITHUB_WORKSPACE: ws });
  const command = commands[settings.command()];
  const result = await command({ settings, log: { info: (l) => lines.push(l), warning: (l) => lines.push(`warning: ${l}`), notice: (l) => lines.push(l) } });
  return { ...result, lines };
}

/** The same command-level story on both stores: publish, plan skips it, resolve + download, gc. */
async function storyOn(store: Record<string, string>): Promise<void> {
  const ws = workspace({ 'matrix.yml': matrixYaml('1.4.0') });
  const { dir, contents } = await makeArtifactDir('cmd', 2 * 1024 * 1024 + 3);
  const before = await run(ws, { command: 'plan', matrix: 'matrix.yml', ...store });

  const published = await run(ws, { command: 'publish', matrix: 'matrix.yml', cell: JSON.stringify({ name: 'x', 'runs-on': ['gpu-h100'], cells: [CELL] }), 'artifact-dir': dir, ...store });
  expect(published.outputs.published).toBe('1');
  // The local store keeps manifests in a flat directory, the key URI-encoded into the file name.
  expect(decodeURIComponent(published.outputs.manifest!)).toMatch(new RegExp(`manifests/engines/${CELL}/1\\.4\\.0/[0-9a-f]{64}\\.m[0-9a-f]{10}t[0-9a-f]{10}c[0-9a-f]{10}\\.json$`));
  expect(published.outputs.uri).toMatch(new RegExp(`data/engines/${CELL}/1\\.4\\.0/[0-9a-f]{64}/[0-9a-z-]+/?$`));
  expect(published.json).toEqual([
    expect.objectContaining({
      created: true,
      manifest: expect.objectContaining({ id: CELL, version: '1.4.0', files: expect.arrayContaining([{ path: 'rank0.engine', size: contents.get('rank0.engine')!.length, sha256: sha256(contents.get('rank0.engine')!) }]) }),
    }),
  ]);
  const again = await run(ws, { command: 'publish', matrix: 'matrix.yml', cell: CELL, 'artifact-dir': dir, ...store });
  expect(again.outputs.published).toBe('0');
  // Said once, in the result: not also in the log.
  expect(again.text).toMatch(/already published/);
  expect(again.lines.join('\n')).not.toMatch(/already published/);

  const after = await run(ws, { command: 'plan', matrix: 'matrix.yml', ...store });
  expect(Number(after.outputs['build-count'])).toBe(Number(before.outputs['build-count']) - 1);

  await writeFile(path.join(ws, 'matrix.yml'), matrixYaml('1.5.0'));
  await run(ws, { command: 'publish', matrix: 'matrix.yml', cell: CELL, 'artifact-dir': dir, ...store });

  const newest = await run(ws, { command: 'resolve', model: 'llama-3.1-8b@^1', gpu: 'h100', precision: 'fp8', download: 'engines/llama', ...store });
  expect(newest.outputs.version).toBe('1.5.0');
  expect(decodeURIComponent(newest.outputs.manifest!)).toMatch(/manifests\/engines\/llama-3\.1-8b\/h100\/fp8\/tp1\/b1-64\/1\.5\.0\/[0-9a-f]{64}\.m[0-9a-f]{10}t[0-9a-f]{10}c[0-9a-f]{10}\.json$/);
  expect(newest.outputs.image).toBe('');
  for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(ws, 'engines/llama', rel)))).toBe(sha256(bytes));
  const older = await run(ws, { command: 'resolve', model: 'llama-3.1-8b@~1.4', gpu: 'h100', precision: 'fp8', tp: '1', batch: '1-64', ...store });
  expect(older.outputs.version).toBe('1.4.0');

  const dry = await run(ws, { command: 'gc', keep: '1', ...store });
  expect(dry.outputs).toMatchObject({ deleted: '1', 'dry-run': 'true' });
  await expect(run(ws, { command: 'resolve', model: 'llama-3.1-8b@~1.4', gpu: 'h100', precision: 'fp8', ...store })).resolves.toBeTruthy();
  // The matrix still plans 1.5.0; keep 1 removes 1.4.0 for real.
  const real = await run(ws, { command: 'gc', keep: '1', 'dry-run': 'false', matrix: 'matrix.yml', ...store });
  expect(real.outputs).toMatchObject({ deleted: '1', 'dry-run': 'false' });
  await expect(run(ws, { command: 'resolve', model: 'llama-3.1-8b@~1.4', gpu: 'h100', precision: 'fp8', ...store })).rejects.toThrow(/no complete artifact .*1\.5\.0/);
  await expect(run(ws, { command: 'resolve', model: 'llama-3.1-8b@^1', gpu: 'h100', precision: 'fp8', ...store })).resolves.toMatchObject({ outputs: { version: '1.5.0' } });
}

describe('publish, resolve and gc commands', () => {
  it('work on the local directory store', async () => {
    await storyOn({ store: '.engine-forge/store' });
  });

  it('work on S3 (Ceph RGW) with s3-endpoint and path-style addressing', async () => {
    const bucket = await freshBucket('cmd');
    await storyOn({ store: `s3://${bucket}/ci`, 's3-endpoint': rgw().endpoint, 's3-force-path-style': 'true', 'aws-region': 'us-east-1' });
  });

  it('name the input when the cell is unknown or the directory is missing', async () => {
    const ws = workspace({ 'matrix.yml': matrixYaml('1.4.0') });
    await expect(run(ws, { command: 'publish', matrix: 'matrix.yml', cell: 'nope/h100/fp8/tp1/b1-64', 'artifact-dir': 'out' })).rejects.toThrow(
      /cell 'nope\/h100\/fp8\/tp1\/b1-64' is not in 'matrix.yml'/,
    );
    await expect(run(ws, { command: 'publish', matrix: 'matrix.yml', cell: CELL, 'artifact-dir': 'missing' })).rejects.toThrow(/artifact-dir: '[^']*missing' is not a readable directory/);
    await expect(run(ws, { command: 'gc', 'abort-uploads-older-than': 'soon' })).rejects.toThrow(/input 'abort-uploads-older-than' must be a number of hours .*'soon'/);
  });
});

describe('artifact directories', () => {
  let url: string;
  beforeAll(async () => {
    url = `s3://${await freshBucket('dirs')}/x`;
  });

  it('refuse symlinks that leave the directory, and non-regular files', async () => {
    const { symlink } = await import('node:fs/promises');
    const { execFileSync } = await import('node:child_process');
    const outside = await tempDir('outside');
    await writeFile(path.join(outside, 'secret'), 'x');
    const escaping = await tempDir('escaping');
    await writeFile(path.join(escaping, 'a.engine'), 'a');
    await symlink(path.join(outside, 'secret'), path.join(escaping, 'leak'));
    await expect(scanArtifactDir(escaping)).rejects.toThrow(/symlink 'leak' leaves the directory/);

    const inside = await tempDir('inside');
    await mkdir(path.join(inside, 'sub'));
    await writeFile(path.join(inside, 'sub/real.engine'), 'bytes');
    await symlink('sub/real.engine', path.join(inside, 'alias.engine'));
    expect((await scanArtifactDir(inside)).map((f) => [f.path, f.size])).toEqual([
      ['alias.engine', 5],
      ['sub/real.engine', 5],
    ]);

    const fifo = await tempDir('fifo');
    execFileSync('mkfifo', [path.join(fifo, 'pipe')]);
    await expect(scanArtifactDir(fifo)).rejects.toThrow(/'pipe' is not a regular file/);
    await expect(scanArtifactDir(await tempDir('empty'))).rejects.toThrow(/holds no files/);
  });

  it('refuse a file that changes while it is being uploaded', async () => {
    const { dir } = await makeArtifactDir('growing', 12 * 1024 * 1024);
    const files = await scanArtifactDir(dir);
    const store = openStore(url);
    const t = target({ id: 'growing/h100/fp8/tp1/b1-64' });
    let grown = false;
    const putting = store.putFiles(t, attemptDataPrefix(t, 'test-attempt'), files, {
      onBytes: () => {
        if (!grown) appendFileSync(path.join(dir, 'rank0.engine'), 'more bytes from a build that is still running');
        grown = true;
      },
    });
    await expect(putting).rejects.toThrow(/'rank0.engine' changed while it was being read/);
    expect(await store.listPendingUploads()).toEqual([]);
  });
});
