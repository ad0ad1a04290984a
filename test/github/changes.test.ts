import { describe, expect, it } from 'vitest';
import { compareMatrices, isUnchanged, type ComparableMatrix } from '../../src/github/changes.js';

const REV_A = '0e9e39f249a16976918f6564b8830bc894c89659';
const REV_B = '5f0b02c75b57c5855da9ae460ce51323ea669d8a';

function matrix(overrides: { models?: ComparableMatrix['models']; gpus?: ComparableMatrix['gpus']; toolchains?: ComparableMatrix['toolchains']; matrix?: object } = {}): ComparableMatrix {
  return {
    toolchains: overrides.toolchains ?? {
      trtllm: { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: 'pytorch' },
      vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0' },
    },
    gpus: overrides.gpus ?? {
      h100: { 'runs-on': ['self-hosted', 'gpu-h100'], count: 8 },
      'a100-80gb': { 'runs-on': ['self-hosted', 'gpu-a100'], count: 4 },
    },
    models: overrides.models ?? {
      'llama-3.1-8b': { source: 'meta-llama/Llama-3.1-8B-Instruct', revision: REV_A, version: '1.4.0', 'max-input-len': 4096, 'max-seq-len': 8192 } as never,
    },
    matrix: overrides.matrix ?? { model: ['llama-3.1-8b'], gpu: ['h100', 'a100-80gb'], precision: ['bf16', 'fp8'] },
  };
}

const llama = (fields: Record<string, unknown>) =>
  ({ 'llama-3.1-8b': { source: 'meta-llama/Llama-3.1-8B-Instruct', revision: REV_A, version: '1.4.0', 'max-input-len': 4096, 'max-seq-len': 8192, ...fields } }) as never;

describe('compareMatrices', () => {
  it('reports a version bump with its new revision in the exact wording', () => {
    const changes = compareMatrices(matrix(), matrix({ models: llama({ version: '1.5.0', revision: REV_B }) }));
    expect(changes.models).toEqual([{ model: 'llama-3.1-8b', kind: 'changed', text: 'llama-3.1-8b 1.4.0 → 1.5.0 (revision 0e9e39f → 5f0b02c)' }]);
    expect(changes.errors).toEqual([]);
  });

  it('a changed revision without a higher version is an error naming the model and quoting both revisions', () => {
    const changes = compareMatrices(matrix(), matrix({ models: llama({ revision: REV_B }) }));
    expect(changes.models[0]?.text).toBe('llama-3.1-8b 1.4.0 (revision 0e9e39f → 5f0b02c)');
    expect(changes.errors).toEqual([
      `models.llama-3.1-8b: revision changed from '${REV_A}' to '${REV_B}' but version stayed '1.4.0'; raise the version to ship new weights`,
    ]);
  });

  it('build metadata does not make a version higher', () => {
    const changes = compareMatrices(matrix({ models: llama({ version: '1.4.0+a' }) }), matrix({ models: llama({ version: '1.4.0+b', revision: REV_B }) }));
    expect(changes.errors).toHaveLength(1);
  });

  it('a lower version is an error, with or without a new revision', () => {
    const changes = compareMatrices(matrix(), matrix({ models: llama({ version: '1.3.9' }) }));
    expect(changes.errors).toEqual([`models.llama-3.1-8b.version: went down from '1.4.0' to '1.3.9'; a version may only move forward`]);
    const pre = compareMatrices(matrix(), matrix({ models: llama({ version: '1.4.0-rc.1', revision: REV_B }) }));
    expect(pre.errors).toHaveLength(1);
    expect(pre.errors[0]).toContain('went down');
  });

  it('a new source without a higher version is an error too: the weights changed', () => {
    const changes = compareMatrices(matrix(), matrix({ models: llama({ source: 'acme/llama-finetune' }) }));
    expect(changes.errors[0]).toContain("source changed from 'meta-llama/Llama-3.1-8B-Instruct' to 'acme/llama-finetune'");
  });

  it('a version bump alone is fine and so is a pre-release before the release', () => {
    expect(compareMatrices(matrix(), matrix({ models: llama({ version: '1.4.1' }) })).models[0]?.text).toBe('llama-3.1-8b 1.4.0 → 1.4.1');
    expect(compareMatrices(matrix({ models: llama({ version: '1.5.0-rc.1' }) }), matrix({ models: llama({ version: '1.5.0', revision: REV_B }) })).errors).toEqual([]);
  });

  it('other model settings are listed without needing a version bump', () => {
    const changes = compareMatrices(matrix(), matrix({ models: llama({ 'max-seq-len': 16384 }) }));
    expect(changes.models[0]?.text).toBe('llama-3.1-8b 1.4.0: max-seq-len 8192 → 16384');
    expect(changes.errors).toEqual([]);
  });

  it('reports added and removed models', () => {
    const head = matrix({
      models: { qwen: { source: 'Qwen/Qwen2.5-7B-Instruct', revision: 'a09a35458c702b33eeacc393d103063234e8bc28', version: '1.0.0' } },
    });
    const changes = compareMatrices(matrix(), head);
    expect(changes.models).toEqual([
      { model: 'qwen', kind: 'added', text: 'qwen 1.0.0 added (revision a09a354)' },
      { model: 'llama-3.1-8b', kind: 'removed', text: 'llama-3.1-8b 1.4.0 removed' },
    ]);
  });

  it('reports GPU families added, removed and changed', () => {
    const changes = compareMatrices(
      matrix(),
      matrix({ gpus: { h100: { 'runs-on': ['self-hosted', 'gpu-h100'], count: 4 }, b200: { 'runs-on': ['gpu-b200'], count: 8 } } }),
    );
    expect(changes.gpus).toEqual({ added: ['b200'], removed: ['a100-80gb'], changed: ['h100: count 8 → 4'] });
  });

  it('reports toolchain changes', () => {
    const changes = compareMatrices(
      matrix(),
      matrix({
        toolchains: {
          trtllm: { version: '1.3.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.3.0', backend: 'pytorch' },
          vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0', 'bake-weights': true },
        },
      }),
    );
    expect(changes.toolchains).toEqual([
      'trtllm 1.2.0 → 1.3.0',
      'trtllm image nvcr.io/nvidia/tensorrt-llm/release:1.2.0 → nvcr.io/nvidia/tensorrt-llm/release:1.3.0',
      'vllm bake-weights set to true',
    ]);
  });

  it('reordering keys changes nothing', () => {
    const head = matrix({
      gpus: { 'a100-80gb': { count: 4, 'runs-on': ['self-hosted', 'gpu-a100'] }, h100: { count: 8, 'runs-on': ['self-hosted', 'gpu-h100'] } },
      matrix: { precision: ['bf16', 'fp8'], gpu: ['h100', 'a100-80gb'], model: ['llama-3.1-8b'] },
    });
    const changes = compareMatrices(matrix(), head);
    expect(isUnchanged(changes)).toBe(true);
  });

  it('reports matrix axis changes', () => {
    const changes = compareMatrices(matrix(), matrix({ matrix: { model: ['llama-3.1-8b'], gpu: ['h100', 'a100-80gb'], precision: ['bf16', 'fp8', 'int4_awq'] } }));
    expect(changes.axes).toEqual(['matrix precision [bf16, fp8] → [bf16, fp8, int4_awq]']);
  });

  it('without a base every model and GPU family is new and nothing is an error', () => {
    const changes = compareMatrices(undefined, matrix());
    expect(changes.models.map((m) => m.kind)).toEqual(['added']);
    expect(changes.gpus.added).toEqual(['a100-80gb', 'h100']);
    expect(changes.errors).toEqual([]);
  });
});
