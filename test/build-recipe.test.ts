import { describe, expect, it } from 'vitest';
import { deriveCells, type EngineCell } from '../src/core/cells.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCudaVersion } from '../src/build/cuda-version.js';
import { buildFlagsHint } from '../src/build/pipeline.js';
import { convertCheckpointArgv, cudaGraphBatchSizes, maxNumTokens, servingConfig, trtllmBuildArgv } from '../src/build/recipe.js';
import { baseMatrix, parsed, yamlOf } from './support/matrix.js';

function cellOf(mutate: (m: ReturnType<typeof baseMatrix>) => void, id: string): EngineCell {
  const m = baseMatrix();
  mutate(m);
  const cell = deriveCells(parsed(yamlOf(m))).engines.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id}`);
  return cell;
}

/** argv → { flag: value } (a bare flag → true), so assertions read like the command line. */
function flags(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 1; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, '');
    if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out[name] = argv[++i]!;
    else out[name] = true;
  }
  return out;
}

describe('trtllm-build flags from the cell', () => {
  const engine = (m: ReturnType<typeof baseMatrix>): void => {
    m.toolchains.trtllm = { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: 'tensorrt' };
    m.matrix.batch = ['8-256'];
  };

  it('sizes, plugins per precision (NVIDIA: gemm auto for bf16, disabled for fp8), workers and the timing cache', () => {
    const bf16 = cellOf(engine, 'llama-3.1-8b/h100/bf16/tp2/b8-256');
    const argv = trtllmBuildArgv(bf16, { checkpointDir: '/w/ckpt', outputDir: '/w/out', workers: 2, timingCache: '/c/h100.cache' });
    expect(argv[0]).toBe('trtllm-build');
    expect(flags(argv)).toEqual({
      checkpoint_dir: '/w/ckpt',
      output_dir: '/w/out',
      max_batch_size: '256',
      max_input_len: '4096',
      max_seq_len: '8192',
      max_num_tokens: '8192',
      gemm_plugin: 'auto',
      multiple_profiles: 'enable',
      workers: '2',
      input_timing_cache: '/c/h100.cache',
      output_timing_cache: '/c/h100.cache',
    });
    const fp8 = cellOf(engine, 'llama-3.1-8b/h100/fp8/tp1/b8-256');
    const fp8Flags = flags(trtllmBuildArgv(fp8, { checkpointDir: 'c', outputDir: 'o', workers: 1 }));
    expect(fp8Flags.gemm_plugin).toBe('disable');
    expect(fp8Flags).not.toHaveProperty('workers');
    expect(fp8Flags).not.toHaveProperty('input_timing_cache');
  });

  it("the matrix's build-flags come last and win over derived ones; true is a bare flag, false leaves it out", () => {
    const cell = cellOf((m) => {
      engine(m);
      m.models['llama-3.1-8b']!['build-flags'] = { gemm_plugin: 'disable', strip_plan: true, fast_build: false, max_num_tokens: 16384 };
    }, 'llama-3.1-8b/h100/bf16/tp1/b8-256');
    const argv = trtllmBuildArgv(cell, { checkpointDir: 'c', outputDir: 'o', workers: 1 });
    expect(flags(argv)).toMatchObject({ gemm_plugin: 'disable', strip_plan: true, max_num_tokens: '16384' });
    expect(argv).not.toContain('--fast_build');
    expect(argv.filter((a) => a === '--gemm_plugin')).toHaveLength(1);
  });

  it('max_num_tokens: the default 8192, raised to hold one full prompt, capped by a full batch of prompts', () => {
    expect(maxNumTokens({ batch: { min: 1, max: 64 }, maxInputLen: 4096 })).toBe(8192);
    expect(maxNumTokens({ batch: { min: 1, max: 64 }, maxInputLen: 32768 })).toBe(32768);
    expect(maxNumTokens({ batch: { min: 1, max: 1 }, maxInputLen: 2048 })).toBe(2048);
  });

  it('convert_checkpoint.py for the TP, weight-only flags for int8_wo', () => {
    const cell = cellOf((m) => {
      engine(m);
      m.matrix.precision = ['int8_wo'];
    }, 'llama-3.1-8b/h100/int8_wo/tp2/b8-256');
    expect(convertCheckpointArgv(cell, { examples: '/app/tensorrt_llm/examples', exampleDir: 'llama', modelDir: '/c/m', outputDir: '/w/t' })).toEqual([
      'python3', '/app/tensorrt_llm/examples/models/core/llama/convert_checkpoint.py',
      '--model_dir', '/c/m', '--output_dir', '/w/t', '--dtype', 'bfloat16', '--tp_size', '2',
      '--use_weight_only', '--weight_only_precision', 'int8',
    ]);
  });

  it('points an unknown flag at the line of the build-flags that holds it', () => {
    const m = baseMatrix();
    m.models['llama-3.1-8b']!['build-flags'] = { bogus_flag: 1 };
    const text = yamlOf(m);
    const line = text.split('\n').findIndex((l) => l.includes('build-flags:')) + 1;
    expect(buildFlagsHint({ file: 'm.yml', text, matrix: parsed(text) }, 'llama-3.1-8b')).toBe(`m.yml:${line} models.llama-3.1-8b.build-flags`);
  });
});

describe('the PyTorch serving config from the cell', () => {
  it('batch ceiling, tokens, sequence length, TP, CUDA graphs across the batch range, KV cache', () => {
    const cell = cellOf((m) => {
      m.models['llama-3.1-8b']!['kv-cache-dtype'] = 'fp8';
      m.models['llama-3.1-8b']!['build-flags'] = { enable_chunked_prefill: true };
      m.matrix.batch = ['4-100'];
    }, 'llama-3.1-8b/h100/fp8/tp2/b4-100');
    expect(servingConfig(cell, { kvCacheDtype: 'fp8' })).toEqual({
      max_batch_size: 100,
      max_num_tokens: 8192,
      max_seq_len: 8192,
      tensor_parallel_size: 2,
      cuda_graph_config: { enable_padding: true, batch_sizes: [4, 8, 16, 32, 64, 100] },
      kv_cache_config: { dtype: 'fp8', free_gpu_memory_fraction: 0.9 },
      enable_chunked_prefill: true,
    });
  });

  it('CUDA graph sizes: powers of two inside the range and both ends', () => {
    expect(cudaGraphBatchSizes(1, 64)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(cudaGraphBatchSizes(3, 3)).toEqual([3]);
    expect(cudaGraphBatchSizes(5, 20)).toEqual([5, 8, 16, 20]);
  });
});

describe('provenance', () => {
  it("reads the driver's CUDA version from nvidia-smi -q (an H200 capture)", () => {
    expect(parseCudaVersion(readFileSync(path.join(import.meta.dirname, 'fixtures/nvidia-smi-q-h200.txt'), 'utf8'))).toBe('13.0');
    expect(parseCudaVersion('Invalid combination of input arguments.')).toBeUndefined();
  });
});
