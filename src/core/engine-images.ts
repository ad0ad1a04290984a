import type { EngineCell } from './cells.js';
import { fingerprint, type Inputs } from './fingerprint.js';
import { gpuFacts } from './gpus.js';
import type { Matrix } from './schema.js';

/**
 * Bump when the engine image recipe (Dockerfile layout, entry point, worker) changes what an
 * engine image contains, so every engine image is rebuilt once.
 */
export const ENGINE_IMAGE_RECIPE_VERSION = 1;

/**
 * Bump when the Runpod worker (its script, the SDK pin, its Dockerfile lines) changes: it is an
 * input of every serverless image, vLLM and TensorRT-LLM alike, and of no other image.
 */
export const SERVERLESS_WORKER_VERSION = 1;

/**
 * The TensorRT-LLM serving image of one engine cell: `FROM` the cell's toolchain image, with the
 * cell's stored artifact baked in. Its id is the cell's id (five parts, so it never collides with
 * a vLLM image id, `model/precision/vendor`, in the store's `image` listing).
 */
export interface EngineImageSpec {
  id: string;
  model: string;
  version: string;
  source: string;
  revision: string;
  gpu: string;
  precision: EngineCell['precision'];
  tp: number;
  batchMax: number;
  maxSeqLen: number;
  backend: 'pytorch' | 'tensorrt';
  trtllmVersion: string;
  baseImage: string;
  /** What the entry point checks the GPUs against. */
  gpuFacts: { family: string; computeCapability: string; smiNames: string[] };
  /** The engine artifact this image serves (exact fingerprint). */
  engine: { id: string; fingerprint: string };
  /** The checkpoint a PyTorch-backend cell serves, baked beside its serving config. */
  checkpoint?: string;
  serverless?: 'runpod';
  /** `fetch`: the artifact is downloaded and verified at start rather than baked in. */
  artifact: 'bake' | 'fetch';
  runsOn: string[];
  fingerprint: string;
  inputs: Inputs;
  digests: Record<string, string>;
  signature: string;
  unsupported?: string;
}

/**
 * One engine image per engine cell. Its fingerprint holds what the image is made of — the engine's
 * fingerprint (a new engine), the base image (a new TensorRT-LLM image), the recipe version and the
 * serverless setting — so the plan can say which of them moved.
 */
export function deriveEngineImages(matrix: Matrix, engines: readonly EngineCell[]): EngineImageSpec[] {
  const trtllm = matrix.toolchains.trtllm;
  const serverless = matrix.serving?.serverless;
  const runsOn = matrix.serving?.['runs-on'] ?? matrix.toolchains.vllm['runs-on'];
  const artifact = matrix.serving?.artifact ?? 'bake';
  return engines.map((cell): EngineImageSpec => {
    const facts = gpuFacts(matrix, cell.gpu);
    const inputs: Inputs = {
      recipe: ENGINE_IMAGE_RECIPE_VERSION,
      // Implied by the engine's fingerprint; named so the store's version claim sees which model it is.
      source: cell.source,
      revision: cell.revision,
      engine: cell.id,
      'engine-fingerprint': cell.fingerprint,
      'trtllm-image': trtllm.image,
      ...(serverless !== undefined ? { serverless, worker: SERVERLESS_WORKER_VERSION } : {}),
      // Absent when baked (the default), so turning fetch on moves only the images it changes.
      ...(artifact === 'fetch' ? { artifact } : {}),
    };
    const unsupported =
      cell.unsupported !== undefined
        ? `its engine cannot be built: ${cell.unsupported}`
        : facts.computeCapability === undefined
          ? `GPU family ${cell.gpu} has no compute capability to check at start: declare gpus.${cell.gpu}.compute-capability`
          : artifact === 'fetch' && trtllm.backend !== 'tensorrt'
            ? 'serving.artifact fetch needs toolchains.trtllm.backend tensorrt: on the PyTorch path the artifact is a serving config and the weights are a checkpoint, which is baked'
            : undefined;
    return {
      id: cell.id,
      model: cell.model,
      version: cell.version,
      source: cell.source,
      revision: cell.revision,
      gpu: cell.gpu,
      precision: cell.precision,
      tp: cell.tp,
      batchMax: cell.batch.max,
      maxSeqLen: cell.maxSeqLen,
      backend: trtllm.backend,
      trtllmVersion: trtllm.version,
      baseImage: trtllm.image,
      gpuFacts: { family: cell.gpu, computeCapability: facts.computeCapability ?? '', smiNames: facts.smiNames },
      engine: { id: cell.id, fingerprint: cell.fingerprint },
      ...(cell.checkpoint !== undefined ? { checkpoint: cell.checkpoint } : {}),
      ...(serverless !== undefined ? { serverless } : {}),
      artifact,
      runsOn,
      ...fingerprint('image', inputs),
      inputs,
      ...(unsupported !== undefined ? { unsupported } : {}),
    };
  });
}
