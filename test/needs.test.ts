import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateNeeds, GiB, paramsFromHfConfig } from '../src/core/needs.js';
import { UserError } from '../src/errors.js';

// config.json as published on the hub for each model (the fields that matter, values as released).
const config = (name: string): unknown => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/hf-config', `${name}.json`), 'utf8'));
const gib = (bytes: number | undefined): number => (bytes ?? Number.NaN) / GiB;
const disk = (needs: ReturnType<typeof estimateNeeds>, role: 'work-dir' | 'cache-dir'): number => needs.disk.find((d) => d.role === role)!.bytes;

describe('parameters from config.json', () => {
  it.each([
    ['llama-3.1-8b', 8_030_261_248],
    ['llama-3.1-70b', 70_553_706_496],
    ['qwen2.5-7b', 7_615_616_512], // q/k/v biases, which Qwen2 has without saying so
    ['qwen2.5-0.5b', 494_032_768], // tied embeddings: lm_head is not counted twice
    ['mistral-nemo-12b', 12_247_782_400], // explicit head_dim (128, not 5120 / 32)
  ])('counts %s exactly as its model card does', (name, expected) => {
    expect(paramsFromHfConfig(config(name))).toBe(expected);
  });

  it('reads the language model of a multimodal config from text_config', () => {
    expect(paramsFromHfConfig({ architectures: ['X'], text_config: config('llama-3.1-8b') })).toBe(8_030_261_248);
  });

  it('names the missing key and the way out', () => {
    const broken = { ...(config('llama-3.1-8b') as object), num_hidden_layers: undefined };
    expect(() => paramsFromHfConfig(broken, 'meta-llama/Llama-3.1-8B@0e9e39f/config.json')).toThrow(
      "meta-llama/Llama-3.1-8B@0e9e39f/config.json has no 'num_hidden_layers', so the model's size cannot be estimated: set the model's `params` (billions) in the matrix instead",
    );
    expect(() => paramsFromHfConfig({ ...(config('llama-3.1-8b') as object), hidden_size: '4096' })).toThrow(/'hidden_size' must be a positive integer \(got "4096"\)/);
    expect(() => paramsFromHfConfig([])).toThrow(UserError);
  });

  it('refuses a mixture-of-experts layout it would under-count', () => {
    const moe = { ...(config('qwen2.5-7b') as object), num_experts: 60, moe_intermediate_size: 1408 };
    expect(() => paramsFromHfConfig(moe)).toThrow(/mixture-of-experts layout \('num_experts'\).*set the model's `params`/);
  });
});

describe('what a cell needs of the runner', () => {
  it('Llama 3.1 8B, bf16 engine at tp 1: weights + one 8k sequence of KV + runtime per GPU; disk ≈ weights × 3', () => {
    const needs = estimateNeeds({ config: config('llama-3.1-8b'), precision: 'bf16', tp: 1, backend: 'tensorrt', maxSeqLen: 8192 });
    const weights = 8_030_261_248 * 2;
    expect(needs.modelBytes).toBe(weights);
    // 14.96 GiB of weights + 1 GiB KV (2 × 32 layers × 8 kv heads × 128 × 8192 tokens × 2 bytes) + 2 GiB
    expect(gib(needs.gpuMemoryBytes)).toBeCloseTo(17.96, 2);
    // 4 GiB base + the source loaded once + one rank's weights in the builder
    expect(gib(needs.hostMemoryBytes)).toBeCloseTo(33.92, 2);
    const total = disk(needs, 'cache-dir') + disk(needs, 'work-dir');
    expect(total / weights).toBeGreaterThan(3);
    expect(total / weights).toBeLessThan(3.6);
  });

  it('prefers the matrix\'s params over the config', () => {
    const needs = estimateNeeds({ paramsBillions: 8, config: config('llama-3.1-70b'), precision: 'bf16', tp: 1, backend: 'pytorch', maxSeqLen: 8192 });
    expect(needs.modelBytes).toBe(16e9);
  });

  it('Llama 3.1 70B, fp8 engine at tp 4: calibrating the bf16 model dominates GPU memory, unless the checkpoint comes from the store', () => {
    const base = { config: config('llama-3.1-70b'), precision: 'fp8', tp: 4, backend: 'tensorrt', maxSeqLen: 8192 } as const;
    const here = estimateNeeds(base);
    // 131.4 GiB bf16 ÷ 4 + 2 GiB
    expect(gib(here.gpuMemoryBytes)).toBeCloseTo(34.85, 2);
    const fetched = estimateNeeds({ ...base, quantizeHere: false });
    // 65.7 GiB fp8 ÷ 4 + 0.625 GiB KV (8 kv heads over 4 ranks) + 2 GiB
    expect(gib(fetched.gpuMemoryBytes)).toBeCloseTo(19.05, 2);
    expect(gib(here.hostMemoryBytes)).toBeCloseTo(4 + 131.41 + 16.43, 1);
  });

  it('counts every parallel trtllm-build worker\'s rank in host memory (TensorRT-LLM #538: 70B, 4 workers, 256 GB host OOM-killed)', () => {
    const needs = estimateNeeds({ paramsBillions: 70, precision: 'fp16', tp: 4, backend: 'tensorrt', maxSeqLen: 4096, workers: 4 });
    expect(needs.hostMemoryBytes).toBeGreaterThan(256e9);
    const serial = estimateNeeds({ paramsBillions: 70, precision: 'fp16', tp: 4, backend: 'tensorrt', maxSeqLen: 4096 });
    expect(serial.hostMemoryBytes).toBeLessThan(256e9);
  });

  it('a bf16 PyTorch-backend cell writes no weights to work-dir and loads nothing on the host', () => {
    const needs = estimateNeeds({ config: config('llama-3.1-8b'), precision: 'bf16', tp: 1, backend: 'pytorch', maxSeqLen: 8192 });
    expect(disk(needs, 'work-dir')).toBe(0);
    expect(needs.hostMemoryBytes).toBe(4 * GiB);
    const fp8 = estimateNeeds({ config: config('llama-3.1-8b'), precision: 'fp8', tp: 1, backend: 'pytorch', maxSeqLen: 8192 });
    expect(gib(disk(fp8, 'work-dir'))).toBeCloseTo((8_030_261_248 / GiB) * 1.1 + 1, 2);
  });

  it('a cached source needs no room in cache-dir; an fp8 KV cache takes half', () => {
    const base = { config: config('llama-3.1-8b'), precision: 'bf16', tp: 1, backend: 'pytorch', maxSeqLen: 8192 } as const;
    expect(disk(estimateNeeds({ ...base, sourceCached: true }), 'cache-dir')).toBe(0);
    const full = estimateNeeds(base).gpuMemoryBytes!;
    expect(full - estimateNeeds({ ...base, kvCacheDtype: 'fp8' }).gpuMemoryBytes!).toBe(GiB / 2);
  });

  it("an engine cell's stored checkpoint is downloaded into cache-dir: counted there, besides the source", () => {
    const P = 8_030_261_248;
    const slack = (bytes: number): number => Math.ceil(bytes * 1.1 + GiB);
    const engine = { config: config('llama-3.1-8b'), precision: 'fp8', tp: 1, backend: 'tensorrt', maxSeqLen: 8192, quantizeHere: false } as const;
    // The engine path exports from the source with the stored calibration: both land in cache-dir.
    expect(disk(estimateNeeds({ ...engine, checkpointDownload: true }), 'cache-dir')).toBe(slack(2 * P + P));
    expect(disk(estimateNeeds({ ...engine, checkpointDownload: true, sourceCached: true }), 'cache-dir')).toBe(slack(P));
    expect(disk(estimateNeeds({ ...engine, checkpointDownload: false }), 'cache-dir')).toBe(slack(2 * P));
    // The PyTorch path serves the stored checkpoint from cache-dir: nothing of it in work-dir.
    const pytorch = { ...engine, backend: 'pytorch', sourceCached: true, checkpointDownload: true } as const;
    expect(disk(estimateNeeds(pytorch), 'cache-dir')).toBe(slack(P));
    expect(disk(estimateNeeds(pytorch), 'work-dir')).toBe(0);
    expect(disk(estimateNeeds({ ...pytorch, checkpointDownload: false }), 'cache-dir')).toBe(0);
    // Unquantized cells have no checkpoint to download.
    expect(disk(estimateNeeds({ ...engine, precision: 'bf16', checkpointDownload: true, sourceCached: true }), 'cache-dir')).toBe(0);
  });

  it('without a size, asks nothing it cannot know', () => {
    expect(estimateNeeds({ precision: 'fp8', tp: 1, backend: 'tensorrt', maxSeqLen: 4096 })).toEqual({ hostMemoryBytes: 4 * GiB, disk: [] });
  });
});
