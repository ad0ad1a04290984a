import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../src/commands/context.js';
import { commands } from '../src/commands/index.js';
import { chooseRuntime, compareCell } from '../src/core/compare.js';
import { Settings, type InputName } from '../src/inputs.js';
import { saveBenchRecord } from '../src/store/bench-records.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { benchRecord } from './helpers/bench-records.js';
import { makeArtifactDir } from './helpers/fixtures.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';

const CELL = 'llama-3.1-8b/h100/fp8/tp1/b1-64';
const curve = (scale: number): [number, number][] => [[1, 100 * scale], [32, 2000 * scale], [64, 2300 * scale]];

async function run(ws: string, inputs: Partial<Record<InputName, string>>): Promise<CommandResult & { lines: string[] }> {
  const lines: string[] = [];
  const settings = new Settings({ kind: 'action', get: (name) => inputs[name] }, { GITHUB_WORKSPACE: ws });
  const result = await commands[settings.command()]({ settings, log: { info: (l) => lines.push(l), warning: (l) => lines.push(`warning: ${l}`), notice: (l) => lines.push(l) } });
  return { ...result, lines };
}

describe('resolve with runtime auto (real local store, a published engine, stored benchmarks)', () => {
  it('picks per preference and says which numbers decided; without benchmarks it says what is missing', async () => {
    const m = baseMatrix();
    m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['fp8'], batch: ['1-64'], tp: [1] };
    const ws = workspace({ 'matrix.yml': yamlOf(m) });
    const { dir } = await makeArtifactDir('auto', 1024);
    await run(ws, { command: 'publish', matrix: 'matrix.yml', cell: CELL, 'artifact-dir': dir });
    const query = { command: 'resolve', model: 'llama-3.1-8b@^1', gpu: 'h100', precision: 'fp8', runtime: 'auto' } as const;

    const none = await run(ws, query);
    expect(none.outputs.runtime).toBe('trtllm');
    expect(none.outputs['runtime-reason']).toBe('no benchmark of both runtimes: the engine exists, so TensorRT-LLM; run bench for the cell to decide by measurement');

    const store = new LocalArtifactStore(path.join(ws, '.engine-forge/store'));
    await saveBenchRecord(store, benchRecord('trtllm', curve(1.23), { cell: CELL, coldStartS: 78, ttftMs: 40 }));
    await saveBenchRecord(store, benchRecord('vllm', curve(1), { cell: CELL, coldStartS: 41, ttftMs: 60 }));
    const throughput = await run(ws, query);
    expect(throughput.outputs.runtime).toBe('trtllm');
    expect(throughput.outputs['runtime-reason']).toBe(`throughput: TensorRT-LLM on ${CELL}: peak 2829 tokens/s (TensorRT-LLM, 64 streams) vs 2300 (vLLM, 64 streams)`);
    expect(throughput.lines).toContain(`runtime: trtllm (${throughput.outputs['runtime-reason']})`);
    const cold = await run(ws, { ...query, preference: 'cold-start' });
    expect(cold.outputs.runtime).toBe('vllm');
    expect(cold.outputs['runtime-reason']).toBe(`cold-start: vLLM on ${CELL}: cold start to first token 78 s (TensorRT-LLM) vs 41 s (vLLM)`);
    const latency = await run(ws, { ...query, preference: 'latency' });
    expect(latency.outputs['runtime-reason']).toContain('TTFT p50 at 32 streams 160 ms (TensorRT-LLM) vs 240 ms (vLLM)');

    await expect(run(ws, { ...query, preference: 'cheap' })).rejects.toThrow("input 'preference' must be one of throughput, latency, cold-start");
    await expect(run(ws, { ...query, runtime: 'docker' })).rejects.toThrow("input 'runtime' must be one of trtllm, vllm, auto (got 'docker')");
    const { runtime: _auto, ...plainQuery } = query;
    // auto is the default: the same pick, by the same benchmarks.
    const plain = await run(ws, plainQuery);
    expect(plain.outputs).toMatchObject({ runtime: 'trtllm', 'runtime-reason': throughput.outputs['runtime-reason'] });
    // Asked for by name, no benchmark is consulted.
    const named = await run(ws, { ...query, runtime: 'vllm' });
    expect(named.outputs).toMatchObject({ runtime: 'vllm', 'runtime-reason': 'asked for vllm' });
  });

  it('a pick for TensorRT-LLM without a stored engine falls to vLLM, and says so', () => {
    const c = compareCell([benchRecord('trtllm', curve(1.5)), benchRecord('vllm', curve(1))]);
    expect(chooseRuntime([c], 'throughput', { hasEngine: false })).toEqual({ runtime: 'vllm', why: 'throughput favours TensorRT-LLM on llama/h100/fp8/tp1/b1-64 (peak 3450 tokens/s (TensorRT-LLM, 64 streams) vs 2300 (vLLM, 64 streams)), but no engine is stored for this query: vLLM' });
    const endpointOnly = compareCell([benchRecord('trtllm', curve(1.5), { coldStartS: null }), benchRecord('vllm', curve(1), { coldStartS: null })]);
    expect(chooseRuntime([endpointOnly], 'cold-start', { hasEngine: true }).why).toContain('lack the cold-start figure');
  });
});
