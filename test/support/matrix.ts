import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseMatrix } from '../../src/core/parse.js';
import type { Matrix } from '../../src/core/schema.js';

export const REV_A = '0e9e39f249a16976918f6564b8830bc894c89659';
export const REV_B = '5f0b02c75b57c5855da9ae460ce51323ea669d8a';

/** A small valid matrix as plain data; tests change one thing and expect one effect. */
export function baseMatrix(): Record<string, unknown> & { models: Record<string, Record<string, unknown>>; matrix: Record<string, unknown>; toolchains: Record<string, Record<string, unknown>>; gpus: Record<string, Record<string, unknown>> } {
  return {
    version: 1,
    toolchains: {
      trtllm: { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: 'pytorch' },
      vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0', 'rocm-image': 'vllm/vllm-openai-rocm:v0.11.0' },
    },
    gpus: {
      h100: { 'runs-on': ['self-hosted', 'gpu-h100'], count: 8 },
      'a100-80gb': { 'runs-on': ['self-hosted', 'gpu-a100'], count: 4 },
      mi300x: { 'runs-on': ['self-hosted', 'gpu-mi300x'], count: 8 },
    },
    models: {
      'llama-3.1-8b': { source: 'meta-llama/Llama-3.1-8B-Instruct', revision: REV_A, version: '1.4.0', params: 8, 'max-input-len': 4096, 'max-seq-len': 8192 },
      'qwen-2.5-7b': { source: 'Qwen/Qwen2.5-7B-Instruct', revision: REV_B, version: '2.0.0', 'max-input-len': 2048, 'max-seq-len': 4096 },
    },
    matrix: {
      model: ['llama-3.1-8b', 'qwen-2.5-7b'],
      gpu: ['h100', 'a100-80gb', 'mi300x'],
      precision: ['bf16', 'fp8'],
      batch: ['1-64'],
      tp: [1, 2],
      exclude: [{ gpu: 'a100-80gb', tp: 2 }],
    },
  };
}

export function yamlOf(data: unknown): string {
  return stringify(data);
}

/** Parses text that must be valid; fails the test with the problems otherwise. */
export function parsed(text: string): Matrix {
  const result = parseMatrix('test.yml', text);
  if (!result.matrix) throw new Error(`expected a valid matrix:\n${result.problems.join('\n')}`);
  return result.matrix;
}

/** A throwaway workspace directory with the given files. */
export function workspace(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-ws-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
