// Planning benchmark: a generated 10,000-cell matrix against a local store holding 10,000
// artifacts, run through the committed bundle in a fresh process; plus cold start on the example.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { deriveCells } from '../src/core/cells.js';
import { parseMatrix } from '../src/core/parse.js';
import { MANIFEST_SCHEMA } from '../src/core/manifest.js';
import { LocalStore } from '../src/store/local.js';
import { measureNode, median } from './measure.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/cli.js');
const ACTION = path.join(ROOT, 'dist/index.js');
const RUNS = Number(process.env.EF_BENCH_RUNS ?? 5);

function generatedMatrix(trtllm: string): string {
  const models: Record<string, unknown> = {};
  for (let i = 0; i < 10; i++) {
    models[`model-${i}`] = { source: `org/model-${i}`, revision: (i.toString(16) + 'a'.repeat(40)).slice(0, 40), version: `1.${i}.0`, params: 8, 'max-input-len': 4096, 'max-seq-len': 8192 };
  }
  return stringify({
    version: 1,
    toolchains: { trtllm: { version: trtllm, image: `nvcr.io/nvidia/tensorrt-llm/release:${trtllm}` }, vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0' } },
    gpus: { h100: { 'runs-on': ['gpu-h100'], count: 8 }, h200: { 'runs-on': ['gpu-h200'], count: 8 }, l40s: { 'runs-on': ['gpu-l40s'], count: 8 }, b200: { 'runs-on': ['gpu-b200'], count: 8 } },
    models,
    matrix: {
      model: Object.keys(models),
      gpu: ['h100', 'h200', 'l40s', 'b200'],
      precision: ['bf16', 'fp8', 'fp16', 'int8_wo', 'nvfp4'],
      batch: Array.from({ length: 10 }, (_, i) => `1-${2 ** (i + 1)}`),
      tp: [1, 2, 4, 8, 3],
    },
  });
}

async function seedStore(dir: string, text: string): Promise<number> {
  const store = new LocalStore(dir);
  const { engines, checkpoints } = deriveCells(parseMatrix('m.yml', text, 20_000).matrix!);
  const now = new Date().toISOString();
  // The quantized checkpoints the cells start from, so that "up to date" means everything.
  for (const k of checkpoints) {
    if (k.unsupported !== undefined) continue;
    await store.commitManifest({
      schema: MANIFEST_SCHEMA, kind: 'checkpoint', id: k.id, model: k.model, version: k.version, fingerprint: k.fingerprint,
      inputs: k.inputs, digests: k.digests, files: [{ path: 'config.json', size: 1, sha256: 'a'.repeat(64) }],
      toolchain: {}, provenance: {}, createdAt: now, completedAt: now,
    });
  }
  for (const cell of engines) {
    await store.commitManifest({
      schema: MANIFEST_SCHEMA, kind: 'engine', id: cell.id, model: cell.model, version: cell.version, fingerprint: cell.fingerprint,
      inputs: cell.inputs, digests: cell.digests, files: [{ path: 'rank0.engine', size: 1, sha256: 'a'.repeat(64) }],
      toolchain: {}, provenance: {}, createdAt: now, completedAt: now,
    });
  }
  return engines.length;
}

async function scenario(label: string, dir: string): Promise<string> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const m = await measureNode([CLI, 'plan', '--matrix', 'm.yml', '--store', 'store', '--plan-file', 'plan.json'], { cwd: dir });
    if (m.code !== 0) throw new Error(`plan failed: ${m.stderr}`);
    runs.push(m);
  }
  const counts = /engines: (\d+) to build, (\d+) up to date, (\d+) unsupported/.exec(runs[0]!.stdout);
  return `${label.padEnd(44)} wall ${median(runs.map((r) => r.seconds)).toFixed(3)} s  peak RSS ${median(runs.map((r) => r.peakRssMiB)).toFixed(0)} MiB  (build ${counts?.[1]}, skip ${counts?.[2]}, unsupported ${counts?.[3]})`;
}

export async function benchPlan(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-bench-plan-'));
  try {
    const text = generatedMatrix('1.2.0');
    writeFileSync(path.join(dir, 'm.yml'), text);
    const seeded = await seedStore(path.join(dir, 'store'), text);
    console.log(`plan benchmark: ${seeded}-cell matrix, local store with ${seeded} artifacts, median of ${RUNS} fresh processes (goal ≤ 1 s, ≤ 200 MiB)`);
    console.log(await scenario('all cells up to date', dir));
    writeFileSync(path.join(dir, 'm.yml'), generatedMatrix('1.2.1'));
    console.log(await scenario('toolchain bump: every cell rebuilds + explains', dir));

    mkdirSync(path.join(dir, 'ws', 'matrices'), { recursive: true });
    copyFileSync(path.join(ROOT, 'matrices/example.yml'), path.join(dir, 'ws/matrices/example.yml'));
    const env = { GITHUB_WORKSPACE: path.join(dir, 'ws'), INPUT_MATRIX: 'matrices/example.yml', GITHUB_OUTPUT: path.join(dir, 'out'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary'), RUNNER_TEMP: dir };
    writeFileSync(env.GITHUB_OUTPUT, '');
    writeFileSync(env.GITHUB_STEP_SUMMARY, '');
    const cold = [];
    for (let i = 0; i < RUNS; i++) cold.push(await measureNode([ACTION], { cwd: env.GITHUB_WORKSPACE, env }));
    const bare = [];
    for (let i = 0; i < RUNS; i++) bare.push(await measureNode(['-e', '0'], { cwd: dir }));
    const c = median(cold.map((r) => r.seconds));
    const b = median(bare.map((r) => r.seconds));
    console.log(`${'cold start: node dist/index.js plan example'.padEnd(44)} wall ${c.toFixed(3)} s  peak RSS ${median(cold.map((r) => r.peakRssMiB)).toFixed(0)} MiB  (goal ≤ 0.5 s; bare \`node -e 0\` ${b.toFixed(3)} s, ratio ${(c / b).toFixed(1)}×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPlan();
