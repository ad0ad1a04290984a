import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellNeeds, RunnerFacts } from '../src/build/types.js';
import { GPU_CATALOGUE } from '../src/core/gpus.js';
import { estimateNeeds, GiB } from '../src/core/needs.js';
import { parseRunnerGpus } from '../src/core/nvidia-smi.js';
import { checkRunner, preflightProblems, runnerFamilies } from '../src/core/runner-fit.js';
import { baseMatrix, parsed, yamlOf } from './support/matrix.js';

// nvidia-smi captures: the real H200 one, and H100 ×8 / A100-80GB ×4 / busy H100 ×8 in its format.
const capture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', `nvidia-smi-${name}.csv`), 'utf8');
const families = GPU_CATALOGUE;
const TiB = 1024 * GiB;

function runner(smi: string, overrides: Partial<RunnerFacts> = {}): RunnerFacts {
  return {
    gpus: parseRunnerGpus(capture(smi)),
    hostMemory: { totalBytes: 2 * TiB, availableBytes: 2 * TiB - 10 * GiB },
    disks: [
      { path: '/runner/_work/_temp/engine-forge', role: 'work-dir', freeBytes: 4 * TiB, device: 1 },
      { path: '/cache/engine-forge', role: 'cache-dir', freeBytes: 4 * TiB, device: 2 },
    ],
    ...overrides,
  };
}

const llama8b = (tp: number): CellNeeds => estimateNeeds({ paramsBillions: 8, precision: 'fp8', tp, backend: 'pytorch', maxSeqLen: 8192 });
const llama70b = (tp: number): CellNeeds => estimateNeeds({ paramsBillions: 70, precision: 'fp8', tp, backend: 'tensorrt', maxSeqLen: 8192 });

describe('pre-flight: GPUs', () => {
  it('accepts an h200 cell on the real H200 capture and picks GPU 0', () => {
    const result = checkRunner({ id: 'llama-3.1-8b/h200/fp8/tp1/b1-64', gpu: 'h200', tp: 1 }, runner('h200'), llama8b(1), families);
    expect(result).toEqual({ problems: [], gpus: [0] });
  });

  it('refuses an a100-80gb cell on the H200, naming both sides', () => {
    const problems = preflightProblems({ id: 'llama-3.1-8b/a100-80gb/bf16/tp1/b1-64', gpu: 'a100-80gb', tp: 1, runsOn: ['self-hosted', 'gpu-a100'] }, runner('h200'), llama8b(1), families);
    expect(problems).toEqual([
      'wrong GPU: cell llama-3.1-8b/a100-80gb/bf16/tp1/b1-64 is for a100-80gb (NVIDIA A100-SXM4-80GB or NVIDIA A100 80GB PCIe), but this runner has 1 × NVIDIA H200 (h200): an engine runs only on the GPU model it was built for; run it on a runner labelled ["self-hosted","gpu-a100"]',
    ]);
  });

  it('refuses a tp 2 cell on a one-GPU runner', () => {
    expect(preflightProblems({ id: 'm/h200/fp8/tp2/b1-64', gpu: 'h200', tp: 2 }, runner('h200'), llama8b(2), families)).toEqual([
      'GPU count: tp 2 needs 2 h200 GPUs, but this runner has 1 (1 × NVIDIA H200 (h200)): 1 missing',
    ]);
  });

  it('maps the H100 ×8 and A100-80GB ×4 captures to their families', () => {
    expect(checkRunner({ id: 'c', gpu: 'h100', tp: 8 }, runner('h100x8'), llama70b(8), families)).toEqual({ problems: [], gpus: [0, 1, 2, 3, 4, 5, 6, 7] });
    expect(checkRunner({ id: 'c', gpu: 'a100-80gb', tp: 4 }, runner('a100-80gbx4'), llama8b(4), families)).toEqual({ problems: [], gpus: [0, 1, 2, 3] });
    expect(preflightProblems({ id: 'c', gpu: 'h100', tp: 1 }, runner('a100-80gbx4'), llama8b(1), families)[0]).toMatch(/is for h100 .*but this runner has 4 × NVIDIA A100-SXM4-80GB \(a100-80gb\)/);
  });

  it('refuses when a busy GPU leaves too few with room, saying how much is missing', () => {
    const needs = llama70b(8); // calibrating 70B bf16 over 8 GPUs: 18.4 GiB each
    const problems = preflightProblems({ id: 'llama-3.1-70b/h100/fp8/tp8/b1-64', gpu: 'h100', tp: 8 }, runner('h100x8-busy'), needs, families);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe(
      `GPU memory: cell llama-3.1-70b/h100/fp8/tp8/b1-64 needs ${(needs.gpuMemoryBytes! / GiB).toFixed(1)} GiB free on each of 8 GPUs (its weights at tp 8, KV cache and runtime), ` +
        `but only 7 of this runner's 8 h100 GPUs have that much: GPU 0 has 8.9 GiB free of 79.6 GiB (70.7 GiB in use): ${((needs.gpuMemoryBytes! - 9141 * 2 ** 20) / GiB).toFixed(1)} GiB missing; another process holds that memory (see nvidia-smi)`,
    );
  });

  it('works around a busy GPU when the cell needs fewer than the runner has', () => {
    expect(checkRunner({ id: 'c', gpu: 'h100', tp: 4 }, runner('h100x8-busy'), llama70b(4), families)).toEqual({ problems: [], gpus: [1, 2, 3, 4] });
  });

  it('gives a GPU whose memory nvidia-smi cannot read ([N/A]) the benefit of the doubt', () => {
    const facts = runner('h200');
    facts.gpus = facts.gpus.map((g) => ({ ...g, memoryUsedMiB: Number.NaN }));
    expect(preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, facts, llama8b(1), families)).toEqual([]);
  });

  it('points an unknown product name at the matrix\'s smi-names, and accepts it once declared', () => {
    const facts = runner('h200');
    facts.gpus = facts.gpus.map((g) => ({ ...g, name: 'NVIDIA H200 SXM 141GB' }));
    expect(preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, facts, llama8b(1), families)).toEqual([
      'wrong GPU: cell c is for h200 (NVIDIA H200 or NVIDIA H200 NVL), but this runner has 1 × NVIDIA H200 SXM 141GB (not in the catalogue); if "NVIDIA H200 SXM 141GB" is a h200, add that name to gpus.h200.smi-names in the matrix',
    ]);
    const data = baseMatrix();
    data.gpus.h200 = { 'runs-on': ['self-hosted', 'gpu-h200'], count: 1, 'smi-names': ['NVIDIA H200 SXM 141GB'] };
    expect(preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, facts, llama8b(1), runnerFamilies(parsed(yamlOf(data))))).toEqual([]);
  });

  it('refuses a GPU whose compute capability is not the family\'s', () => {
    const data = baseMatrix();
    data.gpus['h100-sxm'] = { 'runs-on': ['gpu-h100'], count: 8, vendor: 'nvidia', 'compute-capability': '8.9', 'memory-gb': 80, 'smi-names': ['NVIDIA H100 80GB HBM3'] };
    const problems = preflightProblems({ id: 'c', gpu: 'h100-sxm', tp: 1 }, runner('h100x8'), llama8b(1), runnerFamilies(parsed(yamlOf(data))));
    expect(problems).toHaveLength(8);
    expect(problems[0]).toBe(
      'compute capability: GPU 0 (NVIDIA H100 80GB HBM3) reports 9.0, but h100-sxm is declared as 8.9 (gpus.h100-sxm.compute-capability or the catalogue); an engine built here would not be for h100-sxm',
    );
  });

  it('says so when nvidia-smi lists no GPU', () => {
    expect(preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, runner('h200', { gpus: [] }), llama8b(1), families)).toEqual([
      'cell c needs 1 × h200 (NVIDIA H200 or NVIDIA H200 NVL), but nvidia-smi lists no GPU on this runner',
    ]);
  });
});

describe('pre-flight: host memory and disk', () => {
  it('refuses too little available RAM, with the missing amount', () => {
    const facts = runner('h100x8', { hostMemory: { totalBytes: 256e9, availableBytes: 200 * GiB } });
    const needs = estimateNeeds({ paramsBillions: 70, precision: 'fp16', tp: 4, backend: 'tensorrt', maxSeqLen: 4096, workers: 4 });
    const problems = preflightProblems({ id: 'c', gpu: 'h100', tp: 4 }, facts, needs, families);
    expect(problems).toEqual([
      `host memory: the cell needs ${(needs.hostMemoryBytes! / GiB).toFixed(1)} GiB of RAM to load and convert the model, but this runner has 200.0 GiB available (of 238.4 GiB): ${((needs.hostMemoryBytes! - 200 * GiB) / GiB).toFixed(1)} GiB missing`,
    ]);
  });

  it('adds the needs of work-dir and cache-dir when they share a filesystem', () => {
    const needs: CellNeeds = { disk: [{ role: 'cache-dir', bytes: 100 * GiB }, { role: 'work-dir', bytes: 60 * GiB }] };
    const separate = runner('h200', {
      disks: [
        { path: '/w', role: 'work-dir', freeBytes: 120 * GiB, device: 7 },
        { path: '/c', role: 'cache-dir', freeBytes: 120 * GiB, device: 8 },
      ],
    });
    expect(preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, separate, needs, families)).toEqual([]);
    const shared = runner('h200', {
      disks: [
        { path: '/w', role: 'work-dir', freeBytes: 120 * GiB, device: 7 },
        { path: '/c', role: 'cache-dir', freeBytes: 120 * GiB, device: 7 },
      ],
    });
    expect(preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, shared, needs, families)).toEqual([
      'disk: work-dir /w and cache-dir /c share a filesystem that has 120.0 GiB free, but the cell writes 160.0 GiB there together (work-dir 60.0 GiB, cache-dir 100.0 GiB): 40.0 GiB missing',
    ]);
  });

  it('names the one directory that is short', () => {
    const needs: CellNeeds = { disk: [{ role: 'cache-dir', bytes: 10 * GiB }, { role: 'work-dir', bytes: 60 * GiB }] };
    const facts = runner('h200', {
      disks: [
        { path: '/runner/_work/_temp/ef', role: 'work-dir', freeBytes: 50.5 * GiB },
        { path: '/cache', role: 'cache-dir', freeBytes: 900 * GiB },
      ],
    });
    expect(preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, facts, needs, families)).toEqual(['disk: work-dir /runner/_work/_temp/ef has 50.5 GiB free, but the cell writes 60.0 GiB there: 9.5 GiB missing']);
  });

  it('reports every problem at once and picks no GPUs', () => {
    const facts = runner('h200', { hostMemory: { totalBytes: 16 * GiB, availableBytes: 8 * GiB } });
    const result = checkRunner({ id: 'c', gpu: 'a100-80gb', tp: 1 }, facts, llama70b(1), families);
    expect(result.gpus).toEqual([]);
    expect(result.problems.map((p) => p.split(':')[0])).toEqual(['wrong GPU', 'host memory']);
  });
});
