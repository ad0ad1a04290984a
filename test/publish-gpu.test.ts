import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';
import { runCli } from './support/run.js';

// nvidia-smi cannot run here: the stand-in answers engine-forge's real query with output captured
// on an H200, and fails as nvidia-smi does on any other arguments.
const FAKE_BIN = path.join(import.meta.dirname, 'support', 'bin');

function setup() {
  const m = baseMatrix();
  m.gpus.h200 = { 'runs-on': ['self-hosted', 'gpu-h200'], count: 8 };
  m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100', 'h200'], precision: ['fp8'], batch: ['1-64'], tp: [1] };
  const dir = workspace({ 'm.yml': yamlOf(m) });
  mkdirSync(path.join(dir, 'art'));
  writeFileSync(path.join(dir, 'art', 'rank0.engine'), 'engine bytes');
  return dir;
}

const publish = (dir: string, cell: string) =>
  runCli(['publish', '--matrix', 'm.yml', '--store', 'store', '--artifact-dir', 'art', '--cell', JSON.stringify({ cells: [cell] })], dir, { PATH: `${FAKE_BIN}:${process.env.PATH}` });

describe('publish on a GPU runner', () => {
  it('records the GPU and driver nvidia-smi reports', () => {
    const dir = setup();
    const ran = publish(dir, 'llama-3.1-8b/h200/fp8/tp1/b1-64');
    expect(ran.stderr).not.toMatch(/error/i);
    expect(ran.status).toBe(0);
    const manifests = path.join(dir, 'store', 'manifests', 'engines');
    const [file] = readdirSync(manifests);
    const manifest = JSON.parse(readFileSync(path.join(manifests, file!), 'utf8')) as { provenance: { gpu?: string; driver?: string } };
    expect(manifest.provenance).toMatchObject({ gpu: 'NVIDIA H200', driver: '580.159.04' });
  });

  it("refuses an artifact for another GPU family than the runner's, and stores nothing", () => {
    const dir = setup();
    const ran = publish(dir, 'llama-3.1-8b/h100/fp8/tp1/b1-64');
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain(
      "cell 'llama-3.1-8b/h100/fp8/tp1/b1-64': this runner's GPU is NVIDIA H200 (h200), but the cell is for h100: an engine runs only on the GPU model it was built for",
    );
    expect(() => readdirSync(path.join(dir, 'store', 'manifests', 'engines'))).toThrow(/ENOENT/);
  });

  it('publishes from a runner without nvidia-smi (a CPU job publishing what a GPU job built)', () => {
    const dir = setup();
    const ran = runCli(['publish', '--matrix', 'm.yml', '--store', 'store', '--artifact-dir', 'art', '--cell', 'llama-3.1-8b/h100/fp8/tp1/b1-64'], dir, { PATH: '/usr/bin:/bin' });
    expect(ran.stderr).not.toMatch(/error/i);
    expect(ran.status).toBe(0);
  });
});
