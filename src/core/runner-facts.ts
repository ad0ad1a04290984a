import type { DetectedGpu } from './nvidia-smi.js';

/** What the runner has, read before anything is downloaded. */
export interface RunnerFacts {
  gpus: (DetectedGpu & { memoryUsedMiB: number })[];
  /**
   * Host memory, bytes (total and available). When the job's cgroup (container, pod) allows
   * less than /proc/meminfo shows, these are the cgroup's figures and `cgroup` names its limit.
   */
  hostMemory: { totalBytes: number; availableBytes: number; cgroup?: { where: string; limitBytes: number } };
  /**
   * Free bytes on the filesystem of each directory that will be written. `device` (stat's st_dev)
   * tells when work-dir and cache-dir share a filesystem, so their needs add up against one figure.
   */
  disks: { path: string; role: 'work-dir' | 'cache-dir'; freeBytes: number; device?: number }[];
}

/** What a cell needs of the runner, estimated from the model's size and the cell's precision and TP. */
export interface CellNeeds {
  /** Weights' bytes (bf16 source size), when known. */
  modelBytes?: number;
  /** Per GPU, bytes, for the cell's TP. */
  gpuMemoryBytes?: number;
  hostMemoryBytes?: number;
  /** Bytes to be written under each directory (source download into cache-dir; checkpoint + engine into work-dir). */
  disk: { role: 'work-dir' | 'cache-dir'; bytes: number }[];
}
