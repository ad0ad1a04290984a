import { describe, expect, it } from 'vitest';
import { checkContainerInputs, containerRunArgs, containerStopArgs, NVIDIA_ULIMITS, parseUlimits, type ContainerRun } from '../src/build/container-args.js';

const run = (over: Partial<ContainerRun> = {}): ContainerRun => ({
  kind: 'docker',
  image: 'nvcr.io/nvidia/tensorrt-llm/release:1.0.0',
  name: 'engine-forge-trtllm-build-1a2b3c4d',
  gpus: [0, 1],
  mounts: ['/runner/_work/ef', '/cache/ef'],
  ulimits: NVIDIA_ULIMITS,
  envNames: ['HF_TOKEN'],
  workdir: '/runner/_work/ef',
  hostNetwork: false,
  argv: ['trtllm-build', '--checkpoint_dir', '/runner/_work/ef/ckpt'],
  ...over,
});

describe('containerRunArgs', () => {
  it("docker: NVIDIA's run flags, exactly the cell's GPUs, same-path mounts, secrets by name only", () => {
    expect(containerRunArgs(run())).toEqual([
      'run', '--rm', '--init', '--name', 'engine-forge-trtllm-build-1a2b3c4d', '--ipc', 'host',
      '--ulimit', 'memlock=-1', '--ulimit', 'stack=67108864',
      '--gpus', '"device=0,1"',
      '--volume', '/runner/_work/ef:/runner/_work/ef', '--volume', '/cache/ef:/cache/ef',
      '--workdir', '/runner/_work/ef',
      '--env', 'HF_TOKEN', '--env', 'NVIDIA_VISIBLE_DEVICES=0,1',
      'nvcr.io/nvidia/tensorrt-llm/release:1.0.0', 'trtllm-build', '--checkpoint_dir', '/runner/_work/ef/ckpt',
    ]);
  });

  it('podman: one CDI device per GPU, labels off for the device nodes, host network for a service', () => {
    const args = containerRunArgs(run({ kind: 'podman', gpus: [2, 3], hostNetwork: true }));
    expect(args.join(' ')).toContain('--device nvidia.com/gpu=2 --device nvidia.com/gpu=3 --security-opt label=disable --network host');
    expect(args).not.toContain('--gpus');
    expect(args).toContain('NVIDIA_VISIBLE_DEVICES=2,3');
  });

  it('no GPUs: none reach the container, even from an image that says all', () => {
    const args = containerRunArgs(run({ gpus: [] }));
    expect(args).not.toContain('--gpus');
    expect(args).toContain('NVIDIA_VISIBLE_DEVICES=void');
  });

  it('stops by name, then removes', () => {
    expect(containerStopArgs('engine-forge-x', 5000)).toEqual([['stop', '-t', '5', 'engine-forge-x'], ['rm', '-f', 'engine-forge-x']]);
  });
});

describe('parseUlimits and checkContainerInputs', () => {
  it('reads a host-specific ulimit list and refuses a malformed one, naming where it came from', () => {
    expect(parseUlimits('memlock=8388608:8388608, stack=67108864', '$X')).toEqual(['memlock=8388608:8388608', 'stack=67108864']);
    expect(() => parseUlimits('memlock=unlimited', '$ENGINE_FORGE_CONTAINER_ULIMITS')).toThrow(
      "$ENGINE_FORGE_CONTAINER_ULIMITS must be a comma-separated list of NAME=SOFT[:HARD] limits, e.g. 'memlock=-1,stack=67108864' (got 'memlock=unlimited')",
    );
  });

  it('refuses an image that reads as a flag and a mount docker would split', () => {
    expect(() => checkContainerInputs('--privileged', [])).toThrow(/toolchains.trtllm.image must be an image reference .*got '--privileged'/);
    expect(() => checkContainerInputs('img:1', ['/a:b'])).toThrow(/absolute path without ':' .*got '\/a:b'/);
    expect(() => checkContainerInputs('img:1', ['relative'])).toThrow(/got 'relative'/);
  });
});
