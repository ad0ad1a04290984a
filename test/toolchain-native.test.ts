import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseRuntime, detectRuntime, openToolchain, runtimeFromInput, StepFailure } from '../src/build/toolchain.js';
import type { Step, ToolchainOptions } from '../src/build/types.js';
import { UserError } from '../src/errors.js';
import { recordingLog, type RecordedLog } from './helpers/build-log.js';
import { alive, processesWith } from './helpers/processes.js';
import { freePort } from '../src/build/free-port.js';

// Real processes in the native runtime: bash and node scripts stand in for TensorRT-LLM's tools.
const TOOLS = path.resolve(import.meta.dirname, 'support/toolchain');
const tool = (name: string): string => path.join(TOOLS, name);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ef-toolchain-native-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const native = (log: RecordedLog, over: Partial<ToolchainOptions> = {}) =>
  openToolchain({ runtime: 'native', image: '', gpus: [1, 3], mounts: [work], log, graceMs: 2_000, ...over });
const step = (name: string, argv: string[], over: Partial<Step> = {}): Step => ({ name, argv, timeoutMs: 60_000, ...over });
const never = new AbortController().signal;

/** A marker unique to one test, carried in a process's command line so /proc can tell whether it is still there. */
const marker = (): string => `ef-${randomBytes(6).toString('hex')}`;
const sleepSeconds = (): string => String(900_000 + Math.floor(Math.random() * 99_999));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('native steps', () => {
  it("streams the step's output into its log group, with the cell's GPUs and the secret in its environment only", async () => {
    const log = recordingLog();
    const script = 'echo one; echo "gpus=$CUDA_VISIBLE_DEVICES"; echo warn >&2; echo "token-length=${#HF_TOKEN}"; printf "no newline at the end"';
    const result = await native(log).run(step('hello', ['bash', '-c', script], { env: { HF_TOKEN: 'hf_s3cr3t' }, cwd: work }), never);
    expect(log.events[0]).toBe('group hello');
    expect(log.events[1]).toBe(`$ bash -c '${script.replaceAll("'", "'\\''")}'`);
    expect(log.events.at(-1)).toBe('end');
    expect(log.lines().filter((l) => l !== 'warn')).toEqual([log.events[1], 'one', 'gpus=1,3', 'token-length=9', 'no newline at the end']);
    expect(log.lines()).toContain('warn');
    expect(log.events.join('\n')).not.toContain('hf_s3cr3t');
    expect(result.tail).toContain('token-length=9');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a CUDA out-of-memory death names the step, its status, the advice and the last lines', async () => {
    const error = await rejection(native(recordingLog()).run(step('quantize', [tool('cuda-oom.sh')]), never));
    expect(error).toBeInstanceOf(StepFailure);
    const failure = error as StepFailure;
    expect(failure.death).toBe('cuda-oom');
    expect(failure.exitCode).toBe(1);
    expect(failure.message).toMatch(/^step 'quantize' exited with status 1: the GPUs ran out of memory/);
    expect(failure.problems.at(-1)).toMatch(/^torch\.OutOfMemoryError: CUDA out of memory\. Tried to allocate 896\.00 MiB/);
  });

  it("an unknown flag (argparse, exit 2) points at the matrix's build-flags line", async () => {
    const argv = ['python3', tool('flags_tool.py'), '--checkpoint_dir', 'c', '--output_dir', 'o', '--max_beam_width', '4'];
    const failure = (await rejection(native(recordingLog()).run(step('trtllm-build', argv, { flagsHint: 'matrix.yml:12 build-flags' }), never))) as StepFailure;
    expect(failure.death).toBe('unknown-flag');
    expect(failure.message).toContain('(unrecognized arguments: --max_beam_width 4)');
    expect(failure.message).toContain('check the flags in matrix.yml:12 build-flags');
    expect(failure.problems[0]).toMatch(/^usage: trtllm-build/);
  });

  it("an unknown flag to the trtllm-build stand-in (the real flag set's 60-line usage) is still read as argparse's", async () => {
    const argv = ['python3', path.resolve(import.meta.dirname, 'support/bin/trtllm-build'), '--checkpoint_dir', 'c', '--max_batch', '8', '--no_such_flag'];
    const failure = (await rejection(native(recordingLog()).run(step('trtllm-build', argv, { flagsHint: 'matrix.yml:12 build-flags' }), never))) as StepFailure;
    expect(failure.exitCode).toBe(2);
    expect(failure.tail.join('\n')).not.toMatch(/^usage:/m);
    expect(failure.death).toBe('unknown-flag');
    expect(failure.message).toMatch(/^step 'trtllm-build' exited with status 2: trtllm-build rejected its command line \(unrecognized arguments: .*--no_such_flag\).*check the flags in matrix\.yml:12 build-flags/);
  });

  it("SIGKILL from outside our timeout reads as the kernel's OOM killer", async () => {
    const failure = (await rejection(native(recordingLog()).run(step('trtllm-build', ['bash', '-c', 'echo building; kill -9 $$']), never))) as StepFailure;
    expect(failure.signal).toBe('SIGKILL');
    expect(failure.death).toBe('host-oom');
    expect(failure.message).toMatch(/^step 'trtllm-build' was killed by SIGKILL: .*host RAM ran out/);
  });

  it('a full disk (a real ENOSPC from /dev/full) says so', async () => {
    const failure = (await rejection(native(recordingLog()).run(step('checkpoint', ['bash', '-c', 'echo weights > /dev/full']), never))) as StepFailure;
    expect(failure.death).toBe('disk-full');
    expect(failure.tail.join('\n')).toContain('No space left on device');
  });

  it('a tool not on PATH could not be started, and says what native runtime needs', async () => {
    const failure = (await rejection(native(recordingLog()).run(step('trtllm-build', ['trtllm-build-not-installed-here']), never))) as StepFailure;
    expect(failure.message).toMatch(/^step 'trtllm-build' could not be started: trtllm-build-not-installed-here is not on PATH/);
  });

  it('a silent step gets heartbeats, and goes on until it ends', async () => {
    const go = path.join(work, `go-${marker()}`);
    const log = recordingLog((line) => {
      if (/still running/.test(line)) void writeFile(go, '');
    });
    await native(log, { heartbeatMs: 100 }).run(step('wait', [tool('wait-for-file.sh'), go]), never);
    const beats = log.lines().filter((l) => l.includes('still running'));
    expect(beats.length).toBeGreaterThan(0);
    expect(beats[0]).toMatch(/^wait: still running, \d+ms, silent for \d+ms$/);
    expect(log.lines().at(-1)).toBe(`saw ${go}`);
  });

  it('a step past its timeout is killed with its whole tree, and the failure says it timed out', async () => {
    const seconds = sleepSeconds();
    const log = recordingLog();
    const failure = (await rejection(native(log).run(step('trtllm-build', [tool('tree.sh'), marker()], { env: { SLEEP_SECONDS: seconds }, timeoutMs: 500 }), never))) as StepFailure;
    expect(failure.timedOut).toBe(true);
    expect(failure.message).toMatch(/^step 'trtllm-build' timed out after 500ms: it was still running after 500ms/);
    expect(log.lines()).toContain('trtllm-build: no end after 500ms, its time limit: stopping it');
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it('cancel kills the whole process tree (grandchild included) before it rejects with the abort reason', async () => {
    const seconds = sleepSeconds();
    const id = marker();
    const controller = new AbortController();
    let grandchild = 0;
    const log = recordingLog((line) => {
      const m = /^grandchild (\d+)$/.exec(line);
      if (m) {
        grandchild = Number(m[1]);
        const reason = new Error('interrupted by SIGINT');
        reason.name = 'AbortError';
        controller.abort(reason);
      }
    });
    const error = await rejection(native(log).run(step('trtllm-build', [tool('tree.sh'), id], { env: { SLEEP_SECONDS: seconds } }), controller.signal));
    expect((error as Error).message).toBe('interrupted by SIGINT');
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(false);
    expect(processesWith(id)).toEqual([]);
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
    expect(log.events.at(-1)).toBe('end');
  });

  it('a tree that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const seconds = sleepSeconds();
    const controller = new AbortController();
    const log = recordingLog((line) => {
      if (line.startsWith('grandchild ')) controller.abort();
    });
    const error = await rejection(
      native(log, { graceMs: 300 }).run(step('stubborn', [tool('tree.sh'), marker()], { env: { SLEEP_SECONDS: seconds, IGNORE_TERM: '1' } }), controller.signal),
    );
    expect((error as Error).name).toBe('AbortError');
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it('a process that exits abruptly mid-step (a second signal) takes the whole tree with it', async () => {
    const seconds = sleepSeconds();
    const result = await execa(process.execPath, ['--import', 'tsx', tool('exit-midway.ts'), 'native', '', work, '--', tool('tree.sh'), marker()], {
      env: { SLEEP_SECONDS: seconds },
      reject: false,
    });
    expect(result.exitCode).toBe(130);
    const grandchild = Number(/^grandchild (\d+)$/m.exec(result.stdout)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(false);
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it('a step that exits but leaves a process behind does not hang, and leaves nothing running', async () => {
    const log = recordingLog();
    await native(log).run(step('leave', [tool('leave-behind.sh')]), never);
    const left = Number(/^left (\d+)$/.exec(log.lines().find((l) => l.startsWith('left ')) ?? '')?.[1]);
    expect(left).toBeGreaterThan(0);
    expect(alive(left)).toBe(false);
  });

  it('an already cancelled job starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const log = recordingLog();
    await expect(native(log).run(step('x', ['bash', '-c', 'echo ran']), controller.signal)).rejects.toThrow();
    expect(log.events).toEqual([]);
  });
});

describe('native services', () => {
  async function healthy(port: number): Promise<void> {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(50);
    }
  }

  it('starts in the background, answers on 127.0.0.1, and stop() ends it', async () => {
    const port = await freePort();
    const id = marker();
    const log = recordingLog();
    const service = await native(log).start({ name: 'smoke start', argv: [process.execPath, tool('server.mjs'), String(port), id] }, never);
    await healthy(port);
    expect(processesWith(id)).toHaveLength(1);
    await service.stop();
    const exited = await service.exited;
    expect(exited.signal).toBe('SIGTERM');
    expect(exited.tail).toEqual([`listening on 127.0.0.1:${port}`]);
    expect(log.lines()).toContain(`smoke start: listening on 127.0.0.1:${port}`);
    expect(processesWith(id)).toEqual([]);
  });

  it('a service that dies on its own resolves exited with its status and last lines', async () => {
    const service = await native(recordingLog()).start({ name: 'smoke start', argv: [process.execPath, tool('server.mjs'), '1'], env: { CRASH_AFTER_START: '1' } }, never);
    const exited = await service.exited;
    expect(exited.exitCode).toBe(1);
    expect(exited.tail).toEqual(['RuntimeError: failed to load engine: rank0.engine not found']);
  });

  it('cancel stops a running service', async () => {
    const port = await freePort();
    const id = marker();
    const controller = new AbortController();
    const service = await native(recordingLog()).start({ name: 'smoke start', argv: [process.execPath, tool('server.mjs'), String(port), id] }, controller.signal);
    await healthy(port);
    controller.abort();
    await service.exited;
    expect(processesWith(id)).toEqual([]);
  });

  it('a service not on PATH fails to start with a StepFailure', async () => {
    await expect(native(recordingLog()).start({ name: 'smoke start', argv: ['trtllm-serve-not-here'] }, never)).rejects.toBeInstanceOf(StepFailure);
  });
});

describe('runtime choice', () => {
  it('native when trtllm-build or trtllm-serve is on PATH, else docker, else podman, else a clear error', async () => {
    const bin = await mkdtemp(path.join(work, 'bin-'));
    await writeFile(path.join(bin, 'trtllm-serve'), '#!/bin/sh\n');
    await chmod(path.join(bin, 'trtllm-serve'), 0o755);
    const probe = (ok: string[]) => async (file: string) => ok.includes(file);
    expect(await detectRuntime({ PATH: `/nonexistent:${bin}` }, probe([]))).toBe('native');
    expect(await detectRuntime({ PATH: '/nonexistent' }, probe(['docker', 'podman']))).toBe('docker');
    expect(await detectRuntime({ PATH: '/nonexistent' }, probe(['podman']))).toBe('podman');
    await expect(detectRuntime({ PATH: '/nonexistent' }, probe([]))).rejects.toThrow(/No way to run the TensorRT-LLM toolchain here/);
  });

  it("turns the 'runtime' input into a kind, naming the input and quoting a bad value", async () => {
    expect(runtimeFromInput('podman')).toBe('podman');
    expect(runtimeFromInput(' Native ')).toBe('native');
    expect(runtimeFromInput('')).toBeUndefined();
    expect(() => runtimeFromInput('singularity', '--runtime')).toThrow(new UserError("--runtime must be one of docker, podman, native (got 'singularity')"));
    expect(await chooseRuntime(undefined, undefined, async () => 'docker')).toBe('docker');
    expect(await chooseRuntime('native', undefined, async () => 'docker')).toBe('native');
  });
});
