import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { deriveEngineImages } from '../src/core/engine-images.js';
import { MatrixSchema } from '../src/core/schema.js';
import { processExec } from '../src/image/builders.js';
import { buildEngineImage } from '../src/image/engine-build.js';
import { REFUSED_EXIT } from '../src/image/trtllm-entrypoint.js';
import { builderEnv, registryFromEnv } from './helpers/registry.js';
import { containerRuntimeEnv } from './helpers/toolchain-image.js';
import { pushTrtllmStandInBase } from './helpers/trtllm-base.js';
import { baseMatrix } from './support/matrix.js';
import { freePort } from '../src/build/free-port.js';

// A serverless engine image for real: its Dockerfile installs the runpod SDK from PyPI with the
// base image's pip, and podman runs the worker in it — the GPU check first, then queue mode with the
// SDK's --test_input, and load-balancing mode.

const { registry } = registryFromEnv();
const env = builderEnv();
const runtime = containerRuntimeEnv();
const runEnv = { ...env, CONTAINERS_CONF: runtime.CONTAINERS_CONF! };
const ulimits = (runtime.ENGINE_FORGE_CONTAINER_ULIMITS ?? '').split(',').filter((l) => l !== '').flatMap((l) => ['--ulimit', l]);
const podmanRun = (...args: string[]) => ['run', '--rm', ...ulimits, '--network', 'host', ...args];


describe('a Runpod engine image', () => {
  let work = '';
  let image = '';

  beforeAll(async () => {
    const base = await pushTrtllmStandInBase(registry, { pip: true });
    work = await mkdtemp(path.join(tmpdir(), 'ef-runpod-image-'));
    const engine = path.join(work, 'engine');
    await mkdir(engine);
    const config = { version: '1.2.0', pretrained_config: { mapping: { world_size: 1, tp_size: 1 } }, build_config: { max_batch_size: 64 } };
    await writeFile(path.join(engine, 'config.json'), JSON.stringify(config));
    await writeFile(path.join(engine, 'rank0.engine'), randomBytes(1024));
    await writeFile(path.join(engine, 'tokenizer.json'), '{}');
    const m = baseMatrix();
    m.toolchains.trtllm = { version: '1.2.0', image: base, backend: 'tensorrt' };
    m.gpus = { h200: { 'runs-on': ['gpu-h200'], count: 1 } };
    m.matrix = { model: ['llama-3.1-8b'], gpu: ['h200'], precision: ['bf16'], batch: ['1-64'], tp: [1] };
    m.serving = { serverless: 'runpod' };
    const matrix = MatrixSchema.parse(m);
    const [spec] = deriveEngineImages(matrix, deriveCells(matrix).engines);
    const built = await buildEngineImage(spec!, {
      repository: `${registry}/engine-forge-test/runpod-engines`,
      builder: 'buildah',
      provenance: {},
      exec: processExec(env),
      log: () => {},
      artifact: { id: spec!.engine.id, fingerprint: spec!.engine.fingerprint, files: [] },
      fetchArtifact: (dir) => cp(engine, dir, { recursive: true }),
    });
    image = built.image;
  }, 600_000);
  afterAll(async () => {
    if (image) await execa('podman', ['rmi', '--force', image], { env: runEnv, reject: false });
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('answers a --test_input job in queue mode (its default) through trtllm-serve', async () => {
    const job = { input: { openai_route: '/v1/chat/completions', openai_input: { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 } } };
    const run = await execa('podman', podmanRun('-e', 'EF_FAKE_SERVE_LOAD_S=0.2', '-e', `ENGINE_FORGE_UPSTREAM_PORT=${await freePort()}`, image, '--test_input', JSON.stringify(job)), { env: runEnv, reject: false, all: true });
    expect(run.exitCode, run.all).toBe(0);
    expect(run.all).toContain('Job local_test completed successfully.');
    expect(run.all).toContain("'content': ' tok0 tok1'");
  });

  it('exits with the GPU refusal before the SDK starts', async () => {
    const run = await execa('podman', podmanRun('-e', 'EF_FAKE_SMI_CSV=/fixtures/nvidia-smi-a100-80gbx4.csv', image, '--test_input', '{"input": {}}'), { env: runEnv, reject: false, all: true });
    expect(run.exitCode).toBe(REFUSED_EXIT);
    expect(run.all).toContain('refusing to start: this image serves llama-3.1-8b/h200/bf16/tp1/b1-64');
    expect(run.all).not.toContain('Starting Serverless Worker');
  });

  it('serves /ping and the OpenAI API in load-balancing mode', async () => {
    const port = await freePort();
    const name = `ef-runpod-lb-${port}`;
    const run = execa('podman', podmanRun('--name', name, '-e', 'ENGINE_FORGE_MODE=load-balancer', '-e', `PORT=${port}`, '-e', `ENGINE_FORGE_UPSTREAM_PORT=${await freePort()}`, image), { env: runEnv, reject: false, all: true });
    let exited = false;
    void run.finally(() => (exited = true));
    try {
      let status = 0;
      while (status !== 200 && !exited) {
        status = await fetch(`http://127.0.0.1:${port}/ping`).then((r) => r.status, () => 0);
        if (status !== 200) await sleep(200);
      }
      expect(status).toBe(200);
      const answer = (await (await fetch(`http://127.0.0.1:${port}/v1/completions`, { method: 'POST', body: JSON.stringify({ prompt: 'hi', max_tokens: 1 }) })).json()) as { choices: { text: string }[] };
      expect(answer.choices[0]!.text).toBe(' tok0');
    } finally {
      await execa('podman', ['stop', '--time', '2', name], { env: runEnv, reject: false });
      await run;
    }
  });
});
