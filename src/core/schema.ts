import { z } from 'zod';
import { PRECISIONS } from './precision.js';

/**
 * The matrix file, version 1: the single source of truth for validation, types and the
 * generated matrices/schema.json. Every object is strict so a misspelt key is an error, not a
 * silently ignored setting.
 */

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' });

const labels = z.array(z.string().min(1)).min(1);

const semverText = z
  .string({ error: 'must be a semver version such as 1.4.0 (quote it in YAML)' })
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, {
    error: 'must be a semver version MAJOR.MINOR.PATCH such as 1.4.0',
  });

/** "min-max", both batch sizes; the cross-check min ≤ max ≤ 2048 lives in the same refinement. */
export const BATCH_MAX = 2048;
export const batchRange = z
  .string({ error: 'must be a batch range "min-max" such as "1-64"' })
  .regex(/^\d+-\d+$/, { error: 'must be a batch range "min-max" such as "1-64"' })
  .refine(
    (text) => {
      const [min, max] = text.split('-').map(Number) as [number, number];
      return min >= 1 && min <= max && max <= BATCH_MAX;
    },
    { error: `must satisfy 1 ≤ min ≤ max ≤ ${BATCH_MAX}` },
  )
  .meta({ description: 'Batch range "min-max", 1 ≤ min ≤ max ≤ 2048; the maximum is the engine\'s max_batch_size.' });

const tp = z.number({ error: 'must be a whole number of GPUs ≥ 1' }).int({ error: 'must be a whole number of GPUs ≥ 1' }).min(1, { error: 'must be at least 1' });
const precision = z.enum(PRECISIONS);

const flags = z
  .record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.union([z.string(), z.number(), z.boolean()]))
  .meta({ description: 'Extra trtllm-build / serving flags (name without dashes → value); part of the fingerprint.' });

const trtllm = z.strictObject({
  version: z.string().min(1).meta({ description: 'TensorRT-LLM version (PEP 440, e.g. 1.2.0 or 1.3.0rc20).' }),
  image: z.string().min(1).meta({ description: 'Container image the build runs in; pin by digest for exact rebuilds.' }),
  backend: z.enum(['pytorch', 'tensorrt']).default('pytorch').meta({
    description: '"tensorrt" builds compiled engines (TensorRT-LLM ≤ 1.3.0rc20 only); "pytorch" prepares checkpoints and serving configs.',
  }),
  'build-flags': flags.optional(),
});

const vllm = z.strictObject({
  version: z.string().min(1).meta({ description: 'vLLM version, recorded in labels and the fingerprint.' }),
  image: z.string().min(1).meta({ description: 'CUDA base image, e.g. vllm/vllm-openai:v0.11.0.' }),
  'rocm-image': z.string().min(1).optional().meta({ description: 'ROCm base image for AMD GPUs, e.g. vllm/vllm-openai-rocm:v0.11.0.' }),
  'bake-weights': z.boolean().default(false).meta({ description: 'Download the weights into the image at build time.' }),
  'runs-on': labels.default(['ubuntu-latest']).meta({ description: 'Runner labels for image jobs.' }),
});

const serving = z.strictObject({
  serverless: z.enum(['runpod']).optional().meta({
    description: 'Makes every serving image (vLLM and TensorRT-LLM) a Runpod Serverless worker as well: a queue handler and a load-balancing mode, chosen at run time by ENGINE_FORGE_MODE.',
  }),
  'runs-on': labels.optional().meta({ description: 'Runner labels of the engine-image jobs (default: toolchains.vllm.runs-on); they need disk for the artifact, no GPU.' }),
  artifact: z.enum(['bake', 'fetch']).default('bake').meta({
    description: 'Engine images: "bake" puts the artifact in the image (one layer); "fetch" keeps the image thin and downloads the artifact at start from ENGINE_FORGE_ARTIFACT_URL, verified against the manifest baked in (backend tensorrt only).',
  }),
});

const gpu = z.strictObject({
  'runs-on': labels.meta({ description: 'Labels of the self-hosted runners that have this GPU.' }),
  count: z.number().int().min(1).max(72).meta({ description: 'GPUs per runner: the largest tensor parallelism it can run.' }),
  vendor: z.enum(['nvidia', 'amd']).optional().meta({ description: 'Only for families outside the built-in catalogue.' }),
  'compute-capability': z.string().regex(/^\d+\.\d$/).optional().meta({ description: 'NVIDIA compute capability, e.g. "9.0" (custom families).' }),
  'memory-gb': z.number().positive().optional().meta({ description: 'Memory per GPU in GB (custom families).' }),
  'smi-names': z.array(z.string().min(1)).optional().meta({ description: 'Product names nvidia-smi reports for this family (custom families).' }),
});

const model = z.strictObject({
  source: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/, { error: 'must be a Hugging Face repo id "org/name"' })
    .meta({ description: 'Hugging Face repo id.' }),
  revision: z
    .string({ error: 'must be a full 40-character commit SHA' })
    .regex(/^[0-9a-f]{40}$/, {
      error: 'must be a full 40-character commit SHA: a branch or tag name moves, which makes the build unreproducible',
    })
    .meta({ description: 'Exact commit SHA of the Hugging Face repo.' }),
  version: semverText.meta({ description: 'Semver of this model in your fleet; bump it to ship a new revision.' }),
  'max-input-len': z.number().int().min(1).meta({ description: 'Longest prompt, in tokens.' }),
  'max-seq-len': z.number().int().min(2).meta({ description: 'Longest prompt + output, in tokens; must exceed max-input-len.' }),
  params: z.number().positive().optional().meta({ description: 'Parameters in billions; enables the memory-fit check.' }),
  'kv-cache-dtype': z.enum(['auto', 'fp8', 'int8']).optional(),
  calibration: z
    .strictObject({ dataset: z.string().min(1), size: z.number().int().min(1) })
    .optional()
    .meta({ description: 'Calibration data of the quantized checkpoints: a dataset id or a file in the repository, and how many samples (default cnn_dailymail, 512); part of their fingerprint.' }),
  'trust-remote-code': z.boolean().optional(),
  'build-flags': flags.optional(),
});

const axisKeys = {
  model: z.array(name).min(1).optional(),
  gpu: z.array(name).min(1).optional(),
  precision: z.array(precision).min(1).optional(),
  batch: z.array(batchRange).min(1).optional(),
  tp: z.array(tp).min(1).optional(),
};
const combination = z.strictObject({
  model: name.optional(),
  gpu: name.optional(),
  precision: precision.optional(),
  batch: batchRange.optional(),
  tp: tp.optional(),
});

export const AXES = ['model', 'gpu', 'precision', 'batch', 'tp'] as const;
export type Axis = (typeof AXES)[number];

export const MatrixSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'must be 1' }),
    toolchains: z.strictObject({ trtllm, vllm }),
    serving: serving.optional().meta({ description: 'How the serving images are built and started: Runpod Serverless workers, the runners of engine-image jobs.' }),
    gpus: z.record(name, gpu).meta({ description: 'GPU families from the built-in catalogue (or your own, with their facts) and their runners.' }),
    models: z.record(name, model),
    matrix: z
      .strictObject({ ...axisKeys, exclude: z.array(combination).optional(), include: z.array(combination).optional() })
      .meta({ description: 'GitHub Actions strategy.matrix semantics: cartesian product of the axes, then exclude, then include.' }),
  })
  .meta({ title: 'engine-forge matrix', description: 'Model × GPU × precision × batch × TP matrix for engine-forge, version 1.' });

export type Matrix = z.infer<typeof MatrixSchema>;
export type Combination = z.infer<typeof combination>;
export type ModelSpec = Matrix['models'][string];
export type GpuSpec = Matrix['gpus'][string];
