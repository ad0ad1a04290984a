import { mkdirSync, mkdtempSync, readFileSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCgroupMemory } from '../src/build/cgroup-memory.js';
import { assertRunnerFits, estimateNeeds, parseMeminfo, preflightProblems, readRunnerFacts, runnerFamilies } from '../src/build/preflight.js';
import { GiB } from '../src/core/needs.js';
import { errorMessage, UserError } from '../src/errors.js';
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
    const limit = await readCgroupMemory(readFileSync('/proc/self/cgroup', 'utf8'));
    expect(facts.hostMemory.totalBytes).toBe(Math.min(real.totalBytes, limit?.limitBytes ?? Number.POSITIVE_INFINITY));
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

/** A cgroupfs tree in a temporary directory: { 'relative/file': 'content' }. */
function cgroupfs(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ef-cgroup-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), `${content}\n`);
  }
  return root;
}

describe('the cgroup memory limit (a runner in a container or pod)', () => {
  it('finds the tightest cgroup v2 limit on the path, less what is in use and not reclaimable', async () => {
    const root = cgroupfs({
      'memory.max': 'max',
      'kubepods/memory.max': String(512 * GiB),
      'kubepods/memory.current': String(300 * GiB),
      'kubepods/pod1/memory.max': String(64 * GiB),
      'kubepods/pod1/memory.current': String(40 * GiB),
      'kubepods/pod1/memory.stat': `anon ${20 * GiB}\nfile ${20 * GiB}\ninactive_file ${15 * GiB}\nactive_file ${5 * GiB}`,
    });
    expect(await readCgroupMemory('0::/kubepods/pod1\n', root)).toEqual({ where: path.join(root, 'kubepods/pod1/memory.max'), limitBytes: 64 * GiB, usedBytes: 25 * GiB });
  });

  it('reads v1\'s memory controller and treats its huge "unlimited" value as no limit', async () => {
    const root = cgroupfs({ 'memory/memory.limit_in_bytes': '9223372036854771712', 'memory/docker/abc/memory.limit_in_bytes': String(32 * GiB), 'memory/docker/abc/memory.usage_in_bytes': String(2 * GiB) });
    const self = '12:pids:/docker/abc\n4:memory:/docker/abc\n0::/\n';
    expect(await readCgroupMemory(self, root)).toEqual({ where: path.join(root, 'memory/docker/abc/memory.limit_in_bytes'), limitBytes: 32 * GiB, usedBytes: 2 * GiB });
    expect(await readCgroupMemory('4:memory:/\n0::/\n', cgroupfs({ 'memory/memory.limit_in_bytes': '9223372036854771712' }))).toBeUndefined();
  });

  it('narrows the runner\'s host memory to the limit, and the refusal says whose limit it is', async () => {
    const root = cgroupfs({ 'runner/memory.max': String(48 * GiB), 'runner/memory.current': String(8 * GiB) });
    const facts = await readRunnerFacts({ ...dirs(), env: env(), effects: { meminfo: async () => MEMINFO, cgroupMemory: () => readCgroupMemory('0::/runner', root) } });
    expect(facts.hostMemory).toEqual({ totalBytes: 48 * GiB, availableBytes: 40 * GiB, cgroup: { where: path.join(root, 'runner/memory.max'), limitBytes: 48 * GiB } });
    const needs = estimateNeeds({ paramsBillions: 70, precision: 'fp8', tp: 1, backend: 'tensorrt', maxSeqLen: 4096 });
    const [problem] = preflightProblems({ id: 'c', gpu: 'h200', tp: 1 }, facts, needs, runnerFamilies(matrixWithH200()));
    expect(problem).toBe(
      `host memory: the cell needs ${(needs.hostMemoryBytes! / GiB).toFixed(1)} GiB of RAM to load and convert the model, but this runner has 40.0 GiB available (of the 48.0 GiB its cgroup allows, ${path.join(root, 'runner/memory.max')}): ${((needs.hostMemoryBytes! - 40 * GiB) / GiB).toFixed(1)} GiB missing`,
    );
  });
});

describe('pre-flight with the stand-in on PATH', () => {
  const matrix = matrixWithH200();
  const families = runnerFamilies(matrix);
  const needs = (tp: number) => estimateNeeds({ paramsBillions: 8, precision: 'fp8', tp, backend: 'pytorch', maxSeqLen: 8192 });
  // The machine's own free disk varies from run to run: these cases are about the GPUs, so the disk is handed in.
  const read = () => readRunnerFacts({ ...dirs(), families, env: env(), effects: { meminfo: async () => MEMINFO, disk: async () => ({ freeBytes: 500 * GiB, device: 1 }) } });

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

  it('throws every refusal at once as a user error, or returns the GPUs to use', async () => {
    const facts = await read();
    expect(assertRunnerFits({ id: 'ok', gpu: 'h200', tp: 1 }, facts, needs(1), families)).toEqual([0]);
    let thrown: unknown;
    try {
      assertRunnerFits({ id: 'llama-3.1-8b/h200/fp8/tp2/b1-64', gpu: 'h200', tp: 2 }, { ...facts, hostMemory: { totalBytes: 8 * GiB, availableBytes: 2 * GiB } }, needs(2), families);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect(errorMessage(thrown)).toBe(
      'pre-flight: this runner cannot build cell llama-3.1-8b/h200/fp8/tp2/b1-64:\n' +
        '  GPU count: tp 2 needs 2 h200 GPUs, but this runner has 1 (1 × NVIDIA H200 (h200)): 1 missing\n' +
        '  host memory: the cell needs 18.9 GiB of RAM to load and convert the model, but this runner has 2.0 GiB available (of 8.0 GiB): 16.9 GiB missing',
    );
  });
});
