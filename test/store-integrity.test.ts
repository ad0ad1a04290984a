import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { readFile, readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeImageCommand } from '../src/commands/image.js';
import { commands } from '../src/commands/index.js';
import { deriveCells } from '../src/core/cells.js';
import type { Exec } from '../src/image/builders.js';
import { MANIFEST_SCHEMA } from '../src/core/manifest.js';
import { Settings, type InputName } from '../src/inputs.js';
import type { ArtifactStore } from '../src/store/artifact-store.js';
import { manifestDataPrefix } from '../src/store/layout.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { publishArtifact, type PublishTarget } from '../src/store/publish-artifact.js';
import { unreferencedData } from '../src/store/gc.js';
import { downloadArtifact, resolveArtifact } from '../src/store/resolve-artifact.js';
import { makeArtifactDir, sha256, target, tempDir } from './helpers/fixtures.js';
import { freshBucket, openStore, rawClient } from './helpers/rgw.js';
import { baseMatrix, parsed, workspace, yamlOf } from './support/matrix.js';

const REV_A = 'a'.repeat(40);
const REV_B = 'b'.repeat(40);

/** A cell of `model` at `version` built from `revision` (the fingerprint follows every input). */
function cell(model: string, revision: string, overrides: Partial<PublishTarget> = {}): PublishTarget {
  const id = overrides.id ?? `${model}/h100/fp8/tp1/b1-64`;
  const version = overrides.version ?? '1.4.0';
  const toolchain = overrides.toolchain ?? { trtllm: '1.2.0' };
  return target({
    id,
    version,
    toolchain,
    fingerprint: sha256(Buffer.from(JSON.stringify([id, version, revision, toolchain]))),
    inputs: { source: 'acme/llama', revision, version, gpu: 'h100', precision: 'fp8', tp: 1, batch: '1-64' },
    ...overrides,
  });
}

interface Backend {
  name: string;
  open(): Promise<ArtifactStore>;
  /** Removes one stored object (a data file), as an operator or a bad lifecycle rule would. */
  remove(store: ArtifactStore, key: string): Promise<void>;
}

let bucket: string;
beforeAll(async () => {
  bucket = await freshBucket('integrity');
});

const backends: Backend[] = [
  {
    name: 'the local directory store',
    open: async () => new LocalArtifactStore(await tempDir('integrity-local')),
    remove: async (store, key) => unlink(path.join(store.location, key)),
  },
  {
    name: 'S3 (Ceph RGW)',
    open: async () => openStore(`s3://${bucket}/${randomBytes(4).toString('hex')}`),
    remove: async (store, key) => {
      const [, prefix] = /^s3:\/\/[^/]+\/(.*)$/.exec(store.location)!;
      await rawClient().send(new DeleteObjectCommand({ Bucket: bucket, Key: `${prefix!.replace(/\/?$/, '/')}${key}` }));
    },
  },
];

describe.each(backends)('store integrity on $name', (backend) => {
  it('refuses, before any upload, a file name that download would refuse, naming the file', async () => {
    const store = await backend.open();
    for (const bad of ['sub\\rank0.engine', 'line\nbreak.engine']) {
      const { dir } = await makeArtifactDir('bad-name', 1024);
      await writeFile(path.join(dir, bad), 'bytes');
      await expect(publishArtifact(store, cell('names', REV_A), dir)).rejects.toThrow(
        /^artifact-dir: file '(sub\\rank0\.engine' contains a backslash|line\\u000abreak\.engine' contains a control character).*rename it before publishing$/,
      );
    }
    expect(await store.list('engine')).toEqual([]);
    expect(await unreferencedData(store)).toEqual([]);
    expect(await store.listPendingUploads()).toEqual([]);
  });

  it('a version means one model: a second revision under a published version is refused, a toolchain bump is not', async () => {
    const store = await backend.open();
    const a = await makeArtifactDir('rev-a', 1024);
    const b = await makeArtifactDir('rev-b', 2048);
    expect(await publishArtifact(store, cell('llama', REV_A), a.dir)).toMatchObject({ created: true });

    const refused = /llama@1\.4\.0 is already published from source 'acme\/llama' revision 'a{40}' \(.*commit abc123.*\); this publish has source 'acme\/llama' revision 'b{40}'\. A version means one model/;
    await expect(publishArtifact(store, cell('llama', REV_B), b.dir)).rejects.toThrow(refused);
    // Another cell of the same model version is the same model.
    await expect(publishArtifact(store, cell('llama', REV_B, { id: 'llama/h100/fp8/tp2/b1-64' }), b.dir)).rejects.toThrow(refused);
    // A client that skips publish's early check meets the store's own refusal.
    const now = new Date().toISOString();
    const image = cell('llama', REV_B, { kind: 'image', id: 'llama/fp8/nvidia' });
    await expect(
      store.commitManifest({ schema: MANIFEST_SCHEMA, ...image, files: [], image: 'registry.example/m@sha256:' + 'c'.repeat(64), createdAt: now, completedAt: now }),
    ).rejects.toThrow(refused);

    const resolved = await resolveArtifact(store, { model: 'llama@1.4.0', gpu: 'h100', precision: 'fp8' });
    expect(resolved.manifest.inputs.revision).toBe(REV_A);
    const out = path.join(await tempDir('rev-out'), 'engine');
    await downloadArtifact(store, resolved.manifest, out);
    for (const [rel, bytes] of a.contents) expect(sha256(await readFile(path.join(out, rel)))).toBe(sha256(bytes));

    const bumped = await publishArtifact(store, cell('llama', REV_A, { toolchain: { trtllm: '1.3.0' } }), b.dir);
    expect(bumped).toMatchObject({ created: true });
    expect((await resolveArtifact(store, { model: 'llama@1.4.0', gpu: 'h100', precision: 'fp8' })).manifest.toolchain).toEqual({ trtllm: '1.3.0' });
    // A new version may carry the new revision.
    expect(await publishArtifact(store, cell('llama', REV_B, { version: '1.5.0' }), b.dir)).toMatchObject({ created: true });
    expect(await unreferencedData(store)).toEqual([]);
  });

  it('a version published before claims existed is claimed for the model its artifacts hold', async () => {
    const store = await backend.open();
    const { dir } = await makeArtifactDir('legacy', 1024);
    expect(await publishArtifact(store, cell('legacy', REV_A), dir)).toMatchObject({ created: true });
    await backend.remove(store, 'models/legacy/1.4.0.json'); // as a store written by an older engine-forge
    await expect(publishArtifact(store, cell('legacy', REV_B), dir)).rejects.toThrow(/legacy@1\.4\.0 is already published from .* revision 'a{40}'.* A version means one model/);
    // A client that skips publish's check: the store claims the version for the stored model and refuses.
    const now = new Date().toISOString();
    const other = cell('legacy', REV_B, { id: 'legacy/h100/fp8/tp2/b1-64' });
    await expect(store.commitManifest({ schema: MANIFEST_SCHEMA, ...other, files: [], createdAt: now, completedAt: now })).rejects.toThrow(/A version means one model/);
    expect(await store.readVersionClaim('legacy', '1.4.0')).toMatchObject({ revision: REV_A });
    expect(await store.list('engine', 'legacy/')).toHaveLength(1);
  });

  it('racing first publishers of one version with different revisions: one revision wins, the other is refused', async () => {
    const store = await backend.open();
    const revisions = [REV_A, REV_B, REV_A, REV_B];
    const dirs = await Promise.all(revisions.map((_, i) => makeArtifactDir(`race-${i}`, 1024)));
    // One store instance per publisher, as separate runs would have.
    const publisher = (): ArtifactStore => (store instanceof LocalArtifactStore ? new LocalArtifactStore(store.root) : openStore(store.location));
    const settled = await Promise.allSettled(revisions.map((rev, i) => publishArtifact(publisher(), cell('race', rev), dirs[i]!.dir)));
    const claim = await store.readVersionClaim('race', '1.4.0');
    expect([REV_A, REV_B]).toContain(claim?.revision);
    settled.forEach((s, i) => {
      if (revisions[i] === claim!.revision) expect(s.status).toBe('fulfilled');
      else expect(s).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringMatching(/A version means one model/) }) });
    });
    const resolved = await resolveArtifact(store, { model: 'race@1.4.0', gpu: 'h100', precision: 'fp8' });
    expect(resolved.manifest.inputs.revision).toBe(claim!.revision);
    expect(await unreferencedData(store)).toEqual([]);
  });

  it('a file gone from the store: resolve says the data is gone, download names the file and its key', async () => {
    const store = await backend.open();
    const { dir } = await makeArtifactDir('gone', 1024 * 1024);
    const published = await publishArtifact(store, cell('gone', REV_A), dir);
    if (!published.created) throw new Error('expected a fresh publish');
    const key = `${manifestDataPrefix(published.manifest, published.manifest.data)}rank1.engine`;
    await backend.remove(store, key);

    await expect(resolveArtifact(store, { model: 'gone@1.4.0', gpu: 'h100', precision: 'fp8' })).rejects.toThrow(
      /^resolve: gone\/h100\/fp8\/tp1\/b1-64@1\.4\.0 is damaged: its manifest .*manifests.* lists 5 files, but 1 is gone from .*data\/engines\/gone\/.* \('rank1\.engine'\); delete that manifest and publish the cell again$/,
    );
    const parent = await tempDir('gone-out');
    const download = downloadArtifact(store, published.manifest, path.join(parent, 'engine'));
    await expect(download).rejects.toThrow(/^artifact file 'rank1\.engine' is missing from the store \(nothing at .*data\/engines\/gone\/h100\/fp8\/tp1\/b1-64\/1\.4\.0\/[0-9a-f]{64}\/[0-9a-z-]+\/rank1\.engine\)/);
    await expect(download).rejects.not.toThrow(/UnknownError/);
    expect(await readdir(parent)).toEqual([]);
  });
});


describe('the publish command', () => {
  it('refuses a changed revision under a published version, naming both, and resolve keeps the first', async () => {
    const m = baseMatrix();
    const ws = workspace({ 'matrix.yml': yamlOf(m) });
    const run = (inputs: Partial<Record<InputName, string>>) => {
      const settings = new Settings({ kind: 'action', get: (name) => ({ store: 'store', ...inputs })[name] }, { GITHUB_WORKSPACE: ws });
      return commands[settings.command()]({ settings, log: { info: () => {}, warning: () => {}, notice: () => {} } });
    };
    const cellId = 'llama-3.1-8b/h100/fp8/tp1/b1-64';
    const first = await makeArtifactDir('cmd-a', 1024);
    await run({ command: 'publish', matrix: 'matrix.yml', cell: cellId, 'artifact-dir': first.dir });
    m.models['llama-3.1-8b']!.revision = REV_B;
    await writeFile(path.join(ws, 'matrix.yml'), yamlOf(m));
    const second = await makeArtifactDir('cmd-b', 1024);
    await expect(run({ command: 'publish', matrix: 'matrix.yml', cell: cellId, 'artifact-dir': second.dir })).rejects.toThrow(
      /^llama-3\.1-8b@1\.4\.0 is already published from source 'meta-llama\/Llama-3\.1-8B-Instruct' revision '0e9e39f2.*; this publish has .* revision 'b{40}'\. A version means one model: give the changed model a new version \(models\.llama-3\.1-8b\.version in the matrix\)$/,
    );
    // The image job of the same version refuses before it builds or moves a tag.
    const image = deriveCells(parsed(yamlOf(m))).images.find((i) => i.id === 'llama-3.1-8b/fp8/nvidia')!;
    const noBuild: Exec = async (command) => {
      throw new Error(`no builder should run, but ${command.file} was called`);
    };
    const imageInputs: Partial<Record<InputName, string>> = { store: 'store', matrix: 'matrix.yml', cell: JSON.stringify({ id: image.id, fingerprint: image.fingerprint }), registry: 'registry.example/m', builder: 'buildah' };
    const imageSettings = new Settings({ kind: 'action', get: (name) => imageInputs[name] }, { GITHUB_WORKSPACE: ws });
    await expect(makeImageCommand({ exec: noBuild })({ settings: imageSettings, log: { info: () => {}, warning: () => {}, notice: () => {} } })).rejects.toThrow(
      /^llama-3\.1-8b@1\.4\.0 is already published from .* A version means one model/,
    );
    const resolved = await run({ command: 'resolve', model: 'llama-3.1-8b@1.4.0', gpu: 'h100', precision: 'fp8', download: 'engine' });
    expect((resolved.json as { manifest: { inputs: { revision: string } } }).manifest.inputs.revision).toBe('0e9e39f249a16976918f6564b8830bc894c89659');
    for (const [rel, bytes] of first.contents) expect(sha256(await readFile(path.join(ws, 'engine', rel)))).toBe(sha256(bytes));
  });
});
