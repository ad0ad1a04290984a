import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { DEFAULT_CALIBRATION, deriveCheckpoints, engineNeedsCheckpoint } from '../src/core/checkpoints.js';
import { planAgainst } from '../src/core/plan.js';
import { planCommand } from '../src/commands/plan.js';
import type { Logger } from '../src/commands/context.js';
import { Settings } from '../src/inputs.js';
import { LocalStore } from '../src/store/local.js';
import { manifestFor } from './support/manifest.js';
import { baseMatrix, parsed, workspace, yamlOf } from './support/matrix.js';

type M = ReturnType<typeof baseMatrix>;

/** One 70B model in FP8 over five Hopper/Ada families, three TP sizes and two batch ranges: 30 cells. */
function fleet(): M {
  const m = baseMatrix();
  m.gpus = {
    h100: { 'runs-on': ['self-hosted', 'gpu-h100'], count: 8 },
    'h100-nvl': { 'runs-on': ['self-hosted', 'gpu-h100-nvl'], count: 8 },
    h200: { 'runs-on': ['self-hosted', 'gpu-h200'], count: 8 },
    gh200: { 'runs-on': ['self-hosted', 'gpu-gh200'], count: 8 },
    l40s: { 'runs-on': ['self-hosted', 'gpu-l40s'], count: 8 },
  };
  m.models = { 'llama-70b': { source: 'meta-llama/Llama-3.1-70B-Instruct', revision: 'a'.repeat(40), version: '1.0.0', params: 70, 'max-input-len': 4096, 'max-seq-len': 8192 } };
  m.matrix = { model: ['llama-70b'], gpu: Object.keys(m.gpus), precision: ['fp8'], batch: ['1-64', '1-256'], tp: [2, 4, 8] };
  return m;
}

const derive = (m: M) => deriveCells(parsed(yamlOf(m)));
const quiet: Logger = { info: () => {}, warning: () => {}, notice: () => {} };

describe('checkpoints: one per model × precision', () => {
  it('5 GPU families × 3 TP × 2 batch ranges calibrate once', () => {
    const { engines, checkpoints } = derive(fleet());
    expect(engines.filter((e) => !e.unsupported)).toHaveLength(30);
    expect(checkpoints).toHaveLength(1);
    const [checkpoint] = checkpoints;
    expect(checkpoint!.id).toBe('llama-70b/fp8');
    expect(checkpoint!.unsupported).toBeUndefined();
    expect(checkpoint!.cells).toEqual(engines.map((e) => e.id));
    for (const e of engines) {
      expect(e.checkpoint).toBe('llama-70b/fp8');
      expect(e.inputs.checkpoint).toBe('llama-70b/fp8');
      expect(e.inputs['checkpoint-fingerprint']).toBe(checkpoint!.fingerprint);
    }
    // The most memory per GPU: an H200 runner, two of its GPUs for 140 GB of BF16 weights.
    expect(checkpoint).toMatchObject({ gpu: 'h200', runsOn: ['self-hosted', 'gpu-h200'], gpuCount: 2 });
    expect(checkpoint!.calibration).toEqual(DEFAULT_CALIBRATION);
    expect(checkpoint!.inputs).toMatchObject({ calibration: DEFAULT_CALIBRATION, precision: 'fp8', trtllm: '1.2.0' });
  });

  it('the plan emits one checkpoint job, and no second one once it is stored', async () => {
    const dir = workspace({ 'matrix.yml': yamlOf(fleet()) });
    const settings = new Settings(
      { kind: 'action', get: (name) => ({ matrix: 'matrix.yml', store: 'store', 'plan-file': path.join(dir, 'plan.json') })[name as string] },
      { GITHUB_WORKSPACE: dir },
    );
    const first = await planCommand({ settings, log: quiet });
    expect(first.outputs['checkpoint-count']).toBe('1');
    const jobs = (JSON.parse(first.outputs.checkpoints!) as { include: Record<string, unknown>[] }).include;
    expect(jobs).toEqual([
      expect.objectContaining({ checkpoint: 'llama-70b/fp8', 'runs-on': ['self-hosted', 'gpu-h200'], gpu: 'h200', precision: 'fp8', model: 'llama-70b', version: '1.0.0' }),
    ]);
    expect(first.text).toMatch(/^build\s+checkpoint\s+llama-70b\/fp8\s/m);
    expect(first.summary).toContain('### Checkpoints to build (1)');
    const json = first.json as { checkpoints: { id: string; status: string; cells: string[] }[]; cells: { checkpoint?: string }[] };
    expect(json.checkpoints.map((k) => [k.id, k.status, k.cells.length])).toEqual([['llama-70b/fp8', 'build', 30]]);
    expect(json.cells.every((c) => c.checkpoint === 'llama-70b/fp8')).toBe(true);

    const store = new LocalStore(path.join(dir, 'store'));
    await store.commitManifest(manifestFor(derive(fleet()).checkpoints[0]!, 'checkpoint'));
    const second = await planCommand({ settings, log: quiet });
    expect(second.outputs['checkpoint-count']).toBe('0');
    expect(JSON.parse(second.outputs.checkpoints!)).toEqual({ include: [] });
    expect((second.json as { checkpoints: { status: string; reason: string }[] }).checkpoints[0]).toMatchObject({ status: 'skip', reason: expect.stringMatching(/^up to date \(1\.0\.0 stored/) });
  });

  it('a GPU family added does not recalibrate; a recalibration rebuilds every engine of that precision', () => {
    const before = derive(fleet());
    const added = fleet();
    added.gpus.b200 = { 'runs-on': ['self-hosted', 'gpu-b200'], count: 8 };
    (added.matrix.gpu as string[]).push('b200');
    const after = derive(added);
    // B200 has more memory, so it would calibrate a new checkpoint, but this one is the same: no job.
    expect(after.checkpoints[0]!.fingerprint).toBe(before.checkpoints[0]!.fingerprint);
    const old = new Map(before.engines.map((e) => [e.id, e.fingerprint]));
    for (const e of after.engines) if (old.has(e.id)) expect(e.fingerprint).toBe(old.get(e.id));
    const store = planAgainst(after, [{ kind: 'checkpoint', id: 'llama-70b/fp8', version: '1.0.0', fingerprint: before.checkpoints[0]!.fingerprint, signature: before.checkpoints[0]!.signature, key: 'k', modified: new Date(0) }], new Map());
    expect(store.checkpoints[0]!.status).toBe('skip');

    const recalibrated = fleet();
    recalibrated.models['llama-70b']!.calibration = { dataset: 'calib/prompts.jsonl', size: 1024 };
    const moved = derive(recalibrated);
    expect(moved.checkpoints[0]!.fingerprint).not.toBe(before.checkpoints[0]!.fingerprint);
    for (const e of moved.engines) expect(e.fingerprint).not.toBe(old.get(e.id));
  });

  it('a version bump that keeps the revision keeps the checkpoint', () => {
    const bumped = fleet();
    bumped.models['llama-70b']!.version = '1.0.1';
    bumped.models['llama-70b']!['max-seq-len'] = 16384;
    expect(derive(bumped).checkpoints[0]!.fingerprint).toBe(derive(fleet()).checkpoints[0]!.fingerprint);
  });

  it('weight-only precisions share a checkpoint on the PyTorch backend only', () => {
    expect(engineNeedsCheckpoint('int4_wo', 'pytorch')).toBe(true);
    expect(engineNeedsCheckpoint('int4_wo', 'tensorrt')).toBe(false);
    expect(engineNeedsCheckpoint('int4_awq', 'tensorrt')).toBe(true);
    expect(engineNeedsCheckpoint('bf16', 'pytorch')).toBe(false);
    const m = fleet();
    m.matrix.precision = ['bf16', 'int8_wo', 'int4_awq'];
    expect(derive(m).checkpoints.map((k) => k.id)).toEqual(['llama-70b/int4_awq', 'llama-70b/int8_wo']);
    m.toolchains.trtllm!.backend = 'tensorrt';
    const engine = derive(m);
    expect(engine.checkpoints.map((k) => k.id)).toEqual(['llama-70b/int4_awq']);
    expect(engine.engines.filter((e) => e.precision !== 'int4_awq').every((e) => e.checkpoint === undefined && e.inputs.checkpoint === undefined)).toBe(true);
  });

  it('is unsupported, with the reason, when no GPU family of its cells can calibrate', () => {
    const m = fleet();
    m.gpus = { h100: { 'runs-on': ['gpu-h100'], count: 1 }, mi300x: { 'runs-on': ['gpu-mi300x'], count: 8 } };
    m.matrix = { model: ['llama-70b'], gpu: ['h100', 'mi300x'], precision: ['fp8'], batch: ['1-64'], tp: [1] };
    const { checkpoints, engines } = derive(m);
    expect(checkpoints[0]!.unsupported).toBe(
      'no GPU family of its cells can calibrate fp8 (70B params need 140 GB in BF16): h100: 1 × 80 GB cannot hold 140 GB of BF16 weights; mi300x is AMD (ModelOpt calibrates on NVIDIA GPUs)',
    );
    // The H100 cell itself fits (70 GB of FP8 on one GPU), but without its checkpoint it cannot be built.
    expect(engines.find((e) => e.gpu === 'h100')!.unsupported).toMatch(/^its checkpoint llama-70b\/fp8 cannot be made: no GPU family/);
  });

  it('deriveCheckpoints needs only the cells\' slots', () => {
    const m = parsed(yamlOf(fleet()));
    const cells = [
      { id: 'llama-70b/h100/fp8/tp2/b1-64', model: 'llama-70b', gpu: 'h100', precision: 'fp8' as const },
      { id: 'llama-70b/l40s/fp8/tp2/b1-64', model: 'llama-70b', gpu: 'l40s', precision: 'fp8' as const },
      { id: 'llama-70b/h100/bf16/tp2/b1-64', model: 'llama-70b', gpu: 'h100', precision: 'bf16' as const },
    ];
    expect(deriveCheckpoints(m, cells).map((k) => [k.id, k.gpu, k.gpuCount, k.cells.length])).toEqual([['llama-70b/fp8', 'h100', 2, 2]]);
  });
});
