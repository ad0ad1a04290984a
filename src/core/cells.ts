import { expandMatrix, type Combination as RawCombination } from './expand.js';
import { fingerprint, type Inputs } from './fingerprint.js';
import { GPU_CATALOGUE, type GpuFacts, type Vendor } from './gpus.js';
import type { Precision } from './precision.js';
import { ENGINE_RULES, firstProblems, IMAGE_RULES, type RuleInput } from './rules.js';
import { AXES, type Matrix } from './schema.js';

export type { Precision, Vendor };

/**
 * Bump when the image recipe (generated Dockerfile, entrypoint) changes what an image contains,
 * so every image is rebuilt once.
 */
export const IMAGE_RECIPE_VERSION = 1;

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
  fingerprint: string;
  inputs: Inputs;
  digests: Record<string, string>;
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
  fingerprint: string;
  inputs: Inputs;
  digests: Record<string, string>;
  unsupported?: string;
}

export function cellId(c: { model: string; gpu: string; precision: string; tp: number; batch: string }): string {
  return `${c.model}/${c.gpu}/${c.precision}/tp${c.tp}/b${c.batch}`;
}

export function imageId(model: string, precision: string, vendor: Vendor): string {
  return `${model}/${precision}/${vendor}`;
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

/** Matrix → engine cells and vLLM image specs, each with its fingerprint and verdict. Pure. */
export function deriveCells(matrix: Matrix): { engines: EngineCell[]; images: ImageSpec[] } {
  const byId = new Map<string, EngineCell>();
  const imageCells = new Map<string, { cell: EngineCell; imageProblem: string | undefined }[]>();
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
      calibration: model.calibration,
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
    const cell: EngineCell = {
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
      ...fingerprint('engine', inputs),
      inputs,
      ...(unsupported !== undefined ? { unsupported } : {}),
    };
    byId.set(id, cell);
    const group = imageId(combo.model, combo.precision, facts.vendor);
    const members = imageCells.get(group) ?? [];
    members.push({ cell, imageProblem: firstProblems(IMAGE_RULES, rule) });
    imageCells.set(group, members);
  }

  const engines = [...byId.values()].sort((a, b) => compareText(a.id, b.id));
  const images = [...imageCells.entries()].map(([id, members]) => imageSpec(matrix, id, members)).sort((a, b) => compareText(a.id, b.id));
  return { engines, images };
}

function imageSpec(matrix: Matrix, id: string, members: { cell: EngineCell; imageProblem: string | undefined }[]): ImageSpec {
  const first = members[0]!.cell;
  const vllm = matrix.toolchains.vllm;
  const model = matrix.models[first.model]!;
  const servable = members.filter((m) => m.imageProblem === undefined).map((m) => m.cell);
  const basis = servable.length > 0 ? servable : members.map((m) => m.cell);
  const baseImage = first.vendor === 'amd' ? vllm['rocm-image'] : vllm.image;
  let unsupported: string | undefined;
  if (servable.length === 0) unsupported = `no cell of this image can be served: ${members[0]!.imageProblem}`;
  else if (baseImage === undefined) unsupported = 'toolchains.vllm.rocm-image is not set, so there is no ROCm base image for AMD GPUs';

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
    bakeWeights: vllm['bake-weights'],
    trustRemoteCode: model['trust-remote-code'] ?? false,
    runsOn: vllm['runs-on'],
    cells: members.map((m) => m.cell.id).sort(compareText),
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
