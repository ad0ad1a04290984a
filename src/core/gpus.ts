import type { Matrix } from './schema.js';

/**
 * The built-in GPU catalogue: the facts the rules need (vendor, compute capability, memory) and the
 * product names `nvidia-smi --query-gpu=name` prints, so a runner can be matched to its family.
 */
export type Vendor = 'nvidia' | 'amd';

export interface GpuFacts {
  vendor: Vendor;
  /** NVIDIA compute capability as "major.minor"; absent for AMD. */
  computeCapability?: string;
  /** Memory per GPU in GB, as the vendor states it. */
  memoryGb: number;
  /** Product names as the vendor's tool reports them (`nvidia-smi`, `rocm-smi`). */
  smiNames: string[];
}

export const GPU_CATALOGUE: Readonly<Record<string, GpuFacts>> = {
  'a100-40gb': { vendor: 'nvidia', computeCapability: '8.0', memoryGb: 40, smiNames: ['NVIDIA A100-SXM4-40GB', 'NVIDIA A100-PCIE-40GB'] },
  'a100-80gb': { vendor: 'nvidia', computeCapability: '8.0', memoryGb: 80, smiNames: ['NVIDIA A100-SXM4-80GB', 'NVIDIA A100 80GB PCIe'] },
  a10g: { vendor: 'nvidia', computeCapability: '8.6', memoryGb: 24, smiNames: ['NVIDIA A10G'] },
  l4: { vendor: 'nvidia', computeCapability: '8.9', memoryGb: 24, smiNames: ['NVIDIA L4'] },
  l40s: { vendor: 'nvidia', computeCapability: '8.9', memoryGb: 48, smiNames: ['NVIDIA L40S'] },
  h100: { vendor: 'nvidia', computeCapability: '9.0', memoryGb: 80, smiNames: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 PCIe'] },
  'h100-nvl': { vendor: 'nvidia', computeCapability: '9.0', memoryGb: 94, smiNames: ['NVIDIA H100 NVL'] },
  h200: { vendor: 'nvidia', computeCapability: '9.0', memoryGb: 141, smiNames: ['NVIDIA H200', 'NVIDIA H200 NVL'] },
  gh200: { vendor: 'nvidia', computeCapability: '9.0', memoryGb: 96, smiNames: ['NVIDIA GH200 480GB'] },
  b200: { vendor: 'nvidia', computeCapability: '10.0', memoryGb: 180, smiNames: ['NVIDIA B200'] },
  gb200: { vendor: 'nvidia', computeCapability: '10.0', memoryGb: 186, smiNames: ['NVIDIA GB200'] },
  mi300x: { vendor: 'amd', memoryGb: 192, smiNames: ['AMD Instinct MI300X', 'AMD Instinct MI300X OAM'] },
};

/** The family whose product names include `smiName` (exact, case-insensitive). */
export function familyForSmiName(smiName: string, families: Readonly<Record<string, GpuFacts>> = GPU_CATALOGUE): string | undefined {
  const wanted = smiName.trim().toLowerCase();
  for (const [family, facts] of Object.entries(families)) {
    if (facts.smiNames.some((name) => name.toLowerCase() === wanted)) return family;
  }
  return undefined;
}

/**
 * Why an artifact for `family` must not be published from a runner whose GPU nvidia-smi names
 * `smiName`, or undefined when it may. A TensorRT engine only runs on the GPU model it was built
 * on; a runner whose card maps to no known family is given the benefit of the doubt.
 */
export function runnerGpuProblem(family: string, smiName: string, families: Readonly<Record<string, GpuFacts>>): string | undefined {
  const detected = familyForSmiName(smiName, families);
  if (detected === undefined || detected === family) return undefined;
  return `this runner's GPU is ${smiName} (${detected}), but the cell is for ${family}: an engine runs only on the GPU model it was built for; publish from a ${family} runner`;
}

/** "9.0" → 90, so capabilities compare as numbers without float surprises. */
export function smNumber(computeCapability: string): number {
  const [major = '0', minor = '0'] = computeCapability.split('.');
  return Number(major) * 10 + Number(minor);
}

/** Facts for a declared family: the catalogue's, overridden by what the user declared. */
export function gpuFacts(matrix: Matrix, family: string): GpuFacts {
  const spec = matrix.gpus[family];
  const known = GPU_CATALOGUE[family];
  const vendor = spec?.vendor ?? known?.vendor ?? 'nvidia';
  const cc = spec?.['compute-capability'] ?? known?.computeCapability;
  return {
    vendor,
    ...(cc !== undefined && vendor === 'nvidia' ? { computeCapability: cc } : {}),
    memoryGb: spec?.['memory-gb'] ?? known?.memoryGb ?? 0,
    smiNames: spec?.['smi-names'] ?? known?.smiNames ?? [],
  };
}
