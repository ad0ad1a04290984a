import { expandMatrix, type Combination as RawCombination } from './expand.js';
import { fingerprint, type Inputs } from './fingerprint.js';
import { gpuFacts, type Vendor } from './gpus.js';
import { SERVERLESS_WORKER_VERSION } from './engine-images.js';
import { checkpointId, deriveCheckpoints, engineNeedsCheckpoint, type CheckpointCell } from './checkpoints.js';
import { vllmServesCheckpoint, type Precision } from './precision.js';
import { ENGINE_RULES, firstProblems, IMAGE_RULES, type RuleInput } from './rules.js';
import { AXES, type Matrix } from './schema.js';

export type { Precision, Vendor };
export { gpuFacts };

/**
 * Bump when the image recipe (generated Dockerfile, entrypoint) changes what an image contains,
 * so every image is rebuilt once.
 */
export const IMAGE_RECIPE_VERSION = 2;

export interface EngineCell {
  /** The slot this cell fills, independent of model version: 'llama-3.1-8b/h100/fp8/tp1/b1-64'. */
  id: string;
  model: string;
  version: string;
  source: string;
  revision: string;
  gpu: string;
  vendor: Vendor;
  precision: Precision;
  tp: number;
  batch: { min: number; max: number };
  maxInputLen: number;
  maxSeqLen: number;
  runsOn: string[];
  /** Id of the quantized checkpoint this cell starts from (see deriveCells' `checkpoints`). */
  checkpoint?: string;
  fingerprint: string;
  inputs: Inputs;
  digests: Record<string, string>;
  /** Group digests for the store key: `m…t…c…`. */
  signature: string;
  unsupported?: string;
}

export interface ImageSpec {
  /** 'llama-3.1-8b/fp8/nvidia': one vLLM image per model version × precision × vendor. */
  id: string;
  model: string;
  version: string;
  source: string;
  revision: string;
  precision: Precision;
  vendor: Vendor;
  baseImage: string;
  vllmVersion: string;
  maxModelLen: number;
  maxNumSeqs: number;
  tensorParallelSize: number;
  bakeWeights: boolean;
  trustRemoteCode: boolean;
  runsOn: string[];
  /** Engine cell ids this image serves. */
  cells: string[];
  /** The ModelOpt checkpoint the image serves (FP8/NVFP4 on NVIDIA), instead of the source weights. */
  checkpoint?: { id: string; fingerprint: string };
  /** `serving.serverless`: the image is also a Runpod worker. */
  serverless?: 'runpod';
  fingerprint: string;
  inputs: Inputs;
  digests: Record<string, string>;
  /** Group digests for the store key: `m…t…c…`. */
  signature: string;
  unsupported?: string;
}

export function cellId(c: { model: string; gpu: string; precision: string; tp: number; batch: string }): string {
  return `${c.model}/${c.gpu}/${c.precision}/tp${c.tp}/b${c.batch}`;
}

export function imageId(model: string, precision: string, vendor: Vendor): string {
  return `${model}/${precision}/${vendor}`;
}

interface Combo {
  model: string;
  gpu: string;
  precision: Precision;
  batch: string;
  tp: number;
}

/** Expanded combinations that carry all five keys; the parser guarantees references resolve. */
export function combinations(matrix: Matrix): { combos: Combo[]; incomplete: RawCombination[] } {
  const section = matrix.matrix;
  const axes = AXES.filter((axis) => section[axis] !== undefined).map((axis) => [axis, section[axis]!] as const);
  const raw = expandMatrix({ axes, exclude: (section.exclude ?? []) as RawCombination[], include: (section.include ?? []) as RawCombination[] });
  const combos: Combo[] = [];
  const incomplete: RawCombination[] = [];
  for (const c of raw) {
    if (AXES.every((axis) => c[axis] !== undefined)) combos.push(c as unknown as Combo);
    else incomplete.push(c);
  }
  return { combos, incomplete };
}

export interface DerivedCells {
  engines: EngineCell[];
  images: ImageSpec[];
  /** The quantized checkpoints the engines and images start from, one per model × precision. */
  checkpoints: CheckpointCell[];
}

type DraftCell = Omit<EngineCell, 'fingerprint' | 'digests' | 'signature'>;

/**
 * Matrix → engine cells, quantized checkpoints and vLLM image specs, each with its fingerprint
 * and verdict. Pure. A cell's fingerprint includes its checkpoint's, so the checkpoints are derived
 * from the cells' slots first and the fingerprints come last.
 */
export function deriveCells(matrix: Matrix): DerivedCells {
  const byId = new Map<string, DraftCell>();
  const imageProblems = new Map<string, string | undefined>();
  const trtllm = matrix.toolchains.trtllm;

  for (const combo of combinations(matrix).combos) {
    const id = cellId(combo);
    if (byId.has(id)) continue; // an include repeating a product combination adds nothing
    const model = matrix.models[combo.model]!;
    const gpu = matrix.gpus[combo.gpu]!;
    const facts = gpuFacts(matrix, combo.gpu);
    const [min, max] = combo.batch.split('-').map(Number) as [number, number];
    const inputs: Inputs = dropUndefined({
      source: model.source,
      revision: model.revision,
      version: model.version,
      'max-input-len': model['max-input-len'],
      'max-seq-len': model['max-seq-len'],
      'kv-cache-dtype': model['kv-cache-dtype'],
      'trust-remote-code': model['trust-remote-code'],
      gpu: combo.gpu,
      'compute-capability': facts.computeCapability,
      precision: combo.precision,
      batch: combo.batch,
      tp: combo.tp,
      trtllm: trtllm.version,
      'trtllm-image': trtllm.image,
      backend: trtllm.backend,
      'build-flags': mergeFlags(trtllm['build-flags'], model['build-flags']),
    });
    const rule: RuleInput = { gpu: combo.gpu, facts, count: gpu.count, precision: combo.precision, tp: combo.tp, trtllm, ...(model.params !== undefined ? { params: model.params } : {}) };
    const unsupported = firstProblems(ENGINE_RULES, rule);
    const cell: DraftCell = {
      id,
      model: combo.model,
      version: model.version,
      source: model.source,
      revision: model.revision,
      gpu: combo.gpu,
      vendor: facts.vendor,
      precision: combo.precision,
      tp: combo.tp,
      batch: { min, max },
      maxInputLen: model['max-input-len'],
      maxSeqLen: model['max-seq-len'],
      runsOn: gpu['runs-on'],
      inputs,
      ...(unsupported !== undefined ? { unsupported } : {}),
    };
    byId.set(id, cell);
    imageProblems.set(id, firstProblems(IMAGE_RULES, rule));
  }

  const drafts = [...byId.values()].sort((a, b) => compareText(a.id, b.id));
  const checkpoints = deriveCheckpoints(matrix, drafts);
  const checkpointById = new Map(checkpoints.map((c) => [c.id, c]));
  const backend = trtllm.backend;
  const imageCells = new Map<string, { cell: EngineCell; imageProblem: string | undefined }[]>();
  const engines = drafts.map((draft): EngineCell => {
    const checkpoint = engineNeedsCheckpoint(draft.precision, backend) ? checkpointById.get(checkpointId(draft.model, draft.precision)) : undefined;
    const cell = withCheckpoint(draft, checkpoint);
    const group = imageId(cell.model, cell.precision, cell.vendor);
    const members = imageCells.get(group) ?? [];
    members.push({ cell, imageProblem: imageProblems.get(cell.id) });
    imageCells.set(group, members);
    return cell;
  });
  const images = [...imageCells.entries()].map(([id, members]) => imageSpec(matrix, id, members, checkpointById)).sort((a, b) => compareText(a.id, b.id));
  return { engines, images, checkpoints: withoutIdleCheckpoints(checkpoints, engines, images) };
}

/**
 * The engine cell with its checkpoint among its inputs: the id and the fingerprint, so that a
 * recalibration (new calibration data, a new quantizer) rebuilds the engine, while a GPU family
 * added to the matrix changes neither. A checkpoint that cannot be made makes its cells unsupported.
 */
function withCheckpoint(draft: DraftCell, checkpoint: CheckpointCell | undefined): EngineCell {
  if (checkpoint === undefined) return { ...draft, ...fingerprint('engine', draft.inputs) };
  // Calibration is an input only of the cells it affects (the fingerprint of the checkpoint holds it
  // too; named here, a change reads as itself in the plan rather than as a new fingerprint).
  const inputs: Inputs = { ...draft.inputs, calibration: checkpoint.calibration, checkpoint: checkpoint.id, 'checkpoint-fingerprint': checkpoint.fingerprint };
  const unsupported = draft.unsupported ?? (checkpoint.unsupported !== undefined ? `its checkpoint ${checkpoint.id} cannot be made: ${checkpoint.unsupported}` : undefined);
  return { ...draft, checkpoint: checkpoint.id, ...fingerprint('engine', inputs), inputs, ...(unsupported !== undefined ? { unsupported } : {}) };
}

/** A checkpoint that no supported cell or image would use costs a calibration for nothing. */
function withoutIdleCheckpoints(checkpoints: CheckpointCell[], engines: readonly EngineCell[], images: readonly ImageSpec[]): CheckpointCell[] {
  const used = new Set<string>();
  for (const e of engines) if (e.checkpoint !== undefined && e.unsupported === undefined) used.add(e.checkpoint);
  for (const i of images) if (i.checkpoint !== undefined && i.unsupported === undefined) used.add(i.checkpoint.id);
  return checkpoints.map((c) => {
    if (c.unsupported !== undefined || used.has(c.id)) return c;
    const reason = engines.find((e) => e.checkpoint === c.id)?.unsupported ?? 'no cell uses it';
    return { ...c, unsupported: `no supported cell or image would use it (${c.cells[0] ?? c.id}: ${reason})` };
  });
}

function imageSpec(
  matrix: Matrix,
  id: string,
  members: { cell: EngineCell; imageProblem: string | undefined }[],
  checkpoints: ReadonlyMap<string, CheckpointCell>,
): ImageSpec {
  const first = members[0]!.cell;
  const vllm = matrix.toolchains.vllm;
  const model = matrix.models[first.model]!;
  const servable = members.filter((m) => m.imageProblem === undefined).map((m) => m.cell);
  const basis = servable.length > 0 ? servable : members.map((m) => m.cell);
  const baseImage = first.vendor === 'amd' ? vllm['rocm-image'] : vllm.image;
  // FP8 and NVFP4 images on NVIDIA serve the calibrated ModelOpt checkpoint, never the source weights.
  const checkpoint = vllmServesCheckpoint(first.precision, first.vendor) ? checkpoints.get(checkpointId(first.model, first.precision)) : undefined;
  let unsupported: string | undefined;
  if (servable.length === 0) unsupported = `no cell of this image can be served: ${members[0]!.imageProblem}`;
  else if (baseImage === undefined) unsupported = 'toolchains.vllm.rocm-image is not set, so there is no ROCm base image for AMD GPUs';
  else if (vllmServesCheckpoint(first.precision, first.vendor) && checkpoint === undefined) unsupported = `no ${first.precision} checkpoint is derived for ${first.model}, and vLLM must not serve unquantized weights as ${first.precision}`;
  else if (checkpoint?.unsupported !== undefined) unsupported = `its checkpoint ${checkpoint.id} cannot be made: ${checkpoint.unsupported}`;

  const spec = {
    id,
    model: first.model,
    version: first.version,
    source: first.source,
    revision: first.revision,
    precision: first.precision,
    vendor: first.vendor,
    baseImage: baseImage ?? '',
    vllmVersion: vllm.version,
    maxModelLen: first.maxSeqLen,
    maxNumSeqs: Math.max(...basis.map((c) => c.batch.max)),
    tensorParallelSize: Math.min(...basis.map((c) => c.tp)),
    // The checkpoint exists only in the store, which a serving container cannot reach: it is baked in.
    bakeWeights: checkpoint !== undefined || vllm['bake-weights'],
    trustRemoteCode: model['trust-remote-code'] ?? false,
    runsOn: vllm['runs-on'],
    cells: members.map((m) => m.cell.id).sort(compareText),
    ...(checkpoint !== undefined ? { checkpoint: { id: checkpoint.id, fingerprint: checkpoint.fingerprint } } : {}),
    ...(matrix.serving?.serverless !== undefined ? { serverless: matrix.serving.serverless } : {}),
  };
  const inputs: Inputs = dropUndefined({
    recipe: IMAGE_RECIPE_VERSION,
    source: spec.source,
    revision: spec.revision,
    version: spec.version,
    precision: spec.precision,
    vendor: spec.vendor,
    vllm: spec.vllmVersion,
    'vllm-image': spec.baseImage,
    'max-model-len': spec.maxModelLen,
    'max-num-seqs': spec.maxNumSeqs,
    'tensor-parallel-size': spec.tensorParallelSize,
    'kv-cache-dtype': model['kv-cache-dtype'],
    'trust-remote-code': model['trust-remote-code'],
    'bake-weights': spec.bakeWeights,
    checkpoint: spec.checkpoint?.id,
    'checkpoint-fingerprint': spec.checkpoint?.fingerprint,
    // Absent unless set, so images of a matrix without serverless workers keep their fingerprints.
    serverless: spec.serverless,
    worker: spec.serverless !== undefined ? SERVERLESS_WORKER_VERSION : undefined,
  });
  return { ...spec, ...fingerprint('image', inputs), inputs, ...(unsupported !== undefined ? { unsupported } : {}) };
}

function mergeFlags(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return a === undefined && b === undefined ? undefined : { ...a, ...b };
}

function dropUndefined(inputs: Inputs): Inputs {
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined));
}

/** Code-unit order: stable across locales, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
