import { PutObjectCommand } from '@aws-sdk/client-s3';
import { access, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/core/manifest.js';
import { addressOf, manifestKey } from '../src/store/layout.js';
import { publishArtifact } from '../src/store/publish-artifact.js';
import { downloadArtifact, resolveArtifact } from '../src/store/resolve-artifact.js';
import { makeArtifactDir, sha256, target, tempDir } from './helpers/fixtures.js';
import { freshBucket, openStore, rawClient, rgw } from './helpers/rgw.js';
import { runCli } from './support/run.js';

let bucket: string;
let url: string;
const prefix = 'team/store';
const cell = 'llama-3.1-8b/h100/fp8/tp1/b1-64';

async function publishVersion(version: string, id = cell): Promise<Manifest> {
  const { dir } = await makeArtifactDir(`v${version}`, 3 * 1024 * 1024 + 7);
  const result = await publishArtifact(openStore(url), target({ id, version, fingerprint: sha256(Buffer.from(`${id}${version}`)) }), dir);
  if (!result.created) throw new Error('expected a new artifact');
  return result.manifest;
}

async function putRaw(key: string, body: string | Buffer): Promise<void> {
  const client = rawClient();
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${key}`, Body: body }));
  client.destroy();
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  bucket = await freshBucket('resolve');
  url = `s3://${bucket}/${prefix}`;
  for (const v of ['1.4.0', '1.9.2', '2.0.0', '2.3.1']) await publishVersion(v);
  await publishVersion('2.5.0', 'llama-3.1-8b/h100/fp8/tp2/b1-64');
  await publishVersion('3.0.0', 'llama-3.1-8b/a100-80gb/fp8/tp1/b1-64');
});

describe('resolve against Ceph RGW', () => {
  it('picks the highest version in range for the cell, and downloads it verified', async () => {
    const store = openStore(url);
    const r = await resolveArtifact(store, { model: 'llama-3.1-8b@^1', gpu: 'h100', precision: 'fp8' });
    expect(r.version).toBe('1.9.2');
    expect(r.uri).toMatch(new RegExp(`^s3://${bucket}/${prefix}/data/engines/${cell}/1.9.2/[0-9a-f]{64}/[0-9a-z-]+/$`));
    expect(r.manifestUri).toBe(`s3://${bucket}/${prefix}/${manifestKey(r.artifact)}`);
    const out = path.join(await tempDir('dl'), 'engine');
    await downloadArtifact(store, r.manifest, out);
    for (const f of r.manifest.files) {
      const bytes = await readFile(path.join(out, f.path));
      expect(bytes.length).toBe(f.size);
      expect(sha256(bytes)).toBe(f.sha256);
    }
  });

  it('asks for tp when several cells match, and honours tp and batch', async () => {
    const store = openStore(url);
    await expect(resolveArtifact(store, { model: 'llama-3.1-8b@^2', gpu: 'h100', precision: 'fp8', tp: 1 })).resolves.toMatchObject({ version: '2.3.1' });
    await expect(resolveArtifact(store, { model: 'llama-3.1-8b@^2', gpu: 'h100', precision: 'fp8', batch: '32' })).rejects.toThrow(
      expect.objectContaining({
        message: "resolve: llama-3.1-8b@^2 on h100 in fp8 batch 32 matches 2 cells; pick one with 'tp':",
        problems: ['tp: 1  →  llama-3.1-8b/h100/fp8/tp1/b1-64 (newest 2.3.1)', 'tp: 2  →  llama-3.1-8b/h100/fp8/tp2/b1-64 (newest 2.5.0)'],
      }),
    );
    await expect(resolveArtifact(store, { model: 'llama-3.1-8b@^2', gpu: 'h100', precision: 'fp8', batch: '65' })).rejects.toThrow(/no complete artifact/);
    await expect(resolveArtifact(store, { model: 'llama-3.1-8b@^2', gpu: 'h100', precision: 'fp8', tp: 2, batch: '1-64' })).resolves.toMatchObject({ version: '2.5.0' });
    await expect(resolveArtifact(store, { model: 'llama-3.1-8b@^4', gpu: 'h100', precision: 'fp8' })).rejects.toThrow(/no complete artifact .*\(versions stored .*2\.5\.0/);
    await expect(resolveArtifact(store, { model: 'llama-3.1-8b@banana', gpu: 'h100', precision: 'fp8' })).rejects.toThrow(/'banana' is not a semver range/);
  });

  it('refuses an object corrupted in the store, names the file, and leaves no directory', async () => {
    const store = openStore(url);
    const r = await resolveArtifact(store, { model: 'llama-3.1-8b@~2.0', gpu: 'h100', precision: 'fp8' });
    const victim = r.manifest.files.find((f) => f.path === 'rank1.engine')!;
    // Same size, one byte different: only the SHA-256 can tell.
    const original = Buffer.alloc(victim.size, 7);
    await putRaw(`${r.manifest.data}${victim.path}`, original);
    const parent = await tempDir('corrupt');
    const out = path.join(parent, 'engine');
    await expect(downloadArtifact(store, r.manifest, out)).rejects.toThrow(/artifact file 'rank1.engine' failed verification/);
    expect(await readdir(parent)).toEqual([]);
  });

  it('refuses a truncated manifest and one from an unknown schema version', async () => {
    const store = openStore(url);
    const good = await publishVersion('5.0.0', 'bad/h100/fp8/tp1/b1-64');
    const address = addressOf(good);
    const text = JSON.stringify(good);
    await putRaw(manifestKey(address), text.slice(0, text.length / 2));
    await expect(store.readManifest(address)).rejects.toThrow(/is not valid JSON .*truncated/);
    await putRaw(manifestKey(address), JSON.stringify({ ...good, schema: 'engine-forge/manifest@9' }));
    await expect(store.readManifest(address)).rejects.toThrow(/schema 'engine-forge\/manifest@9', which this engine-forge does not know/);
    await expect(resolveArtifact(store, { model: 'bad@5', gpu: 'h100', precision: 'fp8' })).rejects.toThrow(/manifest@9/);
  });

  it('refuses manifest paths that would escape the download directory before fetching anything', async () => {
    const store = openStore(url);
    const r = await resolveArtifact(store, { model: 'llama-3.1-8b@1.4.0', gpu: 'h100', precision: 'fp8' });
    const parent = await tempDir('escape');
    for (const evil of ['../outside.engine', '/etc/passwd-copy', 'a/../../x', 'a//b']) {
      const manifest = { ...r.manifest, files: [{ ...r.manifest.files[0]!, path: evil }] };
      await expect(downloadArtifact(store, manifest, path.join(parent, 'engine'))).rejects.toThrow(/would escape the download directory/);
    }
    expect(await readdir(parent)).toEqual([]);
    expect(await exists(path.join(path.dirname(parent), 'outside.engine'))).toBe(false);
  });
});

describe('an S3 error the gateway sends without a message', () => {
  it("names the code, the status and the bucket, not the SDK's 'UnknownError'", async () => {
    const cwd = await tempDir('no-bucket');
    const ran = runCli(
      ['resolve', '--store', 's3://ef-no-such-bucket-7c1/ci', '--s3-endpoint', rgw().endpoint, '--aws-region', 'us-east-1', '--model', 'llama-3.1-8b@^1', '--gpu', 'h100', '--precision', 'fp8'],
      cwd,
      { AWS_ACCESS_KEY_ID: rgw().accessKeyId, AWS_SECRET_ACCESS_KEY: rgw().secretAccessKey },
    );
    expect(ran.status).toBe(1);
    expect(ran.stderr.trim()).toBe(
      "engine-forge: S3 answered NoSuchBucket (HTTP 404) for bucket 'ef-no-such-bucket-7c1': the bucket does not exist (check the store URL and the endpoint)",
    );
  });
});
