import type { GpuFacts } from './gpus.js';
import { BYTES_PER_PARAM, trtllmPrecisionProblem, vllmPrecisionProblem, type Precision } from './precision.js';
import type { Matrix } from './schema.js';

/** Everything a rule may look at for one combination. */
export interface RuleInput {
  gpu: string;
  facts: GpuFacts;
  count: number;
  precision: Precision;
  tp: number;
  params?: number;
  trtllm: Matrix['toolchains']['trtllm'];
}

/** A rule answers why a cell cannot run, or undefined when it can. Each is small on purpose. */
export type Rule = (cell: RuleInput) => string | undefined;

/** The newest TensorRT-LLM release that still has the TensorRT engine backend (parseMatrix refuses newer). */
export const LAST_TENSORRT_BACKEND = '1.3.0rc20';
/** Fraction of GPU memory kept free for the KV cache and activations when checking that weights fit. */
export const MEMORY_HEADROOM = 0.1;

export const nvidiaOnly: Rule = (c) =>
  c.facts.vendor === 'nvidia' ? undefined : `TensorRT-LLM runs on NVIDIA GPUs only (${c.gpu} is ${c.facts.vendor.toUpperCase()}); its vLLM image is still built`;

export const precisionOnGpu: Rule = (c) => {
  const problem = trtllmPrecisionProblem(c.precision, c.facts);
  return problem === undefined ? undefined : `${problem} (${c.gpu})`;
};

export const tpWithinRunner: Rule = (c) =>
  c.tp <= c.count ? undefined : `tp ${c.tp} needs ${c.tp} GPUs but a ${c.gpu} runner has ${c.count} (gpus.${c.gpu}.count)`;

export const weightsFit: Rule = (c) => {
  if (c.params === undefined) return undefined;
  const perGpu = (c.params * BYTES_PER_PARAM[c.precision]) / c.tp;
  const usable = c.facts.memoryGb * (1 - MEMORY_HEADROOM);
  if (perGpu <= usable) return undefined;
  return `weights need ${perGpu.toFixed(1)} GB per GPU (${c.params}B params × ${BYTES_PER_PARAM[c.precision]} bytes ÷ tp ${c.tp}) but a ${c.gpu} has ${c.facts.memoryGb} GB, ${usable.toFixed(1)} GB usable after ${MEMORY_HEADROOM * 100}% headroom`;
};

export const vllmPrecision: Rule = (c) => vllmPrecisionProblem(c.precision, c.facts);

/** Rules for a TensorRT-LLM artifact, in the order their reasons are reported. */
export const ENGINE_RULES: readonly Rule[] = [nvidiaOnly, precisionOnGpu, tpWithinRunner, weightsFit];
/** Rules for a cell's share of a vLLM image: the image must be able to serve it somewhere. */
export const IMAGE_RULES: readonly Rule[] = [vllmPrecision, tpWithinRunner, weightsFit];

export function firstProblems(rules: readonly Rule[], input: RuleInput): string | undefined {
  const reasons = rules.map((rule) => rule(input)).filter((r): r is string => r !== undefined);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}
