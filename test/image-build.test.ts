import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '../src/image/build.js';
import { processExec } from '../src/image/builders.js';
import type { ImageRecipe } from '../src/image/recipe.js';
import { SERVE_PATH } from '../src/image/scripts.js';
import { imageTags, parseRepository } from '../src/image/tags.js';
import { builderEnv, pushStandInBase, registryFromEnv, removeLocalImage, skopeoInspect } from './helpers/registry.js';

// Real builds and pushes, with buildah and with podman (vfs storage, chroot isolation, one shared
// local storage), against the loopback docker-registry.
const { registry } = registryFromEnv();
const secret = `hf_efsecret_${randomBytes(12).toString('hex')}`;
let base = '';

function recipe(fingerprint: string, overrides: Partial<ImageRecipe> = {}): ImageRecipe {
  return {
    id: 'tiny-llm/fp8/nvidia',
    model: 'tiny-llm',
    version: '2.1.0',
    source: 'acme/tiny-llm-gated',
    revision: '0e9e39f249a16976918f6564b8830bc894c89659',
    precision: 'fp8',
    vendor: 'nvidia',
    baseImage: base,
    vllmVersion: '0.11.0',
    maxModelLen: 8192,
    maxNumSeqs: 256,
    tensorParallelSize: 2,
    bakeWeights: true,
    trustRemoteCode: true,
    kvCacheDtype: 'fp8',
    fingerprint,
    ...overrides,
  };
}

/** Every blob of a pushed image (config and layers, layers unpacked), as one buffer per blob. */
async function pushedBlobs(reference: string): Promise<Buffer[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ef-pulled-'));
  try {
    await execa('skopeo', ['copy', '--src-tls-verify=false', `docker://${reference}`, `dir:${dir}`], { env: builderEnv() });
    const blobs: Buffer[] = [];
    for (const name of await readdir(dir)) {
      const data = await readFile(join(dir, name));
      blobs.push(data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data);
    }
    return blobs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.each(['buildah', 'podman'] as const)('image build and push with %s', (builder) => {
  const repository = parseRepository(`${registry}/engine-forge/images`);
  const fingerprint = randomBytes(32).toString('hex'); // fresh per run and builder: tags never collide
  const log: string[] = [];
  let built: Awaited<ReturnType<typeof buildImage>>;

  beforeAll(async () => {
    base = await pushStandInBase(registry, secret);
    built = await buildImage(recipe(fingerprint), {
      repository,
      builder,
      provenance: { source: 'https://github.com/acme/models', revision: 'f'.repeat(40) },
      hfToken: secret,
      exec: processExec(builderEnv()),
      log: (line) => log.push(line),
    });
  }, 240_000);
  afterAll(async () => {
    await removeLocalImage(base);
    // podman caches build steps (--layers is its default): drop the untagged ones this file left.
    await execa('buildah', ['rmi', '--prune'], { env: builderEnv(), reject: false });
  });

  it('pushes both tags and returns repository@digest', async () => {
    expect(built.image).toMatch(new RegExp(`^${repository.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`));
    const tags = imageTags(recipe(fingerprint));
    expect(built.references).toEqual([`${repository}:${tags.immutable}`, `${repository}:${tags.moving}`]);
    for (const reference of built.references) {
      expect((await skopeoInspect(reference)).Digest).toBe(built.digest);
      // Pushed, then removed from the builder's local storage.
      await expect(execa('buildah', ['inspect', '--type', 'image', reference], { env: builderEnv() })).rejects.toThrow(/image not known|no such image/i);
    }
  });

  it('carries the OCI labels, the fingerprint and the serving environment', async () => {
    const inspected = await skopeoInspect(built.image);
    const labels = inspected.Labels as Record<string, string>;
    expect(labels).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/models',
      'org.opencontainers.image.revision': 'f'.repeat(40),
      'org.opencontainers.image.version': '2.1.0',
      'org.opencontainers.image.base.name': base,
      'dev.engine-forge.fingerprint': fingerprint,
      'dev.engine-forge.id': 'tiny-llm/fp8/nvidia',
      'dev.engine-forge.weights': 'baked',
    });
    const env = inspected.Env as string[];
    expect(env).toEqual(
      expect.arrayContaining([
        'MODEL_NAME=/models/acme/tiny-llm-gated',
        'SERVED_MODEL_NAME=acme/tiny-llm-gated',
        'MAX_MODEL_LEN=8192',
        'MAX_NUM_SEQS=256',
        'TENSOR_PARALLEL_SIZE=2',
        'QUANTIZATION=fp8',
        'DTYPE=auto',
        'HF_HUB_OFFLINE=1',
        'KV_CACHE_DTYPE=fp8',
        'TRUST_REMOTE_CODE=true',
      ]),
    );
    const config = (await skopeoInspect(built.image, true)).config as { Entrypoint?: string[]; Cmd?: string[] | null };
    expect(config.Entrypoint).toEqual([SERVE_PATH]);
    expect(config.Cmd ?? []).toEqual([]); // the base's `vllm serve` entry point and command are gone
  });

  it('bakes the weights that the gated download returned for the token', async () => {
    const text = (await pushedBlobs(built.image)).map((b) => b.toString('latin1')).join('\n');
    expect(text).toContain('weights of acme/tiny-llm-gated at 0e9e39f249a16976918f6564b8830bc894c89659');
    expect(text).toContain('models/acme/tiny-llm-gated/config.json');
    expect(text).not.toContain('models/acme/tiny-llm-gated/.cache/');
  });

  it('leaves the token in no layer, no config or history, and not in the build log', async () => {
    expect(log.join('\n')).toContain('Downloaded acme/tiny-llm-gated'); // the log was really captured
    expect(log.join('\n')).not.toContain(secret);
    const blobs = await pushedBlobs(built.image);
    expect(blobs.length).toBeGreaterThanOrEqual(4); // manifest, config, base layer, weights layer...
    for (const blob of blobs) expect(blob.includes(secret)).toBe(false);
  });

  it('starts `vllm serve` with the baked defaults, and a flag given at run time wins', async () => {
    const env = builderEnv();
    const { stdout: container } = await execa('buildah', ['from', '--pull-always', built.image], { env });
    try {
      const { stdout } = await execa('buildah', ['run', container, '--', SERVE_PATH, '--max-num-seqs=16', '--port', '9000'], { env });
      const argv = stdout.split('\n');
      const args = argv.slice(argv.indexOf('vllm-argv-begin') + 1, argv.indexOf('vllm-argv-end'));
      expect(args).toEqual([
        'serve', '/models/acme/tiny-llm-gated',
        '--served-model-name', 'acme/tiny-llm-gated',
        '--max-model-len', '8192',
        '--tensor-parallel-size', '2',
        '--dtype', 'auto',
        '--quantization', 'fp8',
        '--kv-cache-dtype', 'fp8',
        '--trust-remote-code',
        '--max-num-seqs=16', '--port', '9000',
      ]);
    } finally {
      await execa('buildah', ['rm', container], { env });
      await execa('buildah', ['rmi', built.image], { env });
    }
  });

  it('fails with the download error, without the token, when the secret is wrong', async () => {
    const wrong: string[] = [];
    const attempt = buildImage(recipe(randomBytes(32).toString('hex')), {
      repository,
      builder,
      provenance: {},
      hfToken: `${secret}-wrong`,
      exec: processExec(builderEnv()),
      log: (line) => wrong.push(line),
    });
    await expect(attempt).rejects.toThrow(new RegExp(`${builder} build failed with exit code \\d+`));
    expect(wrong.join('\n')).toContain('401 Client Error');
    expect(wrong.join('\n')).not.toContain(secret);
  });
});
