import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCell, pickByPreference, typicalConcurrency } from '../src/core/compare.js';
import { mermaidChart, renderCompareMarkdown, renderCompareText } from '../src/core/compare-report.js';
import { saveBenchRecord } from '../src/store/bench-records.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { benchRecord } from './helpers/bench-records.js';
import { workspace } from './support/matrix.js';
import { ROOT, runAction, runCli } from './support/run.js';

const curve = (scale: number): [number, number][] => [[1, 100 * scale], [8, 700 * scale], [32, 2000 * scale], [64, 2300 * scale]];

describe('compare: figures and the verdict by the article', () => {
  it('a double-digit TensorRT-LLM gain picks it, and a slower TensorRT-LLM start is said with its numbers', () => {
    const c = compareCell([benchRecord('trtllm', curve(1.23), { coldStartS: 78 }), benchRecord('vllm', curve(1), { coldStartS: 41 })]);
    expect(c.trtllm!.peakTokensPerS).toBeCloseTo(2829);
    expect(c.trtllm!.peakConcurrency).toBe(64);
    expect(c.trtllm!.tokensPerGpuHour).toBeCloseTo(2829 * 3600);
    expect(c.typicalConcurrency).toBe(32);
    expect(c.trtllm!.ttftP50Ms).toBe(200); // 50 ms × 32/8 in the fixture
    expect(c.verdict.pick).toBe('trtllm');
    expect(c.verdict.headline).toBe('TensorRT-LLM for high, steady traffic: +23% tokens/s at 64 streams; vLLM where cold starts matter (vLLM starts in 41 s vs 78 s)');
    expect(c.verdict.reasons).toEqual(['TensorRT-LLM +23% tokens/s at peak (2829 at 64 streams vs 2300 at 64)', 'vLLM starts in 41 s vs 78 s']);
  });

  it('a single-digit gain picks vLLM: not worth the build', () => {
    const c = compareCell([benchRecord('trtllm', curve(1.05), { coldStartS: 60 }), benchRecord('vllm', curve(1), { coldStartS: 58 })]);
    expect(c.verdict.pick).toBe('vllm');
    expect(c.verdict.headline).toBe("vLLM: TensorRT-LLM's gain is +5% tokens/s; cold starts alike (60 s vs 58 s)");
    expect(c.verdict.reasons[0]).toMatch(/below the double-digit gain that pays for a build$/);
  });

  it('failed requests are stated in the verdict; a missing runtime says what to run', () => {
    const c = compareCell([benchRecord('trtllm', curve(1.5), { errors: 3 }), benchRecord('vllm', curve(1))]);
    expect(c.verdict.reasons).toContain('TensorRT-LLM failed 3 requests during the sweep');
    const only = compareCell([benchRecord('vllm', curve(1))]);
    expect(only.verdict).toEqual({ headline: "only vLLM measured: run bench with runtimes 'trtllm' for a verdict", reasons: [] });
  });

  it('records from different GPUs are compared with a caveat, never silently', () => {
    const c = compareCell([benchRecord('trtllm', curve(1.2)), benchRecord('vllm', curve(1), { gpuModel: 'NVIDIA H100 PCIe' })]);
    expect(c.caveats).toEqual(['measured on different GPUs: TensorRT-LLM on 1× NVIDIA H100 80GB HBM3, vLLM on 1× NVIDIA H100 PCIe']);
  });

  it('the newest record of a runtime wins (a forced re-run)', () => {
    const c = compareCell([benchRecord('trtllm', curve(1)), benchRecord('trtllm', curve(2), { finishedAt: '2026-11-30T00:00:00.000Z' }), benchRecord('vllm', curve(1))]);
    expect(c.trtllm!.peakTokensPerS).toBe(4600);
  });

  it('typical load is the measured level nearest half the batch ceiling', () => {
    expect(typicalConcurrency(64, [1, 2, 4, 8, 16, 32, 64])).toBe(32);
    expect(typicalConcurrency(48, [1, 2, 4, 8, 16, 32, 48])).toBe(32);
    expect(typicalConcurrency(8, [1, 2, 4, 8])).toBe(4);
  });

  it('each preference picks by its own figure and says which numbers', () => {
    const c = compareCell([benchRecord('trtllm', curve(1.23), { coldStartS: 78, ttftMs: 40 }), benchRecord('vllm', curve(1), { coldStartS: 41, ttftMs: 60 })]);
    expect(pickByPreference(c, 'throughput')).toEqual({ runtime: 'trtllm', why: 'peak 2829 tokens/s (TensorRT-LLM, 64 streams) vs 2300 (vLLM, 64 streams)' });
    expect(pickByPreference(c, 'latency')).toEqual({ runtime: 'trtllm', why: 'TTFT p50 at 32 streams 160 ms (TensorRT-LLM) vs 240 ms (vLLM)' });
    expect(pickByPreference(c, 'cold-start')).toEqual({ runtime: 'vllm', why: 'cold start to first token 78 s (TensorRT-LLM) vs 41 s (vLLM)' });
  });
});

describe('compare: rendering', () => {
  const c = compareCell([benchRecord('trtllm', curve(1.23), { coldStartS: 78 }), benchRecord('vllm', curve(1), { coldStartS: 41 })]);

  it('a mermaid xychart of tokens/s against concurrency, one line per runtime, named in the title', () => {
    expect(mermaidChart(c)).toBe([
      '```mermaid',
      'xychart-beta',
      '  title "llama h100 fp8 TP1: output tokens/s (first line TensorRT-LLM, second line vLLM)"',
      '  x-axis "concurrent streams" [1, 8, 32, 64]',
      '  y-axis "output tokens/s" 0 --> 3120',
      '  line [123, 861, 2460, 2829]',
      '  line [100, 700, 2000, 2300]',
      '```',
    ].join('\n'));
  });

  it('markdown: the side-by-side table, the verdict in bold, the chart', () => {
    const md = renderCompareMarkdown([c]);
    expect(md).toContain('| peak output tokens/s | 2,829 @ 64 streams | 2,300 @ 64 streams |');
    expect(md).toContain('| TTFT p50 / p99 | 200 ms / 400 ms @ 32 | 200 ms / 400 ms @ 32 |');
    expect(md).toContain('| cold start (→ first token) | 78 s | 41 s |');
    expect(md).toContain('| tokens per GPU-hour | 10.2M | 8.3M |');
    expect(md).toContain('**Verdict: TensorRT-LLM for high, steady traffic: +23% tokens/s at 64 streams; vLLM where cold starts matter (vLLM starts in 41 s vs 78 s)**');
    expect(md).toContain('xychart-beta');
  });

  it('terminal: aligned columns and the verdict', () => {
    const text = renderCompareText([c]);
    expect(text).toContain('llama on h100, fp8, TP 1  (llama/h100/fp8/tp1/b1-64)');
    expect(text).toMatch(/ {2}peak output tokens\/s +2,829 @ 64 streams +2,300 @ 64 streams/);
    expect(text).toContain('  verdict: TensorRT-LLM for high, steady traffic');
  });
});

describe('compare command (committed bundle, real local store)', () => {
  it('with no benchmarks, says what to run', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-compare-'));
    const ran = runCli(['compare', '--store', 'store'], dir);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain("compare: no benchmarks in");
    expect(ran.stderr).toContain("run command 'bench' with input 'cell'");
    expect(ran.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('reads the records of every cell, narrowed by model/gpu/precision/tp', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-compare-'));
    const store = new LocalArtifactStore(path.join(dir, 'store'));
    await saveBenchRecord(store, benchRecord('trtllm', curve(1.23), { coldStartS: 78 }));
    await saveBenchRecord(store, benchRecord('vllm', curve(1), { coldStartS: 41 }));
    await saveBenchRecord(store, benchRecord('vllm', curve(1), { cell: 'qwen/h200/bf16/tp1/b1-64' }));
    const ran = runCli(['compare', '--store', 'store', '--json'], dir);
    expect(ran.stderr).toBe('');
    const json = JSON.parse(ran.stdout) as { comparisons: { cell: string; verdict: { pick?: string } }[] };
    expect(json.comparisons.map((c) => [c.cell, c.verdict.pick])).toEqual([['llama/h100/fp8/tp1/b1-64', 'trtllm'], ['qwen/h200/bf16/tp1/b1-64', undefined]]);
    const narrowed = runCli(['compare', '--store', 'store', '--gpu', 'h100'], dir);
    expect(narrowed.status).toBe(0);
    expect(narrowed.stdout).toContain('verdict: TensorRT-LLM for high, steady traffic: +23% tokens/s at 64 streams');
    expect(narrowed.stdout).not.toContain('qwen');
    const none = runCli(['compare', '--store', 'store', '--gpu', 'a100'], dir);
    expect(none.stderr).toContain('no benchmarks in');
    expect(none.stderr).toContain('for gpu a100 (3 records of other cells)');
  });
});

describe('plan shows the comparison where benchmarks exist (committed action bundle)', () => {
  it('the job summary gains the TensorRT-LLM vs vLLM section for the matrix\'s cells only', async () => {
    const dir = workspace({ 'matrices/example.yml': readFileSync(path.join(ROOT, 'matrices/example.yml'), 'utf8') });
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '');
    const env = { GITHUB_OUTPUT: path.join(dir, 'out'), GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: path.join(dir, 'tmp') };
    writeFileSync(env.GITHUB_OUTPUT, '');
    const before = runAction({ command: 'plan', matrix: 'matrices/example.yml', store: 'store' }, dir, env);
    expect(before.status).toBe(0);
    expect(readFileSync(summary, 'utf8')).not.toContain('TensorRT-LLM vs vLLM');

    const store = new LocalArtifactStore(path.join(dir, 'store'));
    const cell = 'llama-3.1-8b/h100/fp8/tp1/b1-256';
    await saveBenchRecord(store, benchRecord('trtllm', curve(1.23), { cell, coldStartS: 78 }));
    await saveBenchRecord(store, benchRecord('vllm', curve(1), { cell, coldStartS: 41 }));
    await saveBenchRecord(store, benchRecord('vllm', curve(1), { cell: 'gone-model/h100/fp8/tp1/b1-64' }));
    writeFileSync(summary, '');
    const after = runAction({ command: 'plan', matrix: 'matrices/example.yml', store: 'store' }, dir, env);
    expect(after.status).toBe(0);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('## TensorRT-LLM vs vLLM');
    expect(md).toContain('### llama-3.1-8b on h100, fp8, TP 1');
    expect(md).toContain('**Verdict: TensorRT-LLM for high, steady traffic: +23% tokens/s at 64 streams');
    expect(md).toContain('xychart-beta');
    expect(md).not.toContain('gone-model');
  });
});
