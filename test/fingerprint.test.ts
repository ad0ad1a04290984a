import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { describeChanges } from '../src/core/fingerprint.js';
import { baseMatrix, parsed, REV_B, yamlOf } from './support/matrix.js';

const fingerprints = (text: string) => new Map(deriveCells(parsed(text)).engines.map((c) => [c.id, c.fingerprint]));

describe('fingerprints', () => {
  const original = yamlOf(baseMatrix());
  const before = fingerprints(original);

  it('ignore comments, key order and axis order', () => {
    const m = baseMatrix();
    const reordered = {
      matrix: { ...m.matrix, precision: ['fp8', 'bf16'], gpu: ['mi300x', 'a100-80gb', 'h100'], tp: [2, 1] },
      models: Object.fromEntries(Object.entries(m.models).reverse()),
      gpus: m.gpus,
      toolchains: { vllm: m.toolchains.vllm, trtllm: m.toolchains.trtllm },
      version: 1,
    };
    const text = `# a comment\n${yamlOf(reordered).replace(/^(\s+source: .*)$/m, '$1 # where the weights live')}`;
    expect(fingerprints(text)).toEqual(before);
  });

  it("don't change when another model is edited", () => {
    const m = baseMatrix();
    m.models['qwen-2.5-7b']!.version = '2.1.0';
    m.models['qwen-2.5-7b']!.revision = REV_B.replace('5', '6');
    const after = fingerprints(yamlOf(m));
    for (const [id, fp] of before) {
      if (id.startsWith('llama')) expect(after.get(id)).toBe(fp);
      else expect(after.get(id)).not.toBe(fp);
    }
  });

  it('change with each declared input', () => {
    const edits: [string, (m: ReturnType<typeof baseMatrix>) => void][] = [
      ['trtllm version', (m) => void (m.toolchains.trtllm!.version = '1.2.1')],
      ['trtllm image', (m) => void (m.toolchains.trtllm!.image = 'nvcr.io/nvidia/tensorrt-llm/release@sha256:abc')],
      ['build flags', (m) => void (m.toolchains.trtllm!['build-flags'] = { 'gemm-plugin': 'auto' })],
      ['max-seq-len', (m) => void (m.models['llama-3.1-8b']!['max-seq-len'] = 16384)],
      ['calibration', (m) => void (m.models['llama-3.1-8b']!.calibration = { dataset: 'cnn_dailymail', size: 256 })],
    ];
    const id = 'llama-3.1-8b/h100/fp8/tp1/b1-64';
    for (const [name, edit] of edits) {
      const m = baseMatrix();
      edit(m);
      expect(fingerprints(yamlOf(m)).get(id), name).not.toBe(before.get(id));
    }
  });

  it('calibration moves only cells that are calibrated, and spelling out the default moves nothing', () => {
    const m = baseMatrix();
    m.models['llama-3.1-8b']!.calibration = { dataset: 'cnn_dailymail', size: 512 };
    expect(fingerprints(yamlOf(m))).toEqual(before);
    m.models['llama-3.1-8b']!.calibration = { dataset: 'calib/prompts.jsonl', size: 512 };
    const after = fingerprints(yamlOf(m));
    expect(after.get('llama-3.1-8b/h100/fp8/tp1/b1-64')).not.toBe(before.get('llama-3.1-8b/h100/fp8/tp1/b1-64'));
    expect(after.get('llama-3.1-8b/h100/bf16/tp1/b1-64')).toBe(before.get('llama-3.1-8b/h100/bf16/tp1/b1-64'));
  });

  it('do not change with runner labels, which do not shape the artifact', () => {
    const m = baseMatrix();
    m.gpus.h100!['runs-on'] = ['self-hosted', 'gpu-h100', 'big'];
    expect(fingerprints(yamlOf(m))).toEqual(before);
  });
});

describe('describeChanges', () => {
  it('names each input that moved, with short revisions', () => {
    const a = { trtllm: '1.1.0', revision: '0e9e39f249a16976918f6564b8830bc894c89659', tp: 1 };
    const b = { trtllm: '1.2.0', revision: '5f0b02c75b57c5855da9ae460ce51323ea669d8a', tp: 1, 'build-flags': { x: 1 } };
    expect(describeChanges({ inputs: a }, { inputs: b })).toEqual(['trtllm 1.1.0 → 1.2.0', 'revision 0e9e39f → 5f0b02c', 'build-flags (none) → {"x":1}']);
  });
});
