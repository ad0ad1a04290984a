import { mkdtempSync, readFileSync, statfsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateNeeds, parseMeminfo, preflightProblems, readRunnerFacts, runnerFamilies } from '../src/build/preflight.js';
import { GiB } from '../src/core/needs.js';
import { UserError } from '../src/errors.js';
import { baseMatrix, parsed, yamlOf } from './support/matrix.js';

// nvidia-smi cannot run here: the stand-in (test/support/bin) answers engine-forge's real query
// with real-format captures and fails as the real tool does; it runs as a real process on PATH.
const FAKE_BIN = path.join(import.meta.dirname, 'support', 'bin');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, PATH: `${FAKE_BIN}:${process.env.PATH}`, ...extra });

// A /proc/meminfo of a 2 TiB host (the file's real layout, kB units).
const MEMINFO = 'MemTotal:       2113389396 kB\nMemFree:        1803301764 kB\nMemAvailable:   2052102580 kB\nBuffers:          412844 kB\n';

function dirs(): { workDir: string; cacheDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ef-preflight-'));
  // work-dir does not exist yet (the build creates it): its parent's filesystem is read.
  return { workDir: path.join(root, 'work', 'cell'), cacheDir: root };
}

function matrixWithH200() {
  const data = baseMatrix();
  data.gpus.h200 = { 'runs-on': ['self-hosted', 'gpu-h200'], count: 1 };
  return parsed(yamlOf(data));
}

describe('reading the runner', () => {
  it('reads the H200 stand-in, /proc/meminfo and the real free space of both directories', async () => {
    const { workDir, cacheDir } = dirs();
    const facts = await readRunnerFacts({ workDir, cacheDir, env: env() });
    expect(facts.gpus).toEqual([
      {
        index: 0,
        name: 'NVIDIA H200',
        uuid: 'GPU-606dada1-4bb2-3179-8bab-a992742bf0cd',
        computeCapability: '9.0',
        memoryMiB: 143771,
        memoryUsedMiB: 0,
        driver: '580.159.04',
        busId: '00000000:00:06.0',
        family: 'h200',
      },
    ]);
    const real = parseMeminfo(readFileSync('/proc/meminfo', 'utf8'));
    expect(facts.hostMemory.totalBytes).toBe(real.totalBytes);
    expect(facts.hostMemory.availableBytes).toBeGreaterThan(0);
    const fs = statfsSync(cacheDir);
    expect(facts.disks.map((d) => [d.role, d.path, d.device])).toEqual([
      ['work-dir', workDir, statSync(cacheDir).dev],
      ['cache-dir', cacheDir, statSync(cacheDir).dev],
    ]);
    // Same filesystem, read moments apart: free space within a few MiB of each other.
    expect(Math.abs(facts.disks[1]!.freeBytes - fs.bavail * fs.bsize)).toBeLessThan(256 * 1024 * 1024);
  });

  it('selects another capture with EF_FAKE_SMI_CSV and takes injected effects', async () => {
    const facts = await readRunnerFacts({
      ...dirs(),
      env: env({ EF_FAKE_SMI_CSV: path.join(FIXTURES, 'nvidia-smi-h100x8-busy.csv') }),
      effects: { meminfo: async () => MEMINFO, disk: async () => ({ freeBytes: 3 * 1024 * GiB, device: 42 }) },
    });
    expect(facts.gpus.map((g) => [g.index, g.family, g.memoryUsedMiB])).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i, 'h100', i === 0 ? 72418 : 0]));
    expect(facts.hostMemory).toEqual({ totalBytes: 2113389396 * 1024, availableBytes: 2052102580 * 1024 });
    expect(facts.disks.every((d) => d.freeBytes === 3 * 1024 * GiB && d.device === 42)).toBe(true);
  });

  it('says nvidia-smi is missing when it is not on PATH', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'ef-nopath-'));
    const error = await readRunnerFacts({ ...dirs(), env: { PATH: empty } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      "nvidia-smi is not on PATH: `build` must run on a runner with an NVIDIA GPU and its driver installed (the cell's `runs-on` labels choose it)",
    );
  });

  it('quotes a failing nvidia-smi (driver not loaded, no devices) with its exit status', async () => {
    const driver = await readRunnerFacts({ ...dirs(), env: env({ EF_FAKE_SMI_FAIL: 'driver' }) }).catch((e: unknown) => e);
    expect(driver).toBeInstanceOf(UserError);
    expect((driver as Error).message).toBe(
      "`nvidia-smi --query-gpu=index,name,uuid,compute_cap,memory.total,memory.used,driver_version,pci.bus_id --format=csv` failed with exit status 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.; the runner's NVIDIA driver or GPUs are not usable",
    );
    const none = await readRunnerFacts({ ...dirs(), env: env({ EF_FAKE_SMI_FAIL: 'no-devices' }) }).catch((e: unknown) => e);
    expect((none as Error).message).toMatch(/failed with exit status 6: No devices were found;/);
  });

  it('names meminfo that lacks a field', () => {
    expect(() => parseMeminfo('MemTotal: 100 kB\n')).toThrow('/proc/meminfo has no MemAvailable line: cannot tell how much memory this runner has');
  });
});

describe('pre-flight with the stand-in on PATH', () => {
  const matrix = matrixWithH200();
  const families = runnerFamilies(matrix);
  const needs = (tp: number) => estimateNeeds({ paramsBillions: 8, precision: 'fp8', tp, backend: 'pytorch', maxSeqLen: 8192 });
  const read = () => readRunnerFacts({ ...dirs(), families, env: env(), effects: { meminfo: async () => MEMINFO } });

  it('accepts an h200 cell, refuses an a100-80gb cell and a tp 2 cell', async () => {
    const facts = await read();
    expect(preflightProblems({ id: 'llama-3.1-8b/h200/fp8/tp1/b1-64', gpu: 'h200', tp: 1 }, facts, needs(1), families)).toEqual([]);
    expect(preflightProblems({ id: 'llama-3.1-8b/a100-80gb/bf16/tp1/b1-64', gpu: 'a100-80gb', tp: 1, runsOn: ['self-hosted', 'gpu-a100'] }, facts, needs(1), families)).toEqual([
      'wrong GPU: cell llama-3.1-8b/a100-80gb/bf16/tp1/b1-64 is for a100-80gb (NVIDIA A100-SXM4-80GB or NVIDIA A100 80GB PCIe), but this runner has 1 × NVIDIA H200 (h200): an engine runs only on the GPU model it was built for; run it on a runner labelled ["self-hosted","gpu-a100"]',
    ]);
    expect(preflightProblems({ id: 'llama-3.1-8b/h200/fp8/tp2/b1-64', gpu: 'h200', tp: 2 }, facts, needs(2), families)).toEqual([
      'GPU count: tp 2 needs 2 h200 GPUs, but this runner has 1 (1 × NVIDIA H200 (h200)): 1 missing',
    ]);
  });
});
