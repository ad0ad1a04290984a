import type { Precision } from './precision.js';
import type { Inputs } from './fingerprint.js';

/**
 * A quantized checkpoint: the output of calibrating one model revision in one precision with
 * NVIDIA ModelOpt (a unified Hugging Face checkpoint, plus what the engine path needs to shard it
 * per TP without calibrating again). It depends on the model, its revision, the precision, the
 * calibration settings and the quantizer (the toolchain image that runs it) — not on the GPU
 * family, TP or batch range — so every engine cell (and the vLLM image) of that model and
 * precision shares one, made once by its own job and stored as an artifact of kind 'checkpoint'.
 */
export interface CheckpointCell {
  /** 'llama-3.1-8b/fp8': one per model × precision. */
  id: string;
  model: string;
  version: string;
  source: string;
  revision: string;
  precision: Precision;
  calibration: { dataset: string; size: number };
  /** The GPU family whose runner calibrates it (one that can hold the model), and its labels. */
  gpu: string;
  runsOn: string[];
  /** Engine cell ids that use it. */
  cells: string[];
  fingerprint: string;
  inputs: Inputs;
  digests: Record<string, string>;
  signature: string;
  unsupported?: string;
}
