import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { deriveEngineImages, type EngineImageSpec } from '../src/core/engine-images.js';
import { MatrixSchema } from '../src/core/schema.js';
import { processExec } from '../src/image/builders.js';
import { buildEngineImage } from '../src/image/engine-build.js';
import type { ArtifactFiles } from '../src/image/engine-context.js';
import { REFUSED_EXIT } from '../src/image/trtllm-entrypoint.js';
import { builderEnv, registryFromEnv, skopeoInspect } from './helpers/registry.js';
import { containerRuntimeEnv } from './helpers/toolchain-image.js';
import { pushTrtllmStandInBase } from './helpers/trtllm-base.js';
import { baseMatrix } from './support/matrix.js';
import { freePort } from '../src/build/free-port.js';

// The engine image for real: built with buildah and with podman FROM a stand-in TensorRT-LLM image
// (built here from scratch: python3, the nvidia-smi and trtllm-serve stand-ins), pushed to the test
// registry, then run with podman. nvidia-smi answers from a real capture chosen per run.

const { registry } = registryFromEnv();
const env = builderEnv();
/** podman's runtime here: runc (crun refuses this host's hybrid cgroups; scripts/services/container-runtime.sh). */
const runtime = containerRuntimeEnv();
const runEnv = { ...env, CONTAINERS_CONF: runtime.CONTAINERS_CONF! };
/** The ulimits a container may have on this host (none to set where NVIDIA's can be). */
const ulimits = (runtime.ENGINE_FORGE_CONTAINER_ULIMITS ?? '')
  .split(',')
  .filter((l) => l !== '')
  .flatMap((l) => ['--ulimit', l]);
const podmanRun = (...args: string[]) => ['run', '--rm', ...ulimits, '--network', 'host', ...args];


/** A TensorRT engine directory as `build` publishes it: config.json, one engine per rank, the tokenizer. */
async function engineDir(dir: string, tp: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const config = {
    version: '1.2.0',
    pretrained_config: { architecture: 'LlamaForCausalLM', dtype: 'bfloat16', mapping: { world_size: tp, tp_size: tp, pp_size: 1 } },
    build_config: { max_batch_size: 64, max_input_len: 4096, max_seq_len: 8192 },
  };
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
  // Incompressible, so a layer's size says whether the engine is in it.
  for (let rank = 0; rank < tp; rank++) await writeFile(path.join(dir, `rank${rank}.engine`), randomBytes(1 << 20));
  await writeFile(path.join(dir, 'tokenizer.json'), '{"version":"1.0"}');
}

/** The engine dir's files as its manifest lists them. */
async function artifactFiles(dir: string): Promise<ArtifactFiles> {
  const names = (await readdir(dir)).sort();
  const files = await Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name));
      return { path: name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
  return { id: 'llama-3.1-8b/h200/bf16/tp1/b1-64', fingerprint: 'e'.repeat(64), uri: 's3://bucket/data/engines/llama-3.1-8b/h200/bf16/tp1/b1-64/', files };
}

function specFor(base: string, over: Record<string, unknown> = {}): EngineImageSpec {
  const m = baseMatrix();
  Object.assign(m, over);
  m.toolchains.trtllm = { version: '1.2.0', image: base, backend: 'tensorrt' };
  m.gpus = { h200: { 'runs-on': ['self-hosted', 'gpu-h200'], count: 1 } };
  m.matrix = { model: ['llama-3.1-8b'], gpu: ['h200'], precision: ['bf16'], batch: ['1-64'], tp: [1] };
  const matrix = MatrixSchema.parse(m);
  const [spec] = deriveEngineImages(matrix, deriveCells(matrix).engines);
  return spec!;
}

describe.each(['buildah', 'podman'] as const)('engine image built with %s', (builder) => {
  let base = '';
  let work = '';
  let image = '';
  let spec: EngineImageSpec;

  beforeAll(async () => {
    base = await pushTrtllmStandInBase(registry);
    work = await mkdtemp(path.join(tmpdir(), 'ef-engine-image-'));
    await engineDir(path.join(work, 'engine'), 1);
    spec = specFor(base);
    const built = await buildEngineImage(spec, {
      repository: `${registry}/engine-forge-test/engines-${builder}`,
      builder,
      provenance: {},
      exec: processExec(env),
      log: () => {},
      artifact: await artifactFiles(path.join(work, 'engine')),
      fetchArtifact: (dir) => cp(path.join(work, 'engine'), dir, { recursive: true }),
    });
    image = built.image;
  }, 600_000);
  afterAll(async () => {
    if (image) await execa('podman', ['rmi', '--force', image], { env: runEnv, reject: false });
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is pushed under both tags with one digest, its labels naming the cell, GPU and fingerprint', async () => {
    const digest = image.slice(image.indexOf('@') + 1);
    const moving = `${registry}/engine-forge-test/engines-${builder}:llama-3.1-8b-1.4.0-bf16-h200-tp1-b1-64`;
    const inspected = await skopeoInspect(moving);
    expect(inspected.Digest).toBe(digest);
    expect((await skopeoInspect(`${moving}-${spec.fingerprint.slice(0, 12)}`)).Digest).toBe(digest);
    const labels = inspected.Labels as Record<string, string>;
    expect(labels['dev.engine-forge.fingerprint']).toBe(spec.fingerprint);
    expect(labels['dev.engine-forge.gpu']).toBe('h200');
    expect(labels['dev.engine-forge.compute-capability']).toBe('9.0');
    expect(labels['dev.engine-forge.engine']).toBe(`${spec.engine.id}@${spec.engine.fingerprint}`);
    expect(labels['org.opencontainers.image.base.name']).toBe(base);
  });

  it('refuses to start on a mismatched GPU, naming both sides', async () => {
    const run = await execa('podman', podmanRun('-e', 'EF_FAKE_SMI_CSV=/fixtures/nvidia-smi-a100-80gbx4.csv', image), { env: runEnv, reject: false });
    expect(run.exitCode).toBe(REFUSED_EXIT);
    expect(run.stderr).toContain('refusing to start: this image serves llama-3.1-8b/h200/bf16/tp1/b1-64, built for 1 × h200 (NVIDIA H200 / NVIDIA H200 NVL, compute capability 9.0)');
    expect(run.stderr).toContain('this machine has 4 × NVIDIA A100-SXM4-80GB (compute capability 8.0)');
    expect(run.stdout).not.toContain('TensorRT-LLM version');
  });

  it('refuses another card of the same compute capability unless told to accept it', async () => {
    const h100 = ['-e', 'EF_FAKE_SMI_CSV=/fixtures/nvidia-smi-h100x8.csv'];
    const strict = await execa('podman', podmanRun(...h100, image), { env: runEnv, reject: false });
    expect(strict.exitCode).toBe(REFUSED_EXIT);
    expect(strict.stderr).toContain('8 × NVIDIA H100 80GB HBM3 (compute capability 9.0); the artifact was built and tuned for h200');
    const relaxed = await execa('podman', podmanRun(...h100, '-e', 'ENGINE_FORGE_GPU_CHECK=compute-capability', image, '--help'), {
      env: runEnv,
      reject: false,
    });
    expect(relaxed.exitCode).toBe(0);
    expect(relaxed.stderr).toContain('trtllm-serve /engine --host 0.0.0.0 --port 8000 --backend tensorrt --tp_size 1 --max_batch_size 64 --max_seq_len 8192 --tokenizer /engine --help');
  });

  it('serves /health on a matching GPU, with a run-time setting overriding the baked one', async () => {
    const port = await freePort();
    const name = `ef-engine-serve-${builder}-${port}`;
    const run = execa('podman', podmanRun('--name', name, '-e', `PORT=${port}`, '-e', 'MAX_BATCH_SIZE=32', image), { env: runEnv, reject: false, all: true });
    let exited = false;
    void run.finally(() => (exited = true));
    try {
      let status = 0;
      while (status !== 200 && !exited) {
        status = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0);
        if (status !== 200) await sleep(200);
      }
      expect(status).toBe(200);
      const completion = (await (await fetch(`http://127.0.0.1:${port}/v1/completions`, { method: 'POST', body: JSON.stringify({ prompt: 'hi', max_tokens: 2 }) })).json()) as { choices: { text: string }[] };
      expect(completion.choices[0]!.text).toBe(' tok0 tok1');
    } finally {
      await execa('podman', ['stop', '--time', '2', name], { env: runEnv, reject: false });
    }
    expect((await run).all).toContain(`--port ${port} --backend tensorrt --tp_size 1 --max_batch_size 32`);
  });
});

describe('engine image that fetches its artifact at start', () => {
  let work = '';
  let image = '';
  let files: Server | undefined;
  let port = 0;
  /** What the file server hands out: the engine's files, or a tampered rank0.engine. */
  let tampered = false;

  beforeAll(async () => {
    const base = await pushTrtllmStandInBase(registry);
    work = await mkdtemp(path.join(tmpdir(), 'ef-engine-fetch-'));
    const engine = path.join(work, 'engine');
    await engineDir(engine, 1);
    files = createHttpServer((req, res) => {
      const name = decodeURIComponent((req.url ?? '/').slice('/artifact/'.length));
      readFile(path.join(engine, path.basename(name))).then(
        (bytes) => res.end(tampered && name === 'rank0.engine' ? Buffer.concat([bytes.subarray(0, -1), Buffer.from('x')]) : bytes),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => files!.listen(0, '127.0.0.1', resolve));
    port = (files.address() as { port: number }).port;
    const spec = specFor(base, { serving: { artifact: 'fetch' } });
    const built = await buildEngineImage(spec, {
      repository: `${registry}/engine-forge-test/engines-fetch`,
      builder: 'podman',
      provenance: {},
      exec: processExec(env),
      log: () => {},
      artifact: await artifactFiles(engine),
      fetchArtifact: () => Promise.reject(new Error('a fetching image bakes no artifact')),
    });
    image = built.image;
  }, 600_000);
  afterAll(async () => {
    files?.close();
    if (image) await execa('podman', ['rmi', '--force', image], { env: runEnv, reject: false });
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('holds no artifact layer: its layers are the base and the small files', async () => {
    const config = await skopeoInspect(image);
    expect((config.Labels as Record<string, string>)['dev.engine-forge.artifact']).toBe('fetched-at-start');
    const sizes = async (reference: string) =>
      (JSON.parse((await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`], { env })).stdout) as { layers: { size: number }[] }).layers.map((l) => l.size);
    const [all, base] = [await sizes(image), await sizes(await pushTrtllmStandInBase(registry))];
    expect(all.slice(0, base.length)).toEqual(base);
    expect(all.slice(base.length).reduce((a, b) => a + b, 0)).toBeLessThan(64 * 1024);
  });

  it('refuses to start without ENGINE_FORGE_ARTIFACT_URL, naming where the files are', async () => {
    const run = await execa('podman', podmanRun(image), { env: runEnv, reject: false });
    expect(run.exitCode).toBe(REFUSED_EXIT);
    expect(run.stderr).toContain('set ENGINE_FORGE_ARTIFACT_URL to the base URL of its files (the store\'s s3://bucket/data/engines/llama-3.1-8b/h200/bf16/tp1/b1-64/)');
  });

  it('refuses a file whose bytes differ from the manifest', async () => {
    tampered = true;
    try {
      const run = await execa('podman', podmanRun('-e', `ENGINE_FORGE_ARTIFACT_URL=http://127.0.0.1:${port}/artifact`, image), { env: runEnv, reject: false });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(/cannot fetch the artifact: http:\/\/127\.0\.0\.1:\d+\/artifact\/rank0\.engine: got 1048576 bytes with SHA-256 [0-9a-f]{64}; the manifest of llama-3\.1-8b\/h200\/bf16\/tp1\/b1-64 says 1048576 bytes with SHA-256 [0-9a-f]{64}/);
    } finally {
      tampered = false;
    }
  });

  it('downloads and verifies the artifact, then serves /health', async () => {
    const serve = await freePort();
    const name = `ef-engine-fetch-${serve}`;
    const run = execa('podman', podmanRun('--name', name, '-e', `PORT=${serve}`, '-e', `ENGINE_FORGE_ARTIFACT_URL=http://127.0.0.1:${port}/artifact/`, image), { env: runEnv, reject: false, all: true });
    let exited = false;
    void run.finally(() => (exited = true));
    try {
      let status = 0;
      while (status !== 200 && !exited) {
        status = await fetch(`http://127.0.0.1:${serve}/health`).then((r) => r.status, () => 0);
        if (status !== 200) await sleep(200);
      }
      expect(status).toBe(200);
    } finally {
      await execa('podman', ['stop', '--time', '2', name], { env: runEnv, reject: false });
    }
    const out = (await run).all;
    expect(out).toContain('engine-forge: fetched rank0.engine (1048576 bytes, verified)');
    expect(out).toContain('engine-forge: fetched config.json');
  });
});
