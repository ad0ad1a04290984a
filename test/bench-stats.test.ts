import { describe, expect, it } from 'vitest';
import { defaultLengths, parsePromptsJsonl, syntheticPrompts } from '../src/core/bench-dataset.js';
import { defaultConcurrencies, peakLevel, percentile, percentiles, summarizeLevel, tpot, type RequestSample } from '../src/core/bench-stats.js';

const sample = (start: number, tokenTimes: number[], end: number, outputTokens = tokenTimes.length, error?: string): RequestSample => ({
  start,
  end,
  tokenTimes,
  outputTokens,
  inputTokens: 10,
  ...(error !== undefined ? { error } : {}),
});

describe('bench statistics', () => {
  it('percentiles interpolate linearly between ranks, as numpy does', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5.5);
    expect(percentile(sorted, 90)).toBeCloseTo(9.1);
    expect(percentile(sorted, 99)).toBeCloseTo(9.91);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(percentiles([3, 1, 2]).mean).toBe(2);
  });

  it('TTFT, ITL, TPOT, E2E and the rates follow their definitions', () => {
    // Request A: sent at 0, tokens at 100, 110, 130; ends at 130; 3 tokens.
    // Request B: sent at 50, tokens at 250, 260; ends at 270; usage says 2 tokens.
    const stats = summarizeLevel(2, [sample(0, [100, 110, 130], 130), sample(50, [250, 260], 270)], 270);
    expect(stats.ttftMs.p50).toBe(150); // 100 and 200
    expect(stats.ttftMs.mean).toBe(150);
    expect(stats.itlMs.p50).toBe(10);
    expect(stats.itlMs.mean).toBeCloseTo(40 / 3);
    // TPOT A = (130 − 100) / 2 = 15; B = (220 − 200) / 1 = 20.
    expect(stats.tpotMs.mean).toBe(17.5);
    expect(stats.e2eMs.p50).toBe(175); // 130 and 220
    expect(stats.outputTokens).toBe(5);
    expect(stats.outputTokensPerS).toBeCloseTo(5 / 0.27);
    expect(stats.requestsPerS).toBeCloseTo(2 / 0.27);
    expect(stats.errors).toBe(0);
  });

  it('TPOT uses the exact usage count, not the number of chunks', () => {
    // Two chunks carried 5 tokens: TPOT = (E2E − TTFT) / (5 − 1).
    expect(tpot(sample(0, [100, 180], 180, 5))).toBe(20);
    expect(tpot(sample(0, [100], 100, 1))).toBeUndefined();
  });

  it('failed requests are counted by kind and kept out of every latency and rate', () => {
    const stats = summarizeLevel(4, [
      sample(0, [10, 20], 20),
      sample(0, [], 5, 0, 'HTTP 503: overloaded'),
      sample(0, [9000], 9000, 1, 'stream cut after 1 tokens (no [DONE])'),
      sample(0, [], 6, 0, 'HTTP 503: overloaded'),
    ], 1000);
    expect(stats.requests).toBe(4);
    expect(stats.completed).toBe(1);
    expect(stats.errors).toBe(3);
    expect(stats.errorKinds).toEqual([
      { error: 'HTTP 503: overloaded', count: 2 },
      { error: 'stream cut after 1 tokens (no [DONE])', count: 1 },
    ]);
    expect(stats.ttftMs.p99).toBe(10);
    expect(stats.outputTokens).toBe(2);
    expect(stats.requestsPerS).toBe(1);
  });

  it('the default sweep is powers of two up to the batch ceiling, which is always measured', () => {
    expect(defaultConcurrencies(64)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(defaultConcurrencies(48)).toEqual([1, 2, 4, 8, 16, 32, 48]);
    expect(defaultConcurrencies(1)).toEqual([1]);
  });

  it('the peak is the level with the most output tokens/s that completed anything', () => {
    const at = (c: number, rate: number, completed = 1) => ({ ...summarizeLevel(c, [], 1), outputTokensPerS: rate, completed });
    expect(peakLevel([at(1, 10), at(2, 30), at(4, 25)])?.concurrency).toBe(2);
    expect(peakLevel([at(1, 0, 0)])).toBeUndefined();
  });
});

describe('bench dataset', () => {
  it('the same seed gives the same prompts; another seed other prompts', () => {
    const a = syntheticPrompts({ count: 3, inputLen: 50, outputLen: 16, seed: 7 });
    expect(syntheticPrompts({ count: 3, inputLen: 50, outputLen: 16, seed: 7 })).toEqual(a);
    expect(syntheticPrompts({ count: 3, inputLen: 50, outputLen: 16, seed: 8 })).not.toEqual(a);
    expect(a.every((p) => p.prompt.split(' ').length === 50 && p.maxTokens === 16)).toBe(true);
    expect(new Set(a.map((p) => p.prompt)).size).toBe(3);
  });

  it("default lengths are vllm bench serve's 1024/128, fitted into the model's limits", () => {
    expect(defaultLengths({ maxInputLen: 8192, maxSeqLen: 16384 })).toEqual({ inputLen: 1024, outputLen: 128 });
    expect(defaultLengths({ maxInputLen: 512, maxSeqLen: 600 })).toEqual({ inputLen: 512, outputLen: 88 });
  });

  it('JSONL prompts: max_tokens optional; every bad line named file:line with what was wrong', () => {
    const text = '{"prompt": "hello", "max_tokens": 5}\n\n{"prompt": "x"}\nnot json\n{"prompt": ""}\n{"prompt": "y", "max_tokens": 0}\n[1]\n';
    const { prompts, problems } = parsePromptsJsonl(text, 'prompts.jsonl', 64);
    expect(prompts).toEqual([{ prompt: 'hello', maxTokens: 5 }, { prompt: 'x', maxTokens: 64 }]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^prompts\.jsonl:4: not JSON/);
    expect(problems[1]).toBe('prompts.jsonl:5 prompt: must be a non-empty string (got "")');
    expect(problems[2]).toBe('prompts.jsonl:6 max_tokens: must be a whole number ≥ 1 (got 0)');
    expect(problems[3]).toMatch(/^prompts\.jsonl:7: expected an object/);
    expect(parsePromptsJsonl('\n', 'e.jsonl', 1).problems).toEqual(['e.jsonl: no prompts (expected one JSON object per line)']);
  });
});
