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

/**
 * The ModelOpt formats vLLM's `modelopt` loader reads (its QUANT_ALGOS: FP8 and NVFP4 through
 * 0.11; later releases add only more FP8/FP4 variants), each with the `--quantization` method that
 * loads it and the lowest compute capability that method accepts (`get_min_capability`). Every
 * other quantized precision has no checkpoint vLLM can load, so there is no honest image for it.
 */
export const VLLM_MODELOPT: Readonly<Partial<Record<Precision, { quantization: 'modelopt' | 'modelopt_fp4'; quantAlgo: string; minSm: number }>>> = {
  fp8: { quantization: 'modelopt', quantAlgo: 'FP8', minSm: 89 },
  nvfp4: { quantization: 'modelopt_fp4', quantAlgo: 'NVFP4', minSm: 80 },
};

/**
 * Whether a vLLM image of this precision serves the shared ModelOpt checkpoint. On NVIDIA, FP8 and
 * NVFP4 do. ROCm's vLLM has no ModelOpt loader: its FP8 image keeps quantizing the source weights
 * online (`--quantization fp8`, dynamic scales: genuinely FP8, just not calibrated).
 */
export function vllmServesCheckpoint(precision: Precision, vendor: GpuFacts['vendor']): boolean {
  return vendor === 'nvidia' && VLLM_MODELOPT[precision] !== undefined;
}

/** Why vLLM cannot serve `precision` on this GPU, or undefined when it can. */
export function vllmPrecisionProblem(precision: Precision, gpu: GpuFacts): string | undefined {
  if (precision === 'fp16' || precision === 'bf16') return undefined;
  if (precision === 'nvfp4' && gpu.vendor !== 'nvidia') return 'NVFP4 is an NVIDIA format; vLLM on ROCm cannot serve it';
  if (precision === 'fp8' && gpu.vendor !== 'nvidia') return undefined;
  const modelopt = VLLM_MODELOPT[precision];
  if (modelopt === undefined) {
    return `vLLM cannot serve ${precision}: its ModelOpt loader reads only FP8 and NVFP4 checkpoints, and an image of the unquantized weights would be mislabelled`;
  }
  if (gpu.computeCapability !== undefined && smNumber(gpu.computeCapability) < modelopt.minSm) {
    return `vLLM's ${modelopt.quantization} loader needs SM ${Math.floor(modelopt.minSm / 10)}.${modelopt.minSm % 10} or later; this GPU is SM ${gpu.computeCapability}`;
  }
  return undefined;
}
