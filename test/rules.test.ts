import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { comparePep440, parsePep440 } from '../src/core/pep440.js';
import { baseMatrix, parsed, yamlOf } from './support/matrix.js';

const cmp = (a: string, b: string) => Math.sign(comparePep440(parsePep440(a)!, parsePep440(b)!));

describe('PEP 440 ordering of TensorRT-LLM versions', () => {
  it('orders release candidates numerically and before the release', () => {
    expect(cmp('1.3.0rc20', '1.3.0rc3')).toBe(1);
    expect(cmp('1.3.0rc20', '1.3.0')).toBe(-1);
    expect(cmp('1.3.0', '1.3.0rc20')).toBe(1);
    expect(cmp('1.2.0', '1.3.0rc20')).toBe(-1);
    expect(cmp('1.3.0rc20', '1.3.0rc20')).toBe(0);
    expect(cmp('1.3', '1.3.0')).toBe(0);
  });
  it('orders dev < alpha < beta < rc < release < post', () => {
    const sorted = ['1.0.0.post1', '1.0.0', '1.0.0rc1', '1.0.0b2', '1.0.0a1', '1.0.0.dev3'].sort(cmp);
    expect(sorted).toEqual(['1.0.0.dev3', '1.0.0a1', '1.0.0b2', '1.0.0rc1', '1.0.0', '1.0.0.post1']);
  });
  it('rejects text that is not a version', () => {
    expect(parsePep440('latest')).toBeUndefined();
  });
});

function cellsOf(edit: (m: ReturnType<typeof baseMatrix>) => void) {
  const m = baseMatrix();
  edit(m);
  return deriveCells(parsed(yamlOf(m)));
}
const reason = (cells: ReturnType<typeof cellsOf>, id: string) => {
  const cell = cells.engines.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id}: ${cells.engines.map((c) => c.id).join(', ')}`);
  return cell.unsupported;
};

describe('rules', () => {
  it('rejects FP8 on SM 8.0 and accepts it on Hopper', () => {
    const cells = cellsOf(() => {});
    expect(reason(cells, 'llama-3.1-8b/a100-80gb/fp8/tp1/b1-64')).toMatch(/FP8 .*SM 8\.9.*SM 8\.0/);
    expect(reason(cells, 'llama-3.1-8b/h100/fp8/tp1/b1-64')).toBeUndefined();
  });

  it('rejects NVFP4 before Blackwell and accepts it on b200', () => {
    const cells = cellsOf((m) => {
      m.gpus.b200 = { 'runs-on': ['gpu-b200'], count: 8 };
      m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100', 'b200'], precision: ['nvfp4', 'int4_awq'], batch: ['1-8'], tp: [1] };
    });
    expect(reason(cells, 'llama-3.1-8b/h100/nvfp4/tp1/b1-8')).toMatch(/NVFP4 needs Blackwell/);
    expect(reason(cells, 'llama-3.1-8b/b200/nvfp4/tp1/b1-8')).toBeUndefined();
    expect(reason(cells, 'llama-3.1-8b/b200/int4_awq/tp1/b1-8')).toMatch(/not on Blackwell/);
    expect(reason(cells, 'llama-3.1-8b/h100/int4_awq/tp1/b1-8')).toBeUndefined();
  });

  it('sends no TensorRT-LLM cell to AMD but still plans its vLLM image', () => {
    const cells = cellsOf(() => {});
    expect(reason(cells, 'llama-3.1-8b/mi300x/bf16/tp1/b1-64')).toMatch(/NVIDIA GPUs only/);
    const image = cells.images.find((i) => i.id === 'llama-3.1-8b/bf16/amd');
    expect(image?.unsupported).toBeUndefined();
    expect(image?.baseImage).toBe('vllm/vllm-openai-rocm:v0.11.0');
  });

  it('allows the tensorrt backend up to 1.3.0rc20 only', () => {
    const ok = cellsOf((m) => {
      m.toolchains.trtllm = { version: '1.3.0rc20', image: 'x', backend: 'tensorrt' };
    });
    expect(reason(ok, 'llama-3.1-8b/h100/bf16/tp1/b1-64')).toBeUndefined();
    // A newer version with backend tensorrt is a matrix error: test/parse-messages.test.ts.
    const pytorch = cellsOf((m) => {
      m.toolchains.trtllm = { version: '1.4.0', image: 'x', backend: 'pytorch' };
    });
    expect(reason(pytorch, 'llama-3.1-8b/h100/bf16/tp1/b1-64')).toBeUndefined();
  });

  it('rejects TP larger than the runner GPU count', () => {
    const cells = cellsOf((m) => {
      m.matrix = { model: ['llama-3.1-8b'], gpu: ['a100-80gb'], precision: ['bf16'], batch: ['1-8'], tp: [4, 8] };
    });
    expect(reason(cells, 'llama-3.1-8b/a100-80gb/bf16/tp4/b1-8')).toBeUndefined();
    expect(reason(cells, 'llama-3.1-8b/a100-80gb/bf16/tp8/b1-8')).toBe('tp 8 needs 8 GPUs but a a100-80gb runner has 4 (gpus.a100-80gb.count)');
  });

  it('checks that weights fit per GPU with headroom', () => {
    const cells = cellsOf((m) => {
      m.models['llama-3.1-8b']!.params = 70;
      m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['bf16', 'fp8'], batch: ['1-8'], tp: [1, 2] };
    });
    expect(reason(cells, 'llama-3.1-8b/h100/bf16/tp1/b1-8')).toMatch(/weights need 140\.0 GB per GPU .* 72\.0 GB usable/);
    expect(reason(cells, 'llama-3.1-8b/h100/bf16/tp2/b1-8')).toBeUndefined(); // 70 GB ≤ 72 GB
    expect(reason(cells, 'llama-3.1-8b/h100/fp8/tp1/b1-8')).toBeUndefined(); // 70 GB
  });

  it('uses the facts of a user-declared GPU family', () => {
    const cells = cellsOf((m) => {
      m.gpus['rtx-6000-ada'] = { 'runs-on': ['ada'], count: 2, vendor: 'nvidia', 'compute-capability': '8.9', 'memory-gb': 48 };
      m.matrix = { model: ['llama-3.1-8b'], gpu: ['rtx-6000-ada'], precision: ['fp8', 'nvfp4'], batch: ['1-8'], tp: [1] };
    });
    expect(reason(cells, 'llama-3.1-8b/rtx-6000-ada/fp8/tp1/b1-8')).toBeUndefined();
    expect(reason(cells, 'llama-3.1-8b/rtx-6000-ada/nvfp4/tp1/b1-8')).toMatch(/SM 8\.9/);
  });

  it('makes one image per model version × precision × vendor, never one per GPU', () => {
    const cells = cellsOf((m) => {
      m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100', 'a100-80gb', 'mi300x'], precision: ['bf16'], batch: ['1-64', '1-256'], tp: [1, 2] };
    });
    expect(cells.images.map((i) => i.id)).toEqual(['llama-3.1-8b/bf16/amd', 'llama-3.1-8b/bf16/nvidia']);
    const nvidia = cells.images.find((i) => i.vendor === 'nvidia')!;
    expect(nvidia.maxNumSeqs).toBe(256);
    expect(nvidia.tensorParallelSize).toBe(1);
    expect(nvidia.maxModelLen).toBe(8192);
    expect(nvidia.cells).toHaveLength(8); // (h100, a100-80gb) × 2 batch ranges × 2 tp
  });
});
