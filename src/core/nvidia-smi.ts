import { familyForSmiName, type GpuFacts } from './gpus.js';

/** The query a runner's GPUs are read with; the parser below expects exactly these columns. */
export const NVIDIA_SMI_ARGS = ['--query-gpu=index,name,uuid,compute_cap,memory.total,memory.used,driver_version,pci.bus_id', '--format=csv'] as const;

export interface DetectedGpu {
  index: number;
  name: string;
  uuid: string;
  computeCapability: string;
  memoryMiB: number;
  driver: string;
  busId: string;
  /** Catalogue family whose product names include `name`, when there is one. */
  family?: string;
}

/**
 * Parses `nvidia-smi --query-gpu=… --format=csv` (header line, then one line per GPU, values like
 * `143771 MiB`). Columns are found by header name, so a reordered query still parses.
 */
export function parseNvidiaSmiCsv(text: string, families?: Readonly<Record<string, GpuFacts>>): DetectedGpu[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split(',').map((h) => h.trim().replace(/ \[.*\]$/, '')) ?? [];
  const column = (name: string): number => {
    const i = header.indexOf(name);
    if (i === -1) throw new Error(`nvidia-smi output has no '${name}' column (header: ${header.join(', ')})`);
    return i;
  };
  const idx = { index: column('index'), name: column('name'), uuid: column('uuid'), cc: column('compute_cap'), mem: column('memory.total'), driver: column('driver_version'), bus: column('pci.bus_id') };
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    const name = cells[idx.name] ?? '';
    const family = familyForSmiName(name, families);
    return {
      index: Number(cells[idx.index]),
      name,
      uuid: cells[idx.uuid] ?? '',
      computeCapability: cells[idx.cc] ?? '',
      memoryMiB: Number.parseInt(cells[idx.mem] ?? '', 10),
      driver: cells[idx.driver] ?? '',
      busId: cells[idx.bus] ?? '',
      ...(family !== undefined ? { family } : {}),
    };
  });
}

/** A GPU as pre-flight sees it: the catalogue mapping plus what other processes already hold. */
export type RunnerGpu = DetectedGpu & { memoryUsedMiB: number };

/**
 * Like parseNvidiaSmiCsv, plus the `memory.used` column, which pre-flight needs to know how much
 * GPU memory is really free (a runner shared with another job, a leftover server). nvidia-smi
 * prints `[N/A]` for memory it cannot read (some vGPU and MIG set-ups): that becomes NaN, which
 * callers treat as "unknown".
 */
export function parseRunnerGpus(text: string, families?: Readonly<Record<string, GpuFacts>>): RunnerGpu[] {
  const gpus = parseNvidiaSmiCsv(text, families);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split(',').map((h) => h.trim().replace(/ \[.*\]$/, '')) ?? [];
  const used = header.indexOf('memory.used');
  if (used === -1) throw new Error(`nvidia-smi output has no 'memory.used' column (header: ${header.join(', ')})`);
  return gpus.map((gpu, i) => ({ ...gpu, memoryUsedMiB: Number.parseInt(lines[i]?.split(',')[used]?.trim() ?? '', 10) }));
}
