import { ListObjectsV2Command, GetObjectCommand } from '@aws-sdk/client-s3';
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Manifest } from '../src/core/manifest.js';
import { freshBucket, rawClient, rgw } from './helpers/rgw.js';
import { runAction, type ActionRun } from './support/action-run.js';
import { EXAMPLES, filesContaining, modeloptPython, processesWith, runner, type Runner } from './support/build-env.js';
import { REV_A, workspace, yamlOf } from './support/matrix.js';
import { ACTION, ROOT } from './support/run.js';

/**
 * `build` end to end through the committed bundle, in native runtime: the nvidia-smi, hf and
 * TensorRT-LLM stand-ins on PATH, engine-forge's quantizer for real (ModelOpt on the CPU), the real
 * Ceph RGW store. Each test is one or more jobs of a workflow, on one runner (cache-dir shared).
 */
const TOKEN = `hf_${'Zq7'.repeat(10)}secret`;
let python: string;
let bucket: string;

beforeAll(async () => {
  rgw();
  python = modeloptPython();
  bucket = await freshBucket('build');
}, 600_000);

interface World {
  ws: string;
  store: string;
  runner: Runner;
}

/** The hub's models: a stub (config, tokenizer, a tiny weights file) that the TensorRT-LLM stand-ins take, and a real random-weight Llama for the real quantizer. */
const STUB = { source: 'engine-forge/tiny-llama', revision: '4c2b8a1f0e9d7c6b5a4938271605f4e3d2c1b0a9' };
const GATED = { source: 'engine-forge/gated-llama', revision: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432' };
const REAL = { source: 'acme/tiny-llama', revision: REV_A };

function matrix(options: { backend: 'pytorch' | 'tensorrt'; model?: { source: string; revision: string }; gpu?: string; tp?: number[]; precision?: string[]; batch?: string[]; buildFlags?: Record<string, unknown>; params?: number }): string {
  const gpu = options.gpu ?? 'h200';
  return yamlOf({
    version: 1,
    toolchains: {
      trtllm: { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: options.backend },
      vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0' },
    },
    gpus: { [gpu]: { 'runs-on': ['self-hosted', `gpu-${gpu}`], count: gpu === 'h200' ? 1 : 8 } },
    models: {
      tiny: {
        ...(options.model ?? STUB),
        version: '1.0.0',
        'max-input-len': 256,
        'max-seq-len': 512,
        calibration: { dataset: 'calib.jsonl', size: 16 },
        ...(options.buildFlags ? { 'build-flags': options.buildFlags } : {}),
        ...(options.params !== undefined ? { params: options.params } : {}),
      },
    },
    matrix: { model: ['tiny'], gpu: [gpu], precision: options.precision ?? ['bf16'], batch: options.batch ?? ['1-64'], tp: options.tp ?? [1] },
  });
}

function world(matrixText: string, smi?: string): World {
  if (matrixText.includes(REAL.source)) realModel();
  const r = runner({ quantizerPython: python, ...(smi ? { smi } : {}) });
  const ws = workspace({ 'm.yml': matrixText, 'calib.jsonl': CALIBRATION });
  return { ws, store: `s3://${bucket}/${path.basename(r.dir)}`, runner: r };
}

const CALIBRATION = Array.from({ length: 16 }, (_, i) => JSON.stringify({ text: `Calibration line ${i}: the quick brown fox jumps over the lazy dog.` })).join('\n');

function envOf(w: World, extra: Record<string, string> = {}): Record<string, string> {
  const server = rgw();
  return {
    ...w.runner.env,
    GITHUB_WORKSPACE: w.ws,
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_SHA: 'c0ffee'.padEnd(40, '0'),
    GITHUB_RUN_ID: '4242',
    AWS_ACCESS_KEY_ID: server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
    AWS_REGION: server.region,
    EF_FAKE_HUB: hub(),
    ...extra,
  };
}

function inputs(w: World, command: string, more: Record<string, string> = {}): Record<string, string> {
  return { command, matrix: 'm.yml', store: w.store, 's3-endpoint': rgw().endpoint, runtime: 'native', 'work-dir': w.runner.workDir, 'cache-dir': w.runner.cacheDir, 'trtllm-examples': EXAMPLES, ...more };
}

async function plan(w: World): Promise<{ engines: { include: Record<string, unknown>[] }; checkpoints: { include: Record<string, unknown>[] } }> {
  const ran = await runAction(inputs(w, 'plan', { comment: 'false' }), envOf(w));
  expect(ran.exitCode, ran.log).toBe(0);
  return { engines: JSON.parse(ran.outputs.engines!), checkpoints: JSON.parse(ran.outputs.checkpoints ?? '{"include":[]}') };
}

async function build(w: World, entry: unknown, extraEnv: Record<string, string> = {}, more: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(inputs(w, 'build', { cell: JSON.stringify(entry), ...more }), envOf(w, extraEnv));
}

/** Every manifest under the world's store prefix, parsed. */
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

/** Every object's bytes under the world's prefix, for the token check. */
async function storeObjects(w: World): Promise<{ key: string; text: string }[]> {
  const prefix = w.store.slice(`s3://${bucket}/`.length);
  const client = rawClient();
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const out: { key: string; text: string }[] = [];
  for (const o of listed.Contents ?? []) {
    if ((o.Size ?? 0) > 8 * 1024 * 1024) continue;
    const body = await client.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }));
    out.push({ key: o.Key!, text: Buffer.from(await body.Body!.transformToByteArray()).toString('latin1') });
  }
  client.destroy();
  return out;
}

let hubDir: string | undefined;
/** The stand-in hub: test/support/hub's models, plus a real tiny Llama (random weights) at REV_A when a test needs one. */
function hub(): string {
  if (hubDir) return hubDir;
  hubDir = mkdtempSync(path.join(os.tmpdir(), 'ef-hub-'));
  cpSync(path.join(ROOT, 'test/support/hub'), hubDir, { recursive: true });
  return hubDir;
}

function realModel(): void {
  const dir = path.join(hub(), REAL.source);
  if (existsSync(path.join(dir, '.hub.json'))) return;
  execFileSync(python, [path.join(ROOT, 'test/support/make_tiny_llama.py'), dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(path.join(dir, '.hub.json'), JSON.stringify({ sha: REAL.revision, refs: { main: REAL.revision }, gated: false }));
}

describe('build: the PyTorch path', () => {
  it('checkpoint once, two fp8 cells share it, a bf16 cell serves the pinned model; the token never leaks', async () => {
    const w = world(matrix({ backend: 'pytorch', model: REAL, precision: ['bf16', 'fp8'], batch: ['1-64', '1-256'] }));
    const jobs = await plan(w);
    expect(jobs.checkpoints.include.map((j) => j.checkpoint)).toEqual(['tiny/fp8']);

    const ck = await build(w, jobs.checkpoints.include[0], { HF_TOKEN: TOKEN });
    expect(ck.exitCode, ck.log).toBe(0);
    const engineEntries = jobs.engines.include;
    const runs: ActionRun[] = [ck];
    for (const entry of engineEntries) {
      const ran = await build(w, entry, { HF_TOKEN: TOKEN });
      expect(ran.exitCode, ran.log).toBe(0);
      runs.push(ran);
    }

    // One calibration, one model download, for four cells.
    expect(w.runner.callsOf('python3').filter((c) => / quantize /.test(c))).toHaveLength(1);
    expect(w.runner.callsOf('hf').filter((c) => !/ config\.json /.test(c))).toHaveLength(1);

    const stored = await manifests(w);
    expect(stored.map((m) => `${m.kind} ${m.id}`).sort()).toEqual([
      'checkpoint tiny/fp8',
      'engine tiny/h200/bf16/tp1/b1-256',
      'engine tiny/h200/bf16/tp1/b1-64',
      'engine tiny/h200/fp8/tp1/b1-256',
      'engine tiny/h200/fp8/tp1/b1-64',
    ]);
    const checkpoint = stored.find((m) => m.kind === 'checkpoint')!;
    expect(checkpoint.files.map((f) => f.path)).toEqual(expect.arrayContaining(['config.json', 'hf_quant_config.json', 'tokenizer.json']));
    const fp8 = stored.find((m) => m.id === 'tiny/h200/fp8/tp1/b1-64')!;
    expect(fp8.files.map((f) => f.path).sort()).toEqual(['engine-forge.json', 'serve.yaml']);
    expect(fp8.provenance).toMatchObject({
      gpu: 'NVIDIA H200',
      gpus: [{ index: 0, name: 'NVIDIA H200', uuid: 'GPU-606dada1-4bb2-3179-8bab-a992742bf0cd' }],
      gpuCount: 1,
      // Both from the H200 captures (the CSV's driver_version, `nvidia-smi -q`'s header).
      driver: '580.159.04',
      cuda: '13.0',
      toolchain: { runtime: 'native', version: '1.2.0' },
      commit: 'c0ffee'.padEnd(40, '0'),
      runUrl: 'https://github.com/acme/models/actions/runs/4242',
      coldStartMs: expect.any(Number),
    });
    expect(fp8.provenance.steps!.map((s) => s.name)).toContain('smoke start');

    // The artifact as a deploy would read it: the config and which weights it serves.
    const fp8Run = runs[engineEntries.findIndex((e) => (e.cells as string[]).includes('tiny/h200/fp8/tp1/b1-64')) + 1]!;
    const dir = fp8Run.outputs['artifact-dir']!.split('\n')[0]!;
    const cellDir = (fp8Run.outputs['artifact-dir'] ?? '').endsWith('b1-64') ? dir : path.join(dir, 'tiny/h200/fp8/tp1/b1-64');
    const serve = parse(readFileSync(path.join(cellDir, 'serve.yaml'), 'utf8')) as Record<string, unknown>;
    expect(serve).toMatchObject({ max_batch_size: 64, max_seq_len: 512, tensor_parallel_size: 1, cuda_graph_config: { batch_sizes: [1, 2, 4, 8, 16, 32, 64] } });
    const reference = JSON.parse(readFileSync(path.join(cellDir, 'engine-forge.json'), 'utf8')) as { weights: Record<string, unknown> };
    expect(reference.weights).toMatchObject({ kind: 'checkpoint', id: 'tiny/fp8', fingerprint: checkpoint.fingerprint });
    const bf16 = stored.find((m) => m.id === 'tiny/h200/bf16/tp1/b1-64')!;
    expect(bf16.provenance.steps!.map((s) => s.name)).toContain('smoke start');

    // HF_TOKEN: masked once, then nowhere — logs, outputs, summaries, files written, the store.
    for (const ran of runs) {
      expect(ran.log).toContain(`::add-mask::${TOKEN}`);
      const unmasked = ran.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
      expect(unmasked).not.toContain(TOKEN);
      expect(JSON.stringify(ran.outputs) + ran.summary).not.toContain(TOKEN);
    }
    expect(filesContaining(w.runner.workDir, TOKEN)).toEqual([]);
    expect(filesContaining(w.runner.cacheDir, TOKEN)).toEqual([]);
    expect((await storeObjects(w)).filter((o) => o.text.includes(TOKEN)).map((o) => o.key)).toEqual([]);
  }, 600_000);
});

describe('build: the TensorRT engine path', () => {
  it('bf16 TP 2: convert_checkpoint, trtllm-build with the derived flags, checks, publish; publish: false stores nothing', async () => {
    const w = world(matrix({ backend: 'tensorrt', gpu: 'h100', tp: [2] }), 'nvidia-smi-h100x8.csv');
    const { engines } = await plan(w);
    const ran = await build(w, engines.include[0]);
    expect(ran.exitCode, ran.log).toBe(0);
    const [m] = await manifests(w);
    expect(m!.files.map((f) => f.path).sort()).toEqual(expect.arrayContaining(['config.json', 'rank0.engine', 'rank1.engine', 'tokenizer.json']));
    expect(m!.provenance.gpus!.map((g) => g.index)).toEqual([0, 1]);
    expect(m!.provenance.steps!.map((s) => s.name)).toEqual(expect.arrayContaining(['convert checkpoint', 'trtllm-build']));
    expect(ran.summary).toMatch(/\| `tiny\/h100\/bf16\/tp2\/b1-64` \| published → `s3:\/\/.*\| .*trtllm-build \d+\.\d s/);
    expect(ran.log).toMatch(/trtllm-build .*--max_batch_size 64 .*--gemm_plugin auto --multiple_profiles enable --workers 2/);

    const dry = await build(w, engines.include[0], {}, { publish: 'false' });
    expect(dry.exitCode, dry.log).toBe(0);
    expect(dry.outputs.uri).toBe('');
    expect(readFileSync(path.join(dry.outputs['artifact-dir']!, 'config.json'), 'utf8')).toContain('"tp_size": 2');
  }, 300_000);

  it('on a pull request, stores a candidate and says so (summary, log, channel output); resolve never sees it', async () => {
    const w = world(matrix({ backend: 'tensorrt', gpu: 'h100', tp: [2] }), 'nvidia-smi-h100x8.csv');
    const { engines } = await plan(w);
    const event = path.join(w.ws, 'event-pr.json');
    const repository = { full_name: 'acme/models', default_branch: 'main' };
    writeFileSync(event, JSON.stringify({ number: 31, pull_request: { number: 31, head: { repo: { full_name: 'acme/models' } }, base: { repo: { full_name: 'acme/models' } } }, repository }));
    const ran = await build(w, engines.include[0], { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event });
    expect(ran.exitCode, ran.log).toBe(0);
    expect(ran.outputs.channel).toBe('pull-request');
    expect(decodeURIComponent(ran.outputs.manifest!)).toMatch(/\/candidates\/engines\/tiny\/h100\/bf16\/tp2\/b1-64\//);
    expect(ran.summary).toMatch(/Stored as \*\*pull-request candidates\*\*/);
    expect(ran.summary).toMatch(/\| `tiny\/h100\/bf16\/tp2\/b1-64` \| stored as a pull-request candidate → `s3:\/\//);
    expect(ran.log).toMatch(/storing pull-request candidates \(the pull_request event is not merged code\)/);
    // Nothing published: the default branch's listing (what resolve reads) is empty.
    expect(await manifests(w)).toEqual([]);
  }, 300_000);

  it('fp8 from the stored checkpoint: export-trtllm for the TP, trtllm-build with gemm_plugin disabled', async () => {
    const w = world(matrix({ backend: 'tensorrt', model: REAL, gpu: 'h100', precision: ['fp8'], tp: [2] }), 'nvidia-smi-h100x8.csv');
    const jobs = await plan(w);
    expect((await build(w, jobs.checkpoints.include[0])).exitCode).toBe(0);
    const ran = await build(w, jobs.engines.include[0]);
    expect(ran.exitCode, ran.log).toBe(0);
    expect(ran.log).toMatch(/engine_forge_quantize\.py export-trtllm/);
    expect(ran.log).toMatch(/--gemm_plugin disable/);
    expect(w.runner.callsOf('python3').filter((c) => / quantize /.test(c))).toHaveLength(1);
  }, 600_000);
});

describe('build: failures and cancellation publish nothing', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['CUDA out of memory', { EF_FAKE_FAIL: 'trtllm-build=oom' }, /::error::step 'trtllm-build' exited with status 1: the GPUs ran out of memory/],
    ["the kernel's OOM killer", { EF_FAKE_FAIL: 'trtllm-build=kill' }, /step 'trtllm-build' [\s\S]*(SIGKILL|137)/],
  ];
  for (const [what, env, message] of cases) {
    it(`a step that dies of ${what} fails the action with why`, async () => {
      const w = world(matrix({ backend: 'tensorrt' }));
      const { engines } = await plan(w);
      const ran = await build(w, engines.include[0], env);
      expect(ran.exitCode).not.toBe(0);
      expect(ran.log).toMatch(/::error::/);
      expect(ran.log).toMatch(message);
      expect(await manifests(w)).toEqual([]);
    }, 300_000);
  }

  it("pre-flight counts an engine cell's stored-checkpoint download into cache-dir, before fetching anything", async () => {
    // 60 B parameters fit one H200 at fp8, but source + checkpoint + engine outgrow this runner's whole disk.
    // The refusal comes before the checkpoint is looked up (it was never made).
    const w = world(matrix({ backend: 'tensorrt', precision: ['fp8'], params: 60 }));
    const { engines } = await plan(w);
    const ran = await build(w, engines.include[0]);
    expect(ran.exitCode).not.toBe(0);
    expect(ran.log).toContain('this runner cannot build tiny/h200/fp8/tp1/b1-64');
    const cacheGiB = Number(/together \(.*cache-dir ([\d.]+) GiB/.exec(ran.log)?.[1]);
    // The bf16 source (2 bytes a parameter) and the fp8 checkpoint (1 byte), + 10% + 1 GiB.
    expect(cacheGiB).toBeCloseTo((3 * 60e9 * 1.1) / 1024 ** 3 + 1, 1);
    expect(ran.log).not.toContain('is not in s3://');
  }, 300_000);

  it("an unknown build flag (exit 2) points at the matrix's build-flags line", async () => {
    const text = matrix({ backend: 'tensorrt', buildFlags: { no_such_flag: 1 } });
    const w = world(text);
    const { engines } = await plan(w);
    const ran = await build(w, engines.include[0]);
    expect(ran.exitCode).not.toBe(0);
    const line = text.split('\n').findIndex((l) => l.includes('build-flags:')) + 1;
    expect(ran.log).toContain(`m.yml:${line}`);
    expect(ran.log).toMatch(/::error::step 'trtllm-build' exited with status 2: .*rejected its command line.*check the flags in m\.yml:\d+ models\.tiny\.build-flags/);
    expect(await manifests(w)).toEqual([]);
  }, 300_000);

  it('SIGTERM mid-step stops the step, publishes nothing, leaves nothing running and exits non-zero', async () => {
    const w = world(matrix({ backend: 'tensorrt' }));
    const { engines } = await plan(w);
    const marker = `EF_TEST_MARK_${path.basename(w.runner.dir)}`;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-cancel-'));
    const outputFile = path.join(dir, 'output');
    writeFileSync(outputFile, '');
    const env = envOf(w, { EF_FAKE_SLOW: 'trtllm-build=300', [marker]: '1', GITHUB_OUTPUT: outputFile, RUNNER_TEMP: dir });
    const child = execa(process.execPath, [ACTION], {
      reject: false,
      all: true,
      extendEnv: false,
      env: { ...env, ...Object.fromEntries(Object.entries(inputs(w, 'build', { cell: JSON.stringify(engines.include[0]) })).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])) },
    });
    let log = '';
    child.all!.on('data', (d: Buffer) => (log += d.toString()));
    for (let i = 0; i < 600 && !/\$ trtllm-build /.test(log); i++) await sleep(100);
    expect(log).toMatch(/\$ trtllm-build /);
    await sleep(500);
    child.kill('SIGTERM');
    const done = await child;
    expect(done.exitCode).not.toBe(0);
    expect(done.all).toMatch(/interrupted by SIGTERM/);
    expect(processesWith(marker)).toEqual([]);
    expect(await manifests(w)).toEqual([]);
    expect(await readFile(outputFile, 'utf8')).toBe('');
  }, 300_000);

  it('a gated model without HF_TOKEN fails saying so', async () => {
    const w = world(matrix({ backend: 'pytorch', model: GATED }));
    const { engines } = await plan(w);
    const ran = await build(w, engines.include[0]);
    expect(ran.exitCode).not.toBe(0);
    expect(ran.log).toMatch(/engine-forge\/gated-llama' is gated and HF_TOKEN is not set/);
  }, 120_000);
});
