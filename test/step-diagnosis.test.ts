import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { describeEnd, diagnose, formatDuration, type StepEnd } from '../src/core/step-diagnosis.js';
import { StepFailure } from '../src/build/step-failure.js';
import { UserError, errorMessage } from '../src/errors.js';

const STANDIN = path.resolve(import.meta.dirname, 'support/bin/trtllm-build');
const end = (over: Partial<StepEnd>): StepEnd => ({ step: 'trtllm-build', tool: 'trtllm-build', exitCode: 1, tail: [], runtime: 'native', ...over });

describe('diagnose', () => {
  it.each([
    'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 896.00 MiB. GPU 0 has a total capacity of 79.25 GiB of which 512.00 MiB is free.',
    'torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB',
    'RuntimeError: CUDA error: out of memory',
    '[TensorRT-LLM][ERROR] tensorrt_llm::common::TllmException: [TensorRT-LLM][ERROR] CUDA runtime error in cudaMalloc(&ptr, n): out of memory (/src/tensorrt_llm/runtime/tllmBuffers.h:84)',
    '[TRT] [E] 1: [defaultAllocator.cpp::allocate::31] Error Code 1: Cuda Runtime (out of memory)',
  ])('recognises CUDA out of memory: %s', (line) => {
    const d = diagnose(end({ tail: ['loading weights', line] }));
    expect(d?.cause).toBe('cuda-oom');
    expect(d?.advice).toMatch(/GPUs ran out of memory/);
  });

  it("blames the kernel's OOM killer for exit 137 or SIGKILL that were not our timeout", () => {
    expect(diagnose(end({ exitCode: 137, tail: ['Killed'] }))?.cause).toBe('host-oom');
    expect(diagnose(end({ exitCode: undefined, signal: 'SIGKILL' }))?.advice).toMatch(/host RAM ran out/);
    expect(diagnose(end({ exitCode: undefined, signal: 'SIGKILL', timedOutAfterMs: 5000 }))?.cause).toBe('timeout');
  });

  it('recognises a full disk', () => {
    expect(diagnose(end({ tail: ["OSError: [Errno 28] No space left on device: '/work/engine/rank0.engine'"] }))?.cause).toBe('disk-full');
    expect(diagnose(end({ tail: ['Error: ENOSPC: no space left on device, write'] }))?.advice).toMatch(/work-dir and cache-dir/);
  });

  it("points an argparse rejection (exit 2) at the matrix's build-flags line, quoting what was rejected", () => {
    const d = diagnose(
      end({
        exitCode: 2,
        tail: ['usage: trtllm-build [-h] [--checkpoint_dir CHECKPOINT_DIR]', 'trtllm-build: error: unrecognized arguments: --max_batch 8'],
        flagsHint: 'matrix.yml:14 build-flags',
      }),
    );
    expect(d?.cause).toBe('unknown-flag');
    expect(d?.advice).toBe(
      'trtllm-build rejected its command line (unrecognized arguments: --max_batch 8): a flag it does not know in this toolchain version; check the flags in matrix.yml:14 build-flags',
    );
    // Exit 2 without argparse's usage is not a flag problem.
    expect(diagnose(end({ exitCode: 2, tail: ['No such file or directory'] }))).toBeUndefined();
  });

  it("recognises argparse by its last line even when trtllm-build's long usage pushed 'usage:' out of the tail", async () => {
    // The trtllm-build stand-in's argparse usage is the real flag set's: over 60 lines, so the last 20 hold no 'usage:'.
    const ran = await execa('python3', [STANDIN, '--checkpoint_dir', 'c', '--bogus_flag', '1'], { reject: false, all: true });
    expect(ran.exitCode).toBe(2);
    const lines = ran.all!.split('\n');
    expect(lines.length).toBeGreaterThan(40);
    const tail = lines.slice(-20);
    expect(tail.join('\n')).not.toMatch(/^usage:/m);
    const d = diagnose(end({ exitCode: 2, tail, flagsHint: 'matrix.yml:14 build-flags' }));
    expect(d?.cause).toBe('unknown-flag');
    expect(d?.advice).toContain('(unrecognized arguments: --bogus_flag 1)');
    // argparse's other refusals: a bad value for a known flag, a missing required one.
    const badValue = "trtllm-build: error: argument --max_batch_size: invalid int value: 'eight'";
    expect(diagnose(end({ exitCode: 2, tail: ['                    [--workers WORKERS]', badValue, ''] }))?.advice).toContain("(argument --max_batch_size: invalid int value: 'eight')");
    // The same line with another status, or a line that only mentions an error, is not argparse's.
    expect(diagnose(end({ exitCode: 1, tail: [badValue] }))).toBeUndefined();
    expect(diagnose(end({ exitCode: 2, tail: ['ValueError: error: argument parsing failed upstream'] }))).toBeUndefined();
  });

  it('names a tool that is not there, natively or in the image', () => {
    expect(diagnose(end({ exitCode: undefined, notStarted: true, tail: ['spawn trtllm-build ENOENT'] }))?.advice).toMatch(/trtllm-build is not on PATH/);
    expect(diagnose(end({ exitCode: 127, runtime: 'podman', tail: ['Error: executable file not found in $PATH'] }))?.advice).toMatch(/not in the toolchain image/);
  });

  it("does not blame the image for podman's own failure that exits 127 (its network, here)", () => {
    // podman 4.3 on a runner whose PATH lacks iptables: the container never started.
    const tail = [
      'time="2026-11-29T18:03:18Z" level=warning msg="Failed to load cached network config: network podman not found in CNI cache, falling back to loading network podman from disk"',
      'Error: plugin type="bridge" failed (add): cni plugin bridge failed: failed to locate iptables: exec: "iptables": executable file not found in $PATH',
    ];
    expect(diagnose(end({ tool: 'hf', exitCode: 127, runtime: 'podman', tail }))).toBeUndefined();
    // The image really lacking the tool still reads as such.
    const missing = ['Error: crun: executable file `hf` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found'];
    expect(diagnose(end({ tool: 'hf', exitCode: 127, runtime: 'podman', tail: missing }))?.advice).toMatch(/hf is not in the toolchain image/);
    // A tool inside the container that exits 127 itself (a missing helper it runs) still counts.
    expect(diagnose(end({ tool: 'hf', exitCode: 127, runtime: 'podman', tail: ['sh: trtllm-llmapi-launch: not found'] }))?.cause).toBe('not-found');
  });

  it("recognises a container runtime's own refusals", () => {
    const rlimit = 'Error: runc: runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 8: operation not permitted: OCI permission denied';
    expect(diagnose(end({ exitCode: 126, runtime: 'podman', tail: [rlimit] }))?.advice).toMatch(/ENGINE_FORGE_CONTAINER_ULIMITS/);
    expect(diagnose(end({ exitCode: 125, runtime: 'docker', tail: ['docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].'] }))?.cause).toBe('container-gpus');
    expect(diagnose(end({ exitCode: 125, runtime: 'podman', tail: ['Error: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=1'] }))?.advice).toMatch(/nvidia-ctk cdi generate/);
  });

  it('says nothing about an ordinary failure', () => {
    expect(diagnose(end({ tail: ['ValueError: unsupported architecture MambaForCausalLM'] }))).toBeUndefined();
  });
});

describe('describeEnd and formatDuration', () => {
  it('says how the step ended', () => {
    expect(describeEnd({ exitCode: 3 })).toBe('exited with status 3');
    expect(describeEnd({ signal: 'SIGSEGV' })).toBe('was killed by SIGSEGV');
    expect(describeEnd({ exitCode: 143, timedOutAfterMs: 7_200_000 })).toBe('timed out after 2h 00m');
    expect(describeEnd({})).toBe('could not be started');
  });

  it('formats durations for heartbeats', () => {
    expect([250, 45_000, 300_000, 7_380_000].map(formatDuration)).toEqual(['250ms', '45s', '5m 00s', '2h 03m']);
  });
});

describe('StepFailure', () => {
  it('is a UserError naming the step, its status, the advice and the last lines', () => {
    const failure = new StepFailure(end({ exitCode: 1, tail: ['step 1', 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB'] }));
    expect(failure).toBeInstanceOf(UserError);
    expect(failure.death).toBe('cuda-oom');
    expect(errorMessage(failure)).toBe(
      [
        "step 'trtllm-build' exited with status 1: the GPUs ran out of memory: lower the cell's batch ceiling, max tokens or sequence length, use more GPUs (a larger tp) or a smaller precision, and check with nvidia-smi that no other process holds GPU memory",
        'last 2 lines of its output:',
        '  step 1',
        '  torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB',
      ].join('\n'),
    );
  });
});
