import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Manifest } from '../src/core/manifest.js';
import { freshBucket, rawClient, rgw } from './helpers/rgw.js';
import { containerRuntimeEnv, writeStandInCdiSpec } from './helpers/toolchain-image.js';
import { buildTrtllmToolchainImage, withImageEnv } from './helpers/trtllm-base.js';
import { runAction, type ActionRun } from './support/action-run.js';
import { filesContaining } from './support/build-env.js';
import { workspace, yamlOf } from './support/matrix.js';
import { ACTION, ROOT } from './support/run.js';

/**
 * `build` end to end through the committed bundle in the podman runtime: every toolchain step runs
 * in a stand-in TensorRT-LLM image built here with podman (hf, trtllm-build, trtllm-serve, python3
 * with the examples tree at /app/tensorrt_llm/examples, nvidia-smi), the GPUs are stand-in CDI
 * devices, the store is the real RGW. The runner's PATH holds no TensorRT-LLM tool and no `hf`:
 * only nvidia-smi (pre-flight reads the host) and a `podman` that records its argv, then runs the
 * real one. The quantizer (real ModelOpt) needs torch, which this image lacks: only cells that need
 * no calibration run here (bf16 on the PyTorch path, bf16 and int8 weight-only on the engine path).
 */
const TOKEN = `hf_${'Pd4'.repeat(10)}secret`;
const STUB = { source: 'engine-forge/tiny-llama', revision: '4c2b8a1f0e9d7c6b5a4938271605f4e3d2c1b0a9' };
const GATED = { source: 'engine-forge/gated-llama', revision: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432' };

let podmanEnv: Record<string, string>;
let image: string;
let bucket: string;
const images: string[] = [];

beforeAll(async () => {
  rgw();
  podmanEnv = containerRuntimeEnv();
  await writeStandInCdiSpec();
  image = await buildTrtllmToolchainImage(podmanEnv);
  images.push(image);
  bucket = await freshBucket('build-podman');
}, 600_000);

afterAll(async () => {
  for (const i of images) await execa('podman', ['rmi', '--force', i], { env: podmanEnv, extendEnv: false, reject: false });
});

interface World {
  dir: string;
  ws: string;
  store: string;
  workDir: string;
  cacheDir: string;
  /** The recorded podman command lines, one argv (NUL-separated) per line. */
  podmanCalls(): string[][];
  env: Record<string, string>;
}

function world(options: { backend: 'pytorch' | 'tensorrt'; model: { source: string; revision: string }; precision: string[]; image?: string }): World {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-podman-runner-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const calls = path.join(dir, 'podman-calls');
  writeFileSync(calls, '');
  const podman = execFileSync('bash', ['-c', 'command -v podman'], { encoding: 'utf8' }).trim();
  writeFileSync(path.join(bin, 'podman'), `#!/usr/bin/env bash\nprintf '%s\\0' "$@" >> "${calls}"\necho >> "${calls}"\nexec "${podman}" "$@"\n`);
  chmodSync(path.join(bin, 'podman'), 0o755);
  symlinkSync(path.join(ROOT, 'test/support/bin/nvidia-smi'), path.join(bin, 'nvidia-smi'));
  const matrix = yamlOf({
    version: 1,
    toolchains: {
      trtllm: { version: '1.2.0', image: options.image ?? image, backend: options.backend },
      vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0' },
    },
    gpus: { h200: { 'runs-on': ['self-hosted', 'gpu-h200'], count: 1 } },
    models: { tiny: { ...options.model, version: '1.0.0', 'max-input-len': 256, 'max-seq-len': 512 } },
    matrix: { model: ['tiny'], gpu: ['h200'], precision: options.precision, batch: ['1-64'], tp: [1] },
  });
  const server = rgw();
  return {
    dir,
    ws: workspace({ 'm.yml': matrix }),
    store: `s3://${bucket}/${path.basename(dir)}`,
    workDir: path.join(dir, 'work'),
    cacheDir: path.join(dir, 'cache'),
    podmanCalls: () =>
      readFileSync(calls, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\0').slice(0, -1)),
    env: {
      ...podmanEnv,
      // No hf, trtllm-build, trtllm-serve or examples on the runner: they are in the image only.
      PATH: `${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      EF_FAKE_SMI_CSV: path.join(ROOT, 'test/fixtures/nvidia-smi-h200.csv'),
      EF_FAKE_SMI_Q: path.join(ROOT, 'test/fixtures/nvidia-smi-q-h200.txt'),
      GITHUB_REPOSITORY: 'acme/models',
      GITHUB_SHA: 'c0ffee'.padEnd(40, '0'),
      GITHUB_RUN_ID: '4343',
      GITHUB_ACTIONS: 'true',
      AWS_ACCESS_KEY_ID: server.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
      AWS_REGION: server.region,
    },
  };
}

function inputs(w: World, command: string, more: Record<string, string> = {}): Record<string, string> {
  return { command, matrix: 'm.yml', store: w.store, 's3-endpoint': rgw().endpoint, runtime: 'podman', 'work-dir': w.workDir, 'cache-dir': w.cacheDir, ...more };
}

async function act(w: World, command: string, more: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  const given = inputs(w, command, more);
  // resolve's `runtime` is the serving runtime (trtllm, vllm), not the toolchain's.
  if (command === 'resolve') delete given.runtime;
  return runAction(given, { ...w.env, GITHUB_WORKSPACE: w.ws, ...env });
}

async function engineEntries(w: World): Promise<Record<string, unknown>[]> {
  const ran = await act(w, 'plan', { comment: 'false' });
  expect(ran.exitCode, ran.log).toBe(0);
  expect(JSON.parse(ran.outputs.checkpoints ?? '{"include":[]}').include).toEqual([]);
  return (JSON.parse(ran.outputs.engines!) as { include: Record<string, unknown>[] }).include;
}

async function manifests(w: World): Promise<Manifest[]> {
  const prefix = `${w.store.slice(`s3://${bucket}/`.length)}/manifests/`;
  const client = rawClient();
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const out: Manifest[] = [];
  for (const o of listed.Contents ?? []) {
    const body = await client.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }));
    out.push(Manifest.parse(JSON.parse(await body.Body!.transformToString())));
  }
  client.destroy();
  return out;
}

/** `podman run` command lines: the image, the mounts, the env names, the CDI devices, the argv. */
function runs(w: World): string[][] {
  return w.podmanCalls().filter((argv) => argv[0] === 'run');
}

const after = (argv: string[], flag: string): string[] => argv.flatMap((a, i) => (argv[i - 1] === flag ? [a] : []));
const commandOf = (argv: string[], ref: string): string[] => argv.slice(argv.indexOf(ref) + 1);

async function containersNow(): Promise<string[]> {
  const { stdout } = await execa('podman', ['ps', '--all', '--format', '{{.Names}}'], { env: podmanEnv, extendEnv: false });
  return stdout.split('\n').filter(Boolean);
}

describe('build in the podman runtime', () => {
  it('PyTorch path, bf16 of a gated model: hf and trtllm-serve run in the image, HF_TOKEN passed by name, published and resolvable', async () => {
    const w = world({ backend: 'pytorch', model: GATED, precision: ['bf16'] });
    const [entry] = await engineEntries(w);
    const ran = await act(w, 'build', { cell: JSON.stringify(entry) }, { HF_TOKEN: TOKEN });
    expect(ran.exitCode, ran.log).toBe(0);

    const steps = runs(w);
    expect(steps.length).toBeGreaterThanOrEqual(3); // config.json, the download, the smoke server
    for (const argv of steps) {
      expect(argv).toContain(image);
      expect(after(argv, '--volume')).toEqual(expect.arrayContaining([`${w.workDir}:${w.workDir}`, `${w.cacheDir}:${w.cacheDir}`]));
    }
    const downloads = steps.filter((argv) => commandOf(argv, image)[0] === 'hf');
    expect(downloads.length).toBeGreaterThanOrEqual(1);
    // The gated model downloaded inside the container: the token reached it, by name only.
    for (const argv of downloads) expect(after(argv, '--env')).toContain('HF_TOKEN');
    const serve = steps.find((argv) => commandOf(argv, image)[0] === 'trtllm-serve')!;
    expect(after(serve, '--device')).toEqual(['nvidia.com/gpu=0']);
    expect(after(serve, '--network')).toEqual(['host']);
    expect(w.podmanCalls().flat().join(' ')).not.toContain(TOKEN);
    expect(ran.log).toMatch(/\(in podman container engine-forge-[\w-]+ of localhost\/engine-forge-test\/trtllm-toolchain:\w+, GPUs 0\)/);

    const [m] = await manifests(w);
    expect(m).toMatchObject({ kind: 'engine', id: 'tiny/h200/bf16/tp1/b1-64' });
    expect(m!.provenance).toMatchObject({ driver: '580.159.04', cuda: '13.0', toolchain: { runtime: 'podman', version: '1.2.0', image } });
    expect(m!.provenance.steps!.map((s) => s.name)).toContain('smoke start');

    // A deploy resolves and downloads it.
    const resolved = await act(w, 'resolve', { model: 'tiny@1.0.0', gpu: 'h200', precision: 'bf16', download: 'engine' });
    expect(resolved.exitCode, resolved.log).toBe(0);
    expect(readdirSync(path.join(w.ws, 'engine')).sort()).toEqual(['engine-forge.json', 'serve.yaml']);

    const unmasked = ran.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expect(unmasked).not.toContain(TOKEN);
    expect(filesContaining(w.workDir, TOKEN)).toEqual([]);
    expect(filesContaining(w.cacheDir, TOKEN)).toEqual([]);
  }, 600_000);

  it('engine path, bf16 and int8 weight-only: convert_checkpoint from the image\'s examples and trtllm-build run in it, published and resolvable', async () => {
    const w = world({ backend: 'tensorrt', model: STUB, precision: ['bf16', 'int8_wo'] });
    const entries = await engineEntries(w);
    for (const entry of entries) {
      const ran = await act(w, 'build', { cell: JSON.stringify(entry) });
      expect(ran.exitCode, ran.log).toBe(0);
    }
    const steps = runs(w).map((argv) => ({ argv, command: commandOf(argv, image) }));
    const converts = steps.filter((s) => s.command[0] === 'python3' && s.command[1] === '/app/tensorrt_llm/examples/models/core/llama/convert_checkpoint.py');
    expect(converts.map((s) => s.command.includes('--use_weight_only'))).toEqual(expect.arrayContaining([true, false]));
    const builds = steps.filter((s) => s.command[0] === 'trtllm-build');
    expect(builds).toHaveLength(2);
    for (const { argv, command } of builds) {
      expect(after(argv, '--device')).toEqual(['nvidia.com/gpu=0']);
      expect(after(argv, '--volume')).toEqual(expect.arrayContaining([`${w.workDir}:${w.workDir}`, `${w.cacheDir}:${w.cacheDir}`]));
      // The timing cache lives in cache-dir, which the container sees at the same path.
      expect(after(command, '--input_timing_cache')[0]).toMatch(new RegExp(`^${w.cacheDir}/timing-caches/`));
    }

    const stored = await manifests(w);
    expect(stored.map((m) => m.id).sort()).toEqual(['tiny/h200/bf16/tp1/b1-64', 'tiny/h200/int8_wo/tp1/b1-64']);
    for (const m of stored) {
      expect(m.files.map((f) => f.path)).toEqual(expect.arrayContaining(['config.json', 'rank0.engine', 'tokenizer.json']));
      expect(m.provenance).toMatchObject({ cuda: '13.0', toolchain: { runtime: 'podman', image } });
    }
    const resolved = await act(w, 'resolve', { model: 'tiny@1.0.0', gpu: 'h200', precision: 'int8_wo', download: 'engine' });
    expect(resolved.exitCode, resolved.log).toBe(0);
    expect(readdirSync(path.join(w.ws, 'engine'))).toEqual(expect.arrayContaining(['config.json', 'rank0.engine']));
  }, 600_000);

  it('SIGTERM to the action mid trtllm-build stops and removes its container, publishes nothing', async () => {
    const slow = await withImageEnv(podmanEnv, image, { EF_FAKE_SLOW: 'trtllm-build=300' });
    images.push(slow);
    const w = world({ backend: 'tensorrt', model: STUB, precision: ['bf16'], image: slow });
    const [entry] = await engineEntries(w);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-podman-cancel-'));
    const outputFile = path.join(dir, 'output');
    writeFileSync(outputFile, '');
    const child = execa(process.execPath, [ACTION], {
      reject: false,
      all: true,
      extendEnv: false,
      env: {
        ...w.env,
        HOME: process.env.HOME ?? dir,
        GITHUB_WORKSPACE: w.ws,
        GITHUB_OUTPUT: outputFile,
        RUNNER_TEMP: dir,
        ...Object.fromEntries(Object.entries(inputs(w, 'build', { cell: JSON.stringify(entry) })).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      },
    });
    let log = '';
    child.all!.on('data', (d: Buffer) => (log += d.toString()));
    let name: string | undefined;
    for (let i = 0; i < 1200 && name === undefined; i++) {
      name = /\(in podman container (engine-forge-trtllm-build-[\w-]+) of /.exec(log)?.[1];
      if (name === undefined) await sleep(100);
    }
    expect(name, log).toBeDefined();
    // Wait until its container really runs, then cancel the job as the runner does.
    for (let i = 0; i < 600 && !(await containersNow()).includes(name!); i++) await sleep(100);
    expect(await containersNow()).toContain(name);
    child.kill('SIGTERM');
    const done = await child;
    expect(done.exitCode).not.toBe(0);
    expect(done.all).toMatch(/interrupted by SIGTERM/);
    expect(await containersNow()).not.toContain(name);
    // Nor any other container of this job's image.
    const { stdout } = await execa('podman', ['ps', '--all', '--filter', `ancestor=${slow}`, '--format', '{{.Names}}'], { env: podmanEnv, extendEnv: false });
    expect(stdout.trim()).toBe('');
    expect(await manifests(w)).toEqual([]);
    expect(readFileSync(outputFile, 'utf8')).toBe('');
    expect(existsSync(w.workDir)).toBe(true);
  }, 600_000);
});
