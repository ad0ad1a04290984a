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
