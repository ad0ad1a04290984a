import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { engineJobs, imageJobs } from '../src/core/outputs.js';
import { artifactsToExplain, planAgainst, type Plan } from '../src/core/plan.js';
import { renderSummary, truncate } from '../src/core/summary.js';
import { computePlan, planJson, writePlanFile } from '../src/commands/plan.js';
import { Settings, type InputName } from '../src/inputs.js';
import { LocalStore } from '../src/store/local.js';
import { baseMatrix, parsed, REV_B, workspace, yamlOf } from './support/matrix.js';
import { manifestFor } from './support/manifest.js';

function settingsFor(dir: string, inputs: Partial<Record<InputName, string>>): Settings {
  return new Settings({ kind: 'action', get: (name) => inputs[name] }, { GITHUB_WORKSPACE: dir });
}

async function planOf(dir: string, m: ReturnType<typeof baseMatrix>): Promise<Plan> {
  const file = path.join(dir, 'matrices', 'prod.yml');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, yamlOf(m));
  return (await computePlan(settingsFor(dir, { matrix: 'matrices/prod.yml', store: 'store' }))).plan;
}

async function publishAll(dir: string, m: ReturnType<typeof baseMatrix>): Promise<void> {
  const store = new LocalStore(path.join(dir, 'store'));
  const cells = deriveCells(parsed(yamlOf(m)));
  for (const cell of cells.engines) if (!cell.unsupported) expect((await store.commitManifest(manifestFor(cell))).created).toBe(true);
  for (const image of cells.images) if (!image.unsupported) await store.commitManifest(manifestFor(image, 'image'));
  for (const checkpoint of cells.checkpoints) if (!checkpoint.unsupported) await store.commitManifest(manifestFor(checkpoint, 'checkpoint'));
}

describe('plan against the local store', () => {
  it('builds everything on an empty store, then skips everything once published', async () => {
    const dir = workspace();
    const m = baseMatrix();
    const first = await planOf(dir, m);
    expect(first.counts.build).toBeGreaterThan(0);
    expect(first.engines.filter((e) => e.status === 'build').every((e) => e.reason === 'no artifact yet')).toBe(true);
    await publishAll(dir, m);
    const second = await planOf(dir, m);
    expect(second.counts.build).toBe(0);
    expect(second.counts.skip).toBe(first.counts.build);
    expect(second.counts.imageBuild).toBe(0);
    expect(second.engines.find((e) => e.status === 'skip')?.artifact).toMatch(/^manifests\/engines\//);
  });

  it('rebuilds exactly the cells a version bump affects, and says why', async () => {
    const dir = workspace();
    const m = baseMatrix();
    await publishAll(dir, m);
    m.models['llama-3.1-8b']!.version = '1.5.0';
    m.models['llama-3.1-8b']!.revision = REV_B;
    const plan = await planOf(dir, m);
    const building = plan.engines.filter((e) => e.status === 'build');
    expect(building.length).toBeGreaterThan(0);
    expect(building.every((e) => e.cell.model === 'llama-3.1-8b')).toBe(true);
    expect(plan.engines.filter((e) => e.cell.model === 'qwen-2.5-7b' && e.status === 'build')).toEqual([]);
    expect(building[0]!.reason).toBe('revision 0e9e39f → 5f0b02c, version 1.4.0 → 1.5.0');
    // The new revision needs a new FP8 checkpoint: its NVIDIA image waits for it; the rest build.
    expect(plan.checkpoints.filter((k) => k.status === 'build').map((k) => k.id)).toEqual(['llama-3.1-8b/fp8']);
    expect(plan.images.filter((i) => i.status === 'build').map((i) => i.id)).toEqual(['llama-3.1-8b/bf16/amd', 'llama-3.1-8b/bf16/nvidia', 'llama-3.1-8b/fp8/amd']);
    expect(plan.images.filter((i) => i.status === 'waiting').map((i) => i.id)).toEqual(['llama-3.1-8b/fp8/nvidia']);
  });

  it('explains a toolchain bump per cell', async () => {
    const dir = workspace();
    const m = baseMatrix();
    m.toolchains.trtllm!.version = '1.1.0';
    await publishAll(dir, m);
    m.toolchains.trtllm!.version = '1.2.0';
    const plan = await planOf(dir, m);
    expect(plan.engines.filter((e) => e.status === 'build').map((e) => e.reason)).toContain('trtllm 1.1.0 → 1.2.0');
    expect(plan.counts.skip).toBe(0);
    expect(plan.counts.imageBuild).toBe(0); // vLLM images do not depend on TensorRT-LLM
  });

  it('adding a GPU family builds only that family', async () => {
    const dir = workspace();
    const m = baseMatrix();
    await publishAll(dir, m);
    m.gpus.h200 = { 'runs-on': ['self-hosted', 'gpu-h200'], count: 8 };
    (m.matrix.gpu as string[]).push('h200');
    const plan = await planOf(dir, m);
    const building = plan.engines.filter((e) => e.status === 'build');
    expect(building.length).toBe(8);
    expect(building.every((e) => e.cell.gpu === 'h200')).toBe(true);
    expect(plan.counts.imageBuild).toBe(0);
  });

  it('exactly one of two racing local publishers wins', async () => {
    const store = new LocalStore(mkdtempSync(path.join(os.tmpdir(), 'ef-store-')));
    const cell = deriveCells(parsed(yamlOf(baseMatrix()))).engines[0]!;
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => store.commitManifest(manifestFor(cell))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await store.list('engine')).length).toBe(1);
  });
});

describe('outputs', () => {
  const bigPlan = (): Plan => {
    const m = baseMatrix();
    m.models['llama-3.1-8b']!.params = 8;
    m.matrix = {
      model: ['llama-3.1-8b', 'qwen-2.5-7b'],
      gpu: ['h100', 'a100-80gb'],
      precision: ['bf16', 'int4_awq', 'int8_wo'],
      batch: Array.from({ length: 30 }, (_, i) => `1-${i + 1}`),
      tp: [1, 2, 4],
    };
    return planAgainst(deriveCells(parsed(yamlOf(m))), [], new Map());
  };

  it('gives one job per cell while they fit', () => {
    const plan = bigPlan();
    const jobs = engineJobs(plan, 2000);
    expect(jobs).toHaveLength(plan.counts.build);
    expect(jobs.every((j) => j.cells.length === 1)).toBe(true);
  });

  it('packs cells of the same runner labels into at most 256 jobs', () => {
    const plan = bigPlan();
    expect(plan.counts.build).toBe(2 * 2 * 3 * 30 * 3);
    const jobs = engineJobs(plan);
    expect(jobs.length).toBeLessThanOrEqual(256);
    expect(jobs.flatMap((j) => j.cells).sort()).toEqual(plan.engines.filter((e) => e.status === 'build').map((e) => e.id).sort());
    for (const job of jobs) {
      const labels = new Set(job.cells.map((id) => JSON.stringify(plan.engines.find((e) => e.id === id)!.cell.runsOn)));
      expect(labels.size).toBe(1);
      expect(JSON.stringify(job['runs-on'])).toBe([...labels][0]);
    }
  });

  it('says a matrix version below the stored one goes backwards, built or skipped', async () => {
    const dir = workspace();
    const m = baseMatrix();
    m.models['llama-3.1-8b']!.version = '1.5.0';
    m.models['llama-3.1-8b']!.revision = REV_B;
    await publishAll(dir, m);
    // Back to 1.4.0 (as after an unmerged bump was published): it rebuilds, but ^1 still resolves 1.5.0.
    const back = baseMatrix();
    const plan = await planOf(dir, back);
    const cell = plan.engines.find((e) => e.id === 'llama-3.1-8b/h100/bf16/tp1/b1-64')!;
    expect(cell.status).toBe('build');
    expect(cell.reason).toBe(
      'goes backwards: the store already has 1.5.0, newer than 1.4.0, and resolve prefers it for any range holding both; revision 5f0b02c → 0e9e39f, version 1.5.0 → 1.4.0',
    );
    expect(plan.images.find((i) => i.id === 'llama-3.1-8b/bf16/nvidia')?.reason).toMatch(/^goes backwards: the store already has 1\.5\.0/);
    const store = new LocalStore(path.join(dir, 'store'));
    for (const c of deriveCells(parsed(yamlOf(back))).engines) if (!c.unsupported && c.model === 'llama-3.1-8b') await store.commitManifest(manifestFor(c));
    const skipped = (await planOf(dir, back)).engines.find((e) => e.id === 'llama-3.1-8b/h100/bf16/tp1/b1-64')!;
    expect(skipped.status).toBe('skip');
    expect(skipped.reason).toMatch(/^goes backwards: the store already has 1\.5\.0, newer than 1\.4\.0, .*; up to date \(1\.4\.0 stored/);
    // The other model never moved: nothing to say.
    expect((await planOf(dir, back)).engines.find((e) => e.cell.model === 'qwen-2.5-7b')!.reason).toMatch(/^up to date/);
  });

  it('lists images with their own runs-on labels', () => {
    const jobs = imageJobs(bigPlan());
    expect(jobs.length).toBe(2); // nvidia only, and only bf16: vLLM has no loader for int4_awq or int8_wo checkpoints
    expect(jobs[0]!['runs-on']).toEqual(['ubuntu-latest']);
  });

  it('the job summary renders matrix text inert: no line break, mention, link or image', async () => {
    const dir = workspace();
    const m = baseMatrix();
    m.gpus.h100!['runs-on'] = ['gpu\r# Approved by @security', '![x](https://evil.example/p.png)', '[login](https://evil.example)'];
    const plan = await planOf(dir, m);
    const summary = renderSummary(plan, { matrix: 'matrices/a`b.yml', store: 'store' });
    const row = summary.split('\n').find((line) => line.startsWith('| llama-3.1-8b/h100/bf16/tp1/b1-64 |'))!;
    expect(summary).not.toMatch(/\r/);
    expect(row).toContain('gpu \\# Approved by @&#8203;security, !\\[x\\](https:&#8203;//evil.example/p.png), \\[login\\](https:&#8203;//evil.example)');
    expect(summary).toContain('## engine-forge plan: ``matrices/a`b.yml``');
  });

  it('writes the plan file a slice at a time, byte for byte what one JSON.stringify gives', async () => {
    const dir = workspace();
    const m = baseMatrix();
    m.matrix.batch = Array.from({ length: 100 }, (_, i) => `1-${i + 1}`); // past one 500-cell slice
    writeFileSync(path.join(dir, 'm.yml'), yamlOf(m));
    const run = await computePlan(settingsFor(dir, { matrix: 'm.yml', store: 'store' }));
    expect(run.plan.engines.length).toBeGreaterThan(1000);
    const file = path.join(dir, 'out', 'plan.json');
    await writePlanFile(file, run);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(planJson(run))}\n`);
  });

  it('truncates the summary under 1 MiB with a note', () => {
    const plan = bigPlan();
    const full = renderSummary(plan, { matrix: 'm.yml', store: 's' });
    expect(full).toContain('### Cells to build (1080)');
    const cut = renderSummary(plan, { matrix: 'm.yml', store: 's' }, 10_000);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(10_000);
    expect(cut).toContain('Summary truncated');
    expect(truncate('short', 100)).toBe('short');
  });
});

describe('explaining rebuilds reads one manifest per moved input group, not one per cell', () => {
  async function setup(edit: (m: ReturnType<typeof baseMatrix>) => void) {
    const store = new LocalStore(mkdtempSync(path.join(os.tmpdir(), 'ef-store-')));
    const m = baseMatrix();
    m.matrix.batch = ['1-8', '1-16', '1-32', '1-64'];
    m.toolchains.trtllm!.version = '1.1.0';
    for (const cell of deriveCells(parsed(yamlOf(m))).engines) await store.commitManifest(manifestFor(cell));
    edit(m);
    const cells = deriveCells(parsed(yamlOf(m)));
    const existing = await store.list('engine');
    const wanted = artifactsToExplain(cells.engines, existing);
    const previous = new Map(await Promise.all(wanted.map(async (a) => [a.key, await store.readManifest(a)] as const)));
    return { plan: planAgainst(cells, existing, previous), reads: wanted.length, stored: existing.length };
  }

  it('a toolchain bump over every cell: one read, plus one per quantized model × precision', async () => {
    const { plan, reads, stored } = await setup((m) => void (m.toolchains.trtllm!.version = '1.2.0'));
    expect(stored).toBe(80);
    // The quantizer is the toolchain: each FP8 checkpoint is remade, and its cells say so.
    expect(reads).toBe(1 + 2);
    const building = plan.engines.filter((e) => e.status === 'build');
    expect(building).toHaveLength(40);
    const reasons = new Set(building.map((e) => e.reason.replace(/[0-9a-f]{12} → [0-9a-f]{12}/, 'OLD → NEW')));
    expect(reasons).toEqual(new Set(['trtllm 1.1.0 → 1.2.0', 'trtllm 1.1.0 → 1.2.0, checkpoint-fingerprint OLD → NEW']));
    // Described once and shared: 10,000 cells need not hold 10,000 copies of one change.
    expect(new Set(building.map((e) => e.changes)).size).toBe(new Set(building.map((e) => e.reason)).size);
  });

  it('a version bump of one model and a toolchain bump: one read per moved group value', async () => {
    const { plan, reads } = await setup((m) => {
      m.toolchains.trtllm!.version = '1.2.0';
      m.models['llama-3.1-8b']!.version = '1.5.0';
      m.models['llama-3.1-8b']!.revision = REV_B;
    });
    // toolchain; llama's bf16 and fp8 model values (fp8's holds its checkpoint); qwen's fp8 checkpoint.
    expect(reads).toBeLessThanOrEqual(4);
    const reasons = new Set(plan.engines.filter((e) => e.status === 'build').map((e) => `${e.cell.model}: ${e.reason.replace(/[0-9a-f]{12} → [0-9a-f]{12}/, 'OLD → NEW')}`));
    expect(reasons).toEqual(
      new Set([
        'llama-3.1-8b: revision 0e9e39f → 5f0b02c, version 1.4.0 → 1.5.0, trtllm 1.1.0 → 1.2.0',
        'llama-3.1-8b: revision 0e9e39f → 5f0b02c, version 1.4.0 → 1.5.0, trtllm 1.1.0 → 1.2.0, checkpoint-fingerprint OLD → NEW',
        'qwen-2.5-7b: trtllm 1.1.0 → 1.2.0',
        'qwen-2.5-7b: trtllm 1.1.0 → 1.2.0, checkpoint-fingerprint OLD → NEW',
      ]),
    );
  });

  it('nothing moved: no reads at all', async () => {
    const { plan, reads } = await setup((m) => void (m.toolchains.trtllm!.version = '1.1.0'));
    expect(reads).toBe(0);
    expect(plan.counts.build).toBe(0);
  });
});
