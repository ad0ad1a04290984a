/**
 * Messages in the user's words: the CLI (the committed bundle) names flags, the action names
 * inputs; the CLI's `plan --json` shows the job entries `publish` and `image` take.
 */
import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../src/commands/context.js';
import { commands } from '../src/commands/index.js';
import type { UserError } from '../src/errors.js';
import { Settings, type InputName } from '../src/inputs.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';
import { runCli } from './support/run.js';

const CELL = 'llama-3.1-8b/h100/fp8/tp1/b1-64';
const quiet: Logger = { info: () => {}, warning: () => {}, notice: () => {} };
// No nvidia-smi on PATH: publish runs as a CPU job publishing what a GPU job built.
const cpuRunner = { PATH: '/usr/bin:/bin' };

function setup(): string {
  const m = baseMatrix();
  m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['fp8'], batch: ['1-64'], tp: [1] };
  const dir = workspace({ 'm.yml': yamlOf(m) });
  mkdirSync(path.join(dir, 'art'));
  writeFileSync(path.join(dir, 'art', 'rank0.engine'), 'engine bytes');
  return dir;
}

/** A command as the action runs it, with inputs rather than flags. */
function action(dir: string, inputs: Partial<Record<InputName, string>>) {
  const settings = new Settings({ kind: 'action', get: (name) => inputs[name] }, { GITHUB_WORKSPACE: dir });
  return commands[settings.command()]({ settings, log: quiet });
}

describe('the CLI names flags', () => {
  it('a missing --cell, and where its value comes from', () => {
    const ran = runCli(['publish', '--matrix', 'm.yml', '--store', 'store', '--artifact-dir', 'art'], setup(), cpuRunner);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toBe("engine-forge: --cell is required (one entry of jobs.engines of 'plan --json', or a cell id)\n");
  });

  it('gc says how to really delete: --dry-run false', () => {
    const ran = runCli(['gc', '--matrix', 'm.yml', '--store', 'store'], setup());
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('dry run: nothing was changed; set --dry-run false to delete');
    const bad = runCli(['gc', '--matrix', 'm.yml', '--store', 'store', '--abort-uploads-older-than', 'soon'], setup());
    expect(bad.stderr).toMatch(/^engine-forge: --abort-uploads-older-than must be a number of hours such as 24 or 24h, or days such as 14d \(got 'soon'\)$/m);
  });

  it('--s3-endpoint and --registry', () => {
    const s3 = runCli(['plan', '--matrix', 'm.yml', '--store', 's3://bucket/p', '--s3-endpoint', 'ftp://x'], setup());
    expect(s3.stderr).toMatch(/^engine-forge: --s3-endpoint must be an http\(s\) URL/m);
    const image = runCli(['image', '--matrix', 'm.yml', '--store', 'store', '--cell', 'llama-3.1-8b/fp8/nvidia', '--registry', 'ghcr.io/acme/models:latest'], setup());
    expect(image.stderr).toMatch(/^engine-forge: --registry must be a repository without a tag or digest/m);
  });
});

describe('image takes a bare image id, like publish takes a cell id', () => {
  it('finds the image without a plan entry (the registry check comes after, so nothing is built here)', () => {
    const dir = setup();
    const ran = runCli(['image', '--matrix', 'm.yml', '--store', 'store', '--cell', 'llama-3.1-8b/fp8/nvidia', '--registry', 'ghcr.io/acme/models:latest'], dir);
    expect(ran.stderr).not.toMatch(/JSON/);
    const unknown = runCli(['image', '--matrix', 'm.yml', '--store', 'store', '--cell', 'llama-3.1-8b/fp8/amd', '--registry', 'ghcr.io/acme/models'], dir);
    expect(unknown.stderr).toMatch(/^engine-forge: --cell names image 'llama-3\.1-8b\/fp8\/amd', which m\.yml does not produce \(it has 1 vLLM images: 'llama-3\.1-8b\/fp8\/nvidia', and one engine image per engine cell\)$/m);
  });
});

describe('plan --json', () => {
  it('carries the job lists, whose entries publish and image take as --cell', () => {
    const dir = setup();
    const ran = runCli(['plan', '--matrix', 'm.yml', '--store', 'store', '--json'], dir);
    expect(ran.status).toBe(0);
    const plan = JSON.parse(ran.stdout) as { cells: unknown[]; jobs: { engines: { cells: string[]; 'runs-on': string[] }[]; images: { id: string; fingerprint: string }[]; checkpoints: { checkpoint: string }[] } };
    expect(plan.cells).toHaveLength(1);
    expect(plan.jobs.engines).toEqual([{ name: 'llama-3.1-8b 1.4.0 h100 fp8 tp1 b1-64', 'runs-on': ['self-hosted', 'gpu-h100'], cells: [CELL] }]);
    // The fp8 image serves the quantized checkpoint, so it waits for the checkpoint job first.
    expect(plan.jobs.images).toEqual([]);
    expect(plan.jobs.checkpoints).toEqual([expect.objectContaining({ checkpoint: 'llama-3.1-8b/fp8' })]);
    const published = runCli(['publish', '--matrix', 'm.yml', '--store', 'store', '--artifact-dir', 'art', '--cell', JSON.stringify(plan.jobs.engines[0])], dir, cpuRunner);
    expect(published.status, published.stderr).toBe(0);
  });
});

describe('plan on the CLI says where the plan JSON went', () => {
  it('the default under $TMPDIR, or --plan-file', () => {
    const dir = setup();
    mkdirSync(path.join(dir, 'tmp'));
    const ran = runCli(['plan', '--matrix', 'm.yml', '--store', 'store'], dir, { TMPDIR: path.join(dir, 'tmp') });
    expect(ran.status, ran.stderr).toBe(0);
    const file = path.join(dir, 'tmp', 'engine-forge', 'plan.json');
    expect(ran.stderr).toContain(`plan JSON (every cell with its status, reason and fingerprint): ${file}\n`);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { cells: unknown[] }).cells).toHaveLength(1);
    const chosen = runCli(['plan', '--matrix', 'm.yml', '--store', 'store', '--plan-file', 'out/plan.json'], dir);
    expect(chosen.stderr).toContain(`: ${path.join(dir, 'out', 'plan.json')}\n`);
    // --json prints the plan itself on stdout, nothing else there.
    const json = runCli(['plan', '--matrix', 'm.yml', '--store', 'store', '--json'], dir);
    expect(json.stderr).not.toContain('plan JSON');
  });
});

describe('publish prints its result once', () => {
  it('published, then already published: one line each, on stdout', () => {
    const dir = setup();
    const args = ['publish', '--matrix', 'm.yml', '--store', 'store', '--artifact-dir', 'art', '--cell', CELL];
    const first = runCli(args, dir, cpuRunner);
    expect(first.status, first.stderr).toBe(0);
    const all = (ran: { stdout: string; stderr: string }) => `${ran.stdout}${ran.stderr}`;
    expect(all(first).match(/published/g)).toHaveLength(1);
    expect(first.stdout).toMatch(new RegExp(`^published ${CELL.replaceAll('/', '\\/')}@1\\.4\\.0 \\(1 files\\) → `));
    const second = runCli(args, dir, cpuRunner);
    expect(second.status, second.stderr).toBe(0);
    expect(all(second).match(/already published/g)).toHaveLength(1);
    expect(second.stdout).toMatch(/is already published \(.*\); nothing uploaded → /);
  });
});

describe('the action names inputs', () => {
  it("input 'cell', and 'dry-run: false'", async () => {
    const dir = setup();
    await expect(action(dir, { command: 'publish', matrix: 'm.yml', store: 'store', 'artifact-dir': 'art' })).rejects.toThrow(
      "input 'cell' is required (one entry of plan's 'engines' output, or a cell id)",
    );
    const gc = await action(dir, { command: 'gc', matrix: 'm.yml', store: 'store' });
    expect(gc.text).toContain("set 'dry-run: false' to delete");
    await expect(action(dir, { command: 'gc', matrix: 'm.yml', store: 'store', 'abort-uploads-older-than': 'soon' })).rejects.toThrow(
      /^input 'abort-uploads-older-than' must be a number of hours/,
    );
  });
});

describe('resolve on several matching cells lists them with what picks each', () => {
  // The README's matrix on h100 in fp8: TP 1 and 2 × batch 1-64 and 1-256, four cells.
  const cells = ['tp1/b1-64', 'tp1/b1-256', 'tp2/b1-64', 'tp2/b1-256'].map((s) => `llama-3.1-8b/h100/fp8/${s}`);
  function published(): string {
    const m = baseMatrix();
    m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['fp8'], batch: ['1-64', '1-256'], tp: [1, 2] };
    const dir = setup();
    writeFileSync(path.join(dir, 'm.yml'), yamlOf(m));
    for (const cell of cells) {
      const ran = runCli(['publish', '--matrix', 'm.yml', '--store', 'store', '--artifact-dir', 'art', '--cell', cell], dir, cpuRunner);
      expect(ran.status, ran.stderr).toBe(0);
    }
    return dir;
  }

  it('on the CLI: --tp and --batch, one line per cell, and each line resolves', () => {
    const dir = published();
    const ran = runCli(['resolve', '--store', 'store', '--model', 'llama-3.1-8b@^1', '--gpu', 'h100', '--precision', 'fp8'], dir);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toBe(
      [
        'engine-forge: resolve: llama-3.1-8b@^1 on h100 in fp8 matches 4 cells; pick one with --tp and --batch:',
        '  --tp 1 --batch 1-64  →  llama-3.1-8b/h100/fp8/tp1/b1-64 (newest 1.4.0)',
        '  --tp 1 --batch 1-256  →  llama-3.1-8b/h100/fp8/tp1/b1-256 (newest 1.4.0)',
        '  --tp 2 --batch 1-64  →  llama-3.1-8b/h100/fp8/tp2/b1-64 (newest 1.4.0)',
        '  --tp 2 --batch 1-256  →  llama-3.1-8b/h100/fp8/tp2/b1-256 (newest 1.4.0)',
        '',
      ].join('\n'),
    );
    // Given one of the two, only the other is asked for.
    const tp2 = runCli(['resolve', '--store', 'store', '--model', 'llama-3.1-8b@^1', '--gpu', 'h100', '--precision', 'fp8', '--tp', '2'], dir);
    expect(tp2.stderr).toMatch(/^engine-forge: resolve: llama-3\.1-8b@\^1 on h100 in fp8 tp2 matches 2 cells; pick one with --batch:\n {2}--batch 1-64 {2}→ {2}llama-3\.1-8b\/h100\/fp8\/tp2\/b1-64 \(newest 1\.4\.0\)\n/);
    const picked = runCli(['resolve', '--store', 'store', '--model', 'llama-3.1-8b@^1', '--gpu', 'h100', '--precision', 'fp8', '--tp', '2', '--batch', '1-64'], dir);
    expect(picked.status, picked.stderr).toBe(0);
    expect(picked.stdout).toMatch(/^llama-3\.1-8b\/h100\/fp8\/tp2\/b1-64@1\.4\.0\n/);
  });

  it("in the action: inputs 'tp' and 'batch', as a with: line", async () => {
    const dir = published();
    const error = await action(dir, { command: 'resolve', store: 'store', model: 'llama-3.1-8b@^1', gpu: 'h100', precision: 'fp8' }).then(
      () => undefined,
      (e: unknown) => e as UserError,
    );
    expect(error?.message).toBe("resolve: llama-3.1-8b@^1 on h100 in fp8 matches 4 cells; pick one with input 'tp' and input 'batch':");
    expect(error?.problems[0]).toBe("'tp: 1' 'batch: 1-64'  →  llama-3.1-8b/h100/fp8/tp1/b1-64 (newest 1.4.0)");
  });
});
