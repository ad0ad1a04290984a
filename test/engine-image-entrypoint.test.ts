import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSED_EXIT, trtllmEntrypointScript } from '../src/image/trtllm-entrypoint.js';

// The engine image's entry point under the host's python3, with the nvidia-smi stand-in (real
// captures) and a trtllm-serve on PATH that prints its argv instead of serving.
const SUPPORT_BIN = path.resolve(import.meta.dirname, 'support/bin');
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
let dir = '';

const facts = (tp: number) => ({
  schema: 'engine-forge/serving@1',
  cell: `m/a100-80gb/bf16/tp${tp}/b1-64`,
  fingerprint: 'f'.repeat(64),
  engine: { id: `m/a100-80gb/bf16/tp${tp}/b1-64`, fingerprint: 'e'.repeat(64) },
  gpu: { family: 'a100-80gb', computeCapability: '8.0', smiNames: ['NVIDIA A100-SXM4-80GB', 'NVIDIA A100 80GB PCIe'] },
  tp,
  backend: 'tensorrt',
  trtllm: '1.2.0',
  model: '/engine',
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ef-trtllm-entry-'));
  await writeFile(path.join(dir, 'serve'), trtllmEntrypointScript(), { mode: 0o755 });
  await writeFile(path.join(dir, 'trtllm-serve'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', { mode: 0o755 });
  for (const tp of [2, 8]) await writeFile(path.join(dir, `facts-tp${tp}.json`), JSON.stringify(facts(tp)));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function start(tp: number, env: Record<string, string>, args: string[] = []) {
  // trtllm-serve resolves to the argv printer (first on PATH); nvidia-smi to the stand-in.
  return execa('python3', [path.join(dir, 'serve'), ...args], {
    env: { PATH: `${dir}:${SUPPORT_BIN}:/usr/bin:/bin`, ENGINE_FORGE_SERVING_FACTS: path.join(dir, `facts-tp${tp}.json`), EF_FAKE_SMI_CSV: path.join(FIXTURES, 'nvidia-smi-a100-80gbx4.csv'), ...env },
    extendEnv: false,
    reject: false,
  });
}

describe('engine-forge-serve (TensorRT-LLM)', () => {
  it('execs trtllm-serve with the defaults from the environment; a passed flag replaces its default, an empty variable drops it', async () => {
    const run = await start(2, { HOST: '0.0.0.0', PORT: '8000', BACKEND: 'tensorrt', TP_SIZE: '2', MAX_BATCH_SIZE: '64', CONFIG: '', TRUST_REMOTE_CODE: 'true' }, ['--port=9000', '--log_level', 'debug']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')).toEqual(['/engine', '--host', '0.0.0.0', '--backend', 'tensorrt', '--tp_size', '2', '--max_batch_size', '64', '--trust_remote_code', '--port=9000', '--log_level', 'debug']);
    expect(run.stderr).toContain('m/a100-80gb/bf16/tp2/b1-64 on 4 × NVIDIA A100-SXM4-80GB (compute capability 8.0)');
  });

  it('refuses fewer GPUs than the tensor parallelism', async () => {
    const run = await start(8, {});
    expect(run.exitCode).toBe(REFUSED_EXIT);
    expect(run.stderr).toContain('built for 8 × a100-80gb');
    expect(run.stderr).toContain('this machine has 4 GPU(s): 4 × NVIDIA A100-SXM4-80GB (compute capability 8.0); the artifact needs 8 (tensor parallelism)');
  });

  it('counts only the GPUs CUDA_VISIBLE_DEVICES leaves visible, by index or UUID', async () => {
    const one = await start(2, { CUDA_VISIBLE_DEVICES: '3' });
    expect(one.exitCode).toBe(REFUSED_EXIT);
    expect(one.stderr).toContain('this machine has 1 GPU(s): 1 × NVIDIA A100-SXM4-80GB (compute capability 8.0); the artifact needs 2');
    const two = await start(2, { CUDA_VISIBLE_DEVICES: 'GPU-e941aa79,2' });
    expect(two.exitCode).toBe(0);
    expect(two.stderr).toContain('on 2 × NVIDIA A100-SXM4-80GB');
    const none = await start(2, { CUDA_VISIBLE_DEVICES: '' });
    expect(none.exitCode).toBe(REFUSED_EXIT);
    expect(none.stderr).toContain("nvidia-smi listed no GPU that CUDA_VISIBLE_DEVICES= leaves visible");
  });

  it('refuses when nvidia-smi cannot see a GPU, quoting it', async () => {
    const run = await start(2, { EF_FAKE_SMI_FAIL: 'driver' });
    expect(run.exitCode).toBe(REFUSED_EXIT);
    expect(run.stderr).toContain("nvidia-smi failed with exit status 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver");
    const none = await execa('/usr/bin/python3', [path.join(dir, 'serve')], { env: { PATH: dir, ENGINE_FORGE_SERVING_FACTS: path.join(dir, 'facts-tp2.json') }, extendEnv: false, reject: false });
    expect(none.exitCode).toBe(REFUSED_EXIT);
    expect(none.stderr).toContain('nvidia-smi is not on PATH');
  });

  it('refuses an unknown ENGINE_FORGE_GPU_CHECK rather than skipping the check', async () => {
    const run = await start(2, { ENGINE_FORGE_GPU_CHECK: 'off' });
    expect(run.exitCode).toBe(REFUSED_EXIT);
    expect(run.stderr).toContain("ENGINE_FORGE_GPU_CHECK must be 'family' or 'compute-capability' (got 'off')");
  });

  it('runs a command that is not a flag as it is, without the check', async () => {
    const run = await start(8, {}, ['printf', 'shell']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('shell');
  });
});
