import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../src/inputs.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';
import { parseGithubOutput, ROOT, runAction, runCli } from './support/run.js';

function runnerFiles(dir: string) {
  const output = path.join(dir, 'github_output');
  const summary = path.join(dir, 'step_summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return { output, summary, env: { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: path.join(dir, 'runner-temp') } };
}

describe('the committed action bundle under the runner contract', () => {
  it('plans the example matrix: outputs, plan file and job summary', () => {
    const dir = workspace({ 'matrices/example.yml': readFileSync(path.join(ROOT, 'matrices/example.yml'), 'utf8') });
    const files = runnerFiles(dir);
    const ran = runAction({ command: 'plan', matrix: 'matrices/example.yml', store: '.engine-forge/store' }, dir, files.env);
    expect(ran.stdout).not.toMatch(/::error/);
    expect(ran.status).toBe(0);
    const outputs = parseGithubOutput(readFileSync(files.output, 'utf8'));
    expect(Object.keys(outputs).sort()).toEqual(['build-count', 'checkpoint-count', 'checkpoints', 'engine-image-count', 'engine-images', 'engines', 'image-count', 'images', 'plan', 'skip-count']);
    const engines = JSON.parse(outputs.engines!) as { include: { name: string; 'runs-on': string[]; cells: string[] }[] };
    expect(engines.include).toHaveLength(16);
    expect(engines.include[0]).toEqual({
      name: 'llama-3.1-8b 1.4.0 a100-80gb bf16 tp1 b1-256',
      'runs-on': ['self-hosted', 'linux', 'gpu-a100'],
      cells: ['llama-3.1-8b/a100-80gb/bf16/tp1/b1-256'],
    });
    const images = JSON.parse(outputs.images!) as { include: { id: string; vendor: string; 'runs-on': string[] }[] };
    // The NVIDIA FP8 image waits for its checkpoint; vLLM cannot load an INT4 AWQ one, so no such image.
    expect(images.include.map((i) => i.id)).toEqual(['llama-3.1-8b/bf16/amd', 'llama-3.1-8b/bf16/nvidia', 'llama-3.1-8b/fp8/amd']);
    const checkpoints = JSON.parse(outputs.checkpoints!) as { include: { checkpoint: string; gpu: string; 'runs-on': string[] }[] };
    expect(checkpoints.include.map((k) => [k.checkpoint, k.gpu, k['runs-on']])).toEqual([
      ['llama-3.1-8b/fp8', 'h100', ['self-hosted', 'linux', 'gpu-h100']],
      ['llama-3.1-8b/int4_awq', 'h100', ['self-hosted', 'linux', 'gpu-h100']],
    ]);
    expect(outputs['build-count']).toBe('16');
    expect(outputs['skip-count']).toBe('0');
    expect(outputs['image-count']).toBe('3');
    expect(outputs['checkpoint-count']).toBe('2');
    const plan = JSON.parse(readFileSync(outputs.plan!, 'utf8')) as { cells: { id: string; status: string; reason: string; fingerprint: string }[] };
    expect(plan.cells).toHaveLength(30);
    for (const cell of plan.cells) {
      expect(cell.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(cell.reason.length).toBeGreaterThan(0);
    }
    expect(plan.cells.find((c) => c.id === 'llama-3.1-8b/a100-80gb/fp8/tp1/b1-64')).toMatchObject({ status: 'unsupported', reason: expect.stringMatching(/FP8/) });
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain('| TensorRT-LLM cells | 16 | 0 | 14 |');
    expect(summary).toContain('### Cells to build (16)');
    expect(summary).toContain('### Unsupported (16)');
    expect(summary).toContain('| Quantized checkpoints | 2 | 0 | 0 |');
    expect(summary).toContain('### Images waiting for their checkpoint (1)');
    expect(summary).toMatch(/llama-3\.1-8b\/mi300x\/bf16\/tp1\/b1-64 \| TensorRT-LLM runs on NVIDIA GPUs only/);
  });

  it('fails the step with the located error and no stack trace on a bad matrix', () => {
    const m = baseMatrix();
    m.matrix.precision = ['fp8', 'bf61'];
    const dir = workspace({ 'm.yml': yamlOf(m) });
    const files = runnerFiles(dir);
    const ran = runAction({ matrix: 'm.yml' }, dir, files.env);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toMatch(/::error::m\.yml has 1 problem:%0A {2}m\.yml:\d+:\d+ matrix\.precision\[1\]: unknown precision \(did you mean 'bf16'\?\) \(got 'bf61'\)/);
    expect(ran.stdout).not.toMatch(/^\s+at /m);
    expect(readFileSync(files.output, 'utf8')).toBe('');
  });

  it('names a bad input and quotes it', () => {
    const dir = workspace({ 'm.yml': yamlOf(baseMatrix()) });
    const ran = runAction({ matrix: 'm.yml', 'max-cells': 'lots' }, dir, runnerFiles(dir).env);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toContain("::error::input 'max-cells' must be a whole number from 1 to 9007199254740991 (got 'lots')");
  });

  it('the CLI prints the plan JSON with --json', () => {
    const dir = workspace({ 'm.yml': yamlOf(baseMatrix()) });
    const ran = runCli(['plan', '--matrix', 'm.yml', '--json'], dir);
    expect(ran.status).toBe(0);
    const plan = JSON.parse(ran.stdout) as { cells: unknown[]; counts: { build: number } };
    expect(plan.cells).toHaveLength(20);
    expect(plan.counts.build).toBe(10); // per model: h100 × {bf16, fp8} × tp {1, 2} + a100 bf16
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; main: string }; inputs: Record<string, object> };
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
  it('gives no default where the code derives one (the runner would always pass it)', () => {
    // s3-force-path-style is true when s3-endpoint is set; a default here would pin it to one value.
    expect(action.inputs['s3-force-path-style']).not.toHaveProperty('default');
  });
    it('declares exactly the inputs the code reads (and the CLI accepts)', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  });
});
