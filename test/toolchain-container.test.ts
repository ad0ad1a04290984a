import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openToolchain, StepFailure } from '../src/build/toolchain.js';
import type { Step, ToolchainOptions } from '../src/build/types.js';
import { recordingLog, type RecordedLog } from './helpers/build-log.js';
import { processesWith } from './helpers/processes.js';
import { buildToolchainImage, containerRuntimeEnv, containersNamed, writeStandInCdiSpec } from './helpers/toolchain-image.js';
import { freePort } from '../src/build/free-port.js';

// The container runtime for real: podman runs the steps in a stand-in toolchain image built here.
// GPUs are CDI devices whose only effect is an env var per GPU, so the test sees exactly which
// devices the container got. Docker runs the same suite where a daemon answers.

async function dockerWorks(): Promise<boolean> {
  return (await execa('docker', ['info'], { reject: false, stdin: 'ignore' }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
}

const marker = (): string => randomBytes(5).toString('hex');
const sleepSeconds = (): string => String(900_000 + Math.floor(Math.random() * 99_999));
const never = new AbortController().signal;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}


async function healthy(port: number): Promise<void> {
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(100);
  }
}

const useDocker = await dockerWorks();

describe.each([
  { kind: 'podman' as const, run: true },
  { kind: 'docker' as const, run: useDocker },
])('$kind runtime', ({ kind, run }) => {
  // docker needs the NVIDIA Container Toolkit for --gpus: its real run here goes without GPUs.
  const gpus = kind === 'podman' ? [0, 2] : [];
  let env: Record<string, string>;
  let image: string;
  let work: string;

  beforeAll(async () => {
    if (!run) return;
    env = containerRuntimeEnv();
    if (kind === 'podman') await writeStandInCdiSpec();
    image = await buildToolchainImage(kind, env);
    work = await mkdtemp(path.join(tmpdir(), `ef-toolchain-${kind}-`));
  });
  // The CDI spec stays (in /var/run, a tmpfs): test files running in parallel share it.
  afterAll(async () => {
    if (!run) return;
    if (image) await execa(kind, ['rmi', '--force', image], { env, extendEnv: false, reject: false });
    if (work) await rm(work, { recursive: true, force: true });
  });

  const toolchain = (log: RecordedLog, over: Partial<ToolchainOptions> = {}) =>
    openToolchain({ runtime: kind, image, gpus, mounts: [work], log, env, graceMs: 2_000, ...over });
  const step = (name: string, script: string, over: Partial<Step> = {}): Step => ({ name, argv: ['sh', '-c', script], timeoutMs: 120_000, ...over });

  it.runIf(run)("runs in the image with exactly the cell's GPUs, the mounts at the same path, and the secret by name only", async () => {
    const token = `hf_${marker()}`;
    const go = path.join(work, `go-${marker()}`);
    let argvChecked = false;
    const log = recordingLog((line) => {
      if (line !== 'waiting') return;
      // While it runs, no process on the host has the token in its command line.
      argvChecked = processesWith(token).length === 0;
      void writeFile(go, '');
    });
    const script = [
      'env | grep -E "^(EF_STAND_IN_GPU_|NVIDIA_VISIBLE_DEVICES)" | sort',
      'echo "token-length=${#HF_TOKEN}"',
      'echo "cwd=$(pwd)"',
      'echo written > out.txt',
      'echo waiting',
      `while [ ! -e ${go} ]; do sleep 0.1; done`,
    ].join('; ');
    await toolchain(log).run(step('gpus', script, { env: { HF_TOKEN: token }, cwd: work }), never);
    const lines = log.lines();
    if (kind === 'podman') expect(lines).toEqual(expect.arrayContaining(['EF_STAND_IN_GPU_0=present', 'EF_STAND_IN_GPU_2=present', 'NVIDIA_VISIBLE_DEVICES=0,2']));
    else expect(lines).toContain('NVIDIA_VISIBLE_DEVICES=void');
    expect(lines.filter((l) => l.startsWith('EF_STAND_IN_GPU_'))).toHaveLength(gpus.length);
    expect(lines).toContain(`token-length=${token.length}`);
    expect(lines).toContain(`cwd=${work}`);
    expect(await readFile(path.join(work, 'out.txt'), 'utf8')).toBe('written\n');
    expect(argvChecked).toBe(true);
    expect(log.events.join('\n')).not.toContain(token);
    expect(await containersNamed(kind, 'engine-forge-gpus-', env)).toEqual([]);
  });

  it.runIf(run)("a failing step in the container names its status and recognises a full disk", async () => {
    const failure = (await rejection(toolchain(recordingLog()).run(step('checkpoint', 'echo start; echo weights > /dev/full'), never))) as StepFailure;
    expect(failure).toBeInstanceOf(StepFailure);
    expect(failure.exitCode).toBe(1);
    expect(failure.death).toBe('disk-full');
    expect(failure.tail).toContain('start');
  });

  it.runIf(run)('cancel stops the container (grandchild included) and removes it before rejecting', async () => {
    const id = marker();
    const seconds = sleepSeconds();
    const controller = new AbortController();
    const log = recordingLog((line) => {
      if (line === 'started') controller.abort();
    });
    const error = await rejection(toolchain(log).run(step(`cancel ${id}`, `sleep ${seconds} & echo started; wait`), controller.signal));
    expect((error as Error).name).toBe('AbortError');
    expect(await containersNamed(kind, `engine-forge-cancel-${id}-`, env)).toEqual([]);
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it.runIf(run)('a step past its timeout is stopped and removed, and the failure says it timed out', async () => {
    const id = marker();
    const seconds = sleepSeconds();
    const failure = (await rejection(toolchain(recordingLog()).run(step(`slow ${id}`, `sleep ${seconds}`, { timeoutMs: 5_000 }), never))) as StepFailure;
    expect(failure.timedOut).toBe(true);
    expect(failure.message).toMatch(/^step 'slow [0-9a-f]+' timed out after 5s/);
    expect(await containersNamed(kind, `engine-forge-slow-${id}-`, env)).toEqual([]);
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it.runIf(run)('a process that exits abruptly mid-step (a second signal) removes the container on its way out', async () => {
    const seconds = sleepSeconds();
    const script = path.resolve(import.meta.dirname, 'support/toolchain/exit-midway.ts');
    const result = await execa(process.execPath, ['--import', 'tsx', script, kind, image, work, '--', 'sh', '-c', `sleep ${seconds} & echo started; wait`], { env, extendEnv: false, reject: false });
    expect(result.exitCode).toBe(130);
    expect(await containersNamed(kind, 'engine-forge-exit-midway-', env)).toEqual([]);
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it.runIf(run)("a service listens on the host's 127.0.0.1 and stop() removes its container", async () => {
    const port = await freePort();
    const id = marker();
    const service = await toolchain(recordingLog()).start({ name: `serve ${id}`, argv: ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', '/www'] }, never);
    await healthy(port);
    await service.stop();
    await service.exited;
    expect(await containersNamed(kind, `engine-forge-serve-${id}-`, env)).toEqual([]);
    expect(processesWith(`127.0.0.1:${port}`)).toEqual([]);
  });

  it.runIf(run)('cancel stops a running service', async () => {
    const port = await freePort();
    const id = marker();
    const controller = new AbortController();
    const service = await toolchain(recordingLog()).start({ name: `serve ${id}`, argv: ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', '/www'] }, controller.signal);
    await healthy(port);
    controller.abort();
    await service.exited;
    expect(await containersNamed(kind, `engine-forge-serve-${id}-`, env)).toEqual([]);
  });
});

describe('podman on a host that cannot raise the limits NVIDIA recommends', () => {
  const hostUlimits = process.env.EF_CONTAINER_ULIMITS;
  it.runIf(Boolean(hostUlimits))("fails with advice naming ENGINE_FORGE_CONTAINER_ULIMITS, and leaves no container", async () => {
    const env = containerRuntimeEnv();
    delete env.ENGINE_FORGE_CONTAINER_ULIMITS;
    const image = await buildToolchainImage('podman', env);
    try {
      const id = marker();
      const toolchain = openToolchain({ runtime: 'podman', image, gpus: [], mounts: [], log: recordingLog(), env });
      const failure = (await rejection(toolchain.run({ name: `limits ${id}`, argv: ['echo', 'never printed'], timeoutMs: 120_000 }, never))) as StepFailure;
      expect(failure.death).toBe('container-limits');
      expect(failure.message).toContain('ENGINE_FORGE_CONTAINER_ULIMITS');
      expect(await containersNamed('podman', `engine-forge-limits-${id}-`, env)).toEqual([]);
    } finally {
      await execa('podman', ['rmi', '--force', image], { env, extendEnv: false, reject: false });
    }
  });
});
