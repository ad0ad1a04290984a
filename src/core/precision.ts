import type { GpuFacts } from './gpus.js';
import { smNumber } from './gpus.js';

export const PRECISIONS = ['fp16', 'bf16', 'fp8', 'int8_sq', 'int8_wo', 'int4_wo', 'int4_awq', 'w4a8_awq', 'nvfp4'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Bytes each weight takes in memory (quantization scales are small enough to leave to the headroom). */
export const BYTES_PER_PARAM: Readonly<Record<Precision, number>> = {
  fp16: 2, bf16: 2, fp8: 1, int8_sq: 1, int8_wo: 1, int4_wo: 0.5, int4_awq: 0.5, w4a8_awq: 0.5, nvfp4: 0.5,
};

/**
 * Compute capabilities (as SM numbers) on which TensorRT-LLM supports each precision: its
 * quantization support matrix. Blackwell dropped the INT8 and W4 AWQ kernels; FP8 needs Ada or later.
 */
const SM_RANGE: Readonly<Record<Precision, { min: number; below?: number; why: string }>> = {
  fp16: { min: 70, why: 'FP16 needs SM 7.0 or later' },
  bf16: { min: 80, why: 'BF16 needs SM 8.0 (Ampere) or later' },
  fp8: { min: 89, why: 'FP8 (W8A8) needs SM 8.9 (Ada) or later' },
  int8_sq: { min: 70, below: 100, why: 'INT8 SmoothQuant is not supported on Blackwell (SM 10.0+)' },
  int8_wo: { min: 70, below: 100, why: 'INT8 weight-only is not supported on Blackwell (SM 10.0+)' },
  int4_wo: { min: 70, below: 100, why: 'INT4 weight-only is not supported on Blackwell (SM 10.0+)' },
  int4_awq: { min: 80, below: 100, why: 'INT4 AWQ (W4A16) needs SM 8.0-9.0: not on Blackwell' },
  w4a8_awq: { min: 89, below: 100, why: 'W4A8 AWQ needs SM 8.9 or 9.0 (Ada, Hopper)' },
  nvfp4: { min: 100, why: 'NVFP4 needs Blackwell (SM 10.0 or later)' },
};

/** Why TensorRT-LLM cannot run `precision` on this GPU, or undefined when it can. */
export function trtllmPrecisionProblem(precision: Precision, gpu: GpuFacts): string | undefined {
  if (gpu.computeCapability === undefined) return undefined; // non-NVIDIA: another rule rejects it
  const sm = smNumber(gpu.computeCapability);
  const range = SM_RANGE[precision];
  if (sm < range.min || (range.below !== undefined && sm >= range.below)) {
    return `${range.why}; this GPU is SM ${gpu.computeCapability}`;
  }
  return undefined;
}

/** Why vLLM cannot serve `precision` on this vendor's GPUs, or undefined when it can. */
export function vllmPrecisionProblem(precision: Precision, gpu: GpuFacts): string | undefined {
  if (precision === 'nvfp4' && gpu.vendor !== 'nvidia') return 'NVFP4 is an NVIDIA format; vLLM on ROCm cannot serve it';
  if (precision === 'w4a8_awq' && gpu.vendor !== 'nvidia') return 'W4A8 AWQ kernels exist only for NVIDIA GPUs';
  return undefined;
}
