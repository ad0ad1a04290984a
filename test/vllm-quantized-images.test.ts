import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { planCommand } from '../src/commands/plan.js';
import type { Logger } from '../src/commands/context.js';
import { Settings } from '../src/inputs.js';
import { LocalStore } from '../src/store/local.js';
import { manifestFor } from './support/manifest.js';
import { baseMatrix, parsed, workspace, yamlOf } from './support/matrix.js';

type M = ReturnType<typeof baseMatrix>;
const derive = (m: M) => deriveCells(parsed(yamlOf(m)));
const quiet: Logger = { info: () => {}, warning: () => {}, notice: () => {} };

describe('vLLM images of quantized precisions (issue 12 item 6)', () => {
  function quantized(precision: string[]): M {
    const m = baseMatrix();
    m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100', 'mi300x'], precision, batch: ['1-64'], tp: [1] };
    return m;
  }

  it('plans no int4_awq image from the BF16 weights: vLLM has no loader for that checkpoint', () => {
    const { images } = derive(quantized(['int4_awq', 'int8_sq', 'w4a8_awq', 'int8_wo', 'int4_wo']));
    const nvidia = images.filter((i) => i.vendor === 'nvidia');
    expect(nvidia).toHaveLength(5);
    for (const image of nvidia) {
      expect(image.unsupported).toMatch(/its ModelOpt loader reads only FP8 and NVFP4 checkpoints, and an image of the unquantized weights would be mislabelled/);
    }
  });

  it('an FP8 image on NVIDIA serves the checkpoint and changes with it; ROCm keeps online FP8', () => {
    const m = quantized(['fp8']);
    const { images, checkpoints } = derive(m);
    const nvidia = images.find((i) => i.id === 'llama-3.1-8b/fp8/nvidia')!;
    expect(nvidia.checkpoint).toEqual({ id: 'llama-3.1-8b/fp8', fingerprint: checkpoints[0]!.fingerprint });
    expect(nvidia.inputs).toMatchObject({ checkpoint: 'llama-3.1-8b/fp8', 'checkpoint-fingerprint': checkpoints[0]!.fingerprint, 'bake-weights': true });
    expect(nvidia.bakeWeights).toBe(true);
    const amd = images.find((i) => i.id === 'llama-3.1-8b/fp8/amd')!;
    expect(amd.checkpoint).toBeUndefined();
    expect(amd.unsupported).toBeUndefined();

    m.models['llama-3.1-8b']!.calibration = { dataset: 'calib.jsonl', size: 64 };
    const after = derive(m).images;
    expect(after.find((i) => i.id === nvidia.id)!.fingerprint).not.toBe(nvidia.fingerprint);
    expect(after.find((i) => i.id === amd.id)!.fingerprint).toBe(amd.fingerprint);
  });

  it('holds the image back until its checkpoint is stored, then builds it', async () => {
    const m = quantized(['fp8']);
    const dir = workspace();
    const store = new LocalStore(path.join(dir, 'store'));
    const file = path.join(dir, 'matrix.yml');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, yamlOf(m));
    const settings = new Settings({ kind: 'action', get: (name) => ({ matrix: 'matrix.yml', store: 'store', 'plan-file': path.join(dir, 'plan.json') })[name as string] }, { GITHUB_WORKSPACE: dir });
    const entries = (out: Record<string, string>, key: string) => (JSON.parse(out[key]!) as { include: { id?: string; checkpoint?: string }[] }).include;

    const first = await planCommand({ settings, log: quiet });
    expect(entries(first.outputs, 'images').map((i) => i.id)).toEqual(['llama-3.1-8b/fp8/amd']);
    expect(entries(first.outputs, 'checkpoints').map((i) => i.checkpoint)).toEqual(['llama-3.1-8b/fp8']);
    const waiting = (first.json as { images: { id: string; status: string; reason: string; checkpoint?: string }[] }).images.find((i) => i.id === 'llama-3.1-8b/fp8/nvidia')!;
    expect(waiting).toMatchObject({ status: 'waiting', checkpoint: 'llama-3.1-8b/fp8', reason: expect.stringMatching(/^waiting for checkpoint llama-3\.1-8b\/fp8 \([0-9a-f]{12}\)/) });
    expect(first.summary).toContain('### Images waiting for their checkpoint (1)');

    await store.commitManifest(manifestFor(derive(m).checkpoints[0]!, 'checkpoint'));
    const second = await planCommand({ settings, log: quiet });
    expect(entries(second.outputs, 'images').map((i) => i.id)).toEqual(['llama-3.1-8b/fp8/amd', 'llama-3.1-8b/fp8/nvidia']);
    expect(second.outputs['checkpoint-count']).toBe('0');
  });
});
