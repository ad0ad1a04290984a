/**
 * Does this runner fit this cell? The pure half of `build`'s pre-flight: the runner's facts
 * (read by src/build/preflight.ts) against the cell and its estimated needs (src/core/needs.ts).
 * Every refusal names both sides — what the cell wants and what the runner has — and, for
 * memory and disk, how much is missing.
 */
import type { CellNeeds, RunnerFacts } from './runner-facts.js';
import { gpuFacts } from './cells.js';
import { familyForSmiName, GPU_CATALOGUE, type GpuFacts } from './gpus.js';
import { GiB } from './needs.js';
import type { Matrix } from './schema.js';

/** The fields of a plan's engine cell that pre-flight reads. */
export interface PreflightCell {
  id: string;
  gpu: string;
  tp: number;
  runsOn?: string[];
}

export interface PreflightResult {
  /** Why this runner cannot build the cell; empty when it can. */
  problems: string[];
  /** nvidia-smi indices of the GPUs the cell should use: `tp` of its family with room, lowest first. */
  gpus: number[];
}

type RunnerGpu = RunnerFacts['gpus'][number];

/**
 * Families a runner's GPUs are matched against: the matrix's own first (their `smi-names` win,
 * so a custom family can claim a product name), then the rest of the catalogue, so a runner of
 * another family is named as such rather than as "unknown".
 */
export function runnerFamilies(matrix: Matrix): Record<string, GpuFacts> {
  const families: Record<string, GpuFacts> = {};
  for (const family of Object.keys(matrix.gpus)) families[family] = gpuFacts(matrix, family);
  for (const [family, facts] of Object.entries(GPU_CATALOGUE)) families[family] ??= facts;
  return families;
}

export function preflightProblems(cell: PreflightCell, facts: RunnerFacts, needs: CellNeeds, families: Readonly<Record<string, GpuFacts>>): string[] {
  return checkRunner(cell, facts, needs, families).problems;
}

/** The checks, plus the GPUs to use when they pass. */
export function checkRunner(cell: PreflightCell, facts: RunnerFacts, needs: CellNeeds, families: Readonly<Record<string, GpuFacts>>): PreflightResult {
  const problems: string[] = [];
  const gpus = checkGpus(cell, facts, needs, families, problems);
  checkHostMemory(facts, needs, problems);
  checkDisks(facts, needs, problems);
  return { problems, gpus: problems.length === 0 ? gpus : [] };
}

function checkGpus(cell: PreflightCell, facts: RunnerFacts, needs: CellNeeds, families: Readonly<Record<string, GpuFacts>>, problems: string[]): number[] {
  const want = families[cell.gpu];
  const wanted = want && want.smiNames.length > 0 ? ` (${want.smiNames.join(' or ')})` : '';
  const elsewhere = cell.runsOn && cell.runsOn.length > 0 ? `; run it on a runner labelled ${JSON.stringify(cell.runsOn)}` : '';
  if (facts.gpus.length === 0) {
    problems.push(`cell ${cell.id} needs ${cell.tp} × ${cell.gpu}${wanted}, but nvidia-smi lists no GPU on this runner${elsewhere}`);
    return [];
  }
  // Matched against the cell's own family, so two declared families sharing a product name
  // (a custom `h100-sxm` beside `h100`) both accept it.
  const names = new Set((want?.smiNames ?? []).map((n) => n.toLowerCase()));
  const ours = facts.gpus.filter((g) => names.has(g.name.trim().toLowerCase()));
  if (ours.length === 0) {
    const unknown = facts.gpus.find((g) => familyForSmiName(g.name, families) === undefined);
    const advice = unknown
      ? `; if ${JSON.stringify(unknown.name)} is a ${cell.gpu}, add that name to gpus.${cell.gpu}.smi-names in the matrix`
      : `: an engine runs only on the GPU model it was built for${elsewhere}`;
    problems.push(`wrong GPU: cell ${cell.id} is for ${cell.gpu}${wanted}, but this runner has ${describeGpus(facts.gpus, families)}${advice}`);
    return [];
  }

  const cc = want?.computeCapability;
  const mismatched = cc === undefined ? [] : ours.filter((g) => g.computeCapability !== cc);
  for (const g of mismatched) {
    problems.push(
      `compute capability: GPU ${g.index} (${g.name}) reports ${g.computeCapability}, but ${cell.gpu} is declared as ${cc} (gpus.${cell.gpu}.compute-capability or the catalogue); an engine built here would not be for ${cell.gpu}`,
    );
  }
  if (ours.length < cell.tp) {
    problems.push(
      `GPU count: tp ${cell.tp} needs ${cell.tp} ${cell.gpu} GPUs, but this runner has ${ours.length} (${describeGpus(facts.gpus, families)}): ${cell.tp - ours.length} missing${elsewhere}`,
    );
    return [];
  }

  const need = needs.gpuMemoryBytes;
  if (need === undefined) return ours.slice(0, cell.tp).map((g) => g.index);
  // nvidia-smi's [N/A] (NaN) is unknown, not short: such a GPU is given the benefit of the doubt.
  const roomy = ours.filter((g) => !(freeBytes(g) < need));
  if (roomy.length >= cell.tp) return roomy.slice(0, cell.tp).map((g) => g.index);
  const short = ours.filter((g) => freeBytes(g) < need);
  const details = short.map((g) => `GPU ${g.index} has ${gib(freeBytes(g))} free of ${gib(mib(g.memoryMiB))} (${gib(mib(g.memoryUsedMiB))} in use): ${gib(need - freeBytes(g))} missing`);
  problems.push(
    `GPU memory: cell ${cell.id} needs ${gib(need)} free on each of ${cell.tp} GPU${cell.tp > 1 ? 's' : ''} (its weights at tp ${cell.tp}, KV cache and runtime), ` +
      `but only ${roomy.length} of this runner's ${ours.length} ${cell.gpu} GPUs ${roomy.length === 1 ? 'has' : 'have'} that much: ${details.join('; ')}` +
      (short.some((g) => g.memoryUsedMiB > 0) ? '; another process holds that memory (see nvidia-smi)' : ''),
  );
  return [];
}

function checkHostMemory(facts: RunnerFacts, needs: CellNeeds, problems: string[]): void {
  const need = needs.hostMemoryBytes;
  const { availableBytes, totalBytes, cgroup } = facts.hostMemory;
  if (need === undefined || availableBytes >= need) return;
  const of = cgroup ? `of the ${gib(totalBytes)} its cgroup allows, ${cgroup.where}` : `of ${gib(totalBytes)}`;
  problems.push(
    `host memory: the cell needs ${gib(need)} of RAM to load and convert the model, but this runner has ${gib(availableBytes)} available (${of}): ${gib(need - availableBytes)} missing` +
      (totalBytes >= need ? '; other processes hold the rest' : ''),
  );
}

/** Needs of directories on one filesystem add up; the filesystem is known by its device number. */
function checkDisks(facts: RunnerFacts, needs: CellNeeds, problems: string[]): void {
  const groups = new Map<string, { disks: RunnerFacts['disks']; free: number; need: number }>();
  for (const disk of facts.disks) {
    const key = disk.device !== undefined ? `dev:${disk.device}` : `path:${disk.path}`;
    const group = groups.get(key) ?? { disks: [], free: disk.freeBytes, need: 0 };
    group.disks.push(disk);
    group.need += needs.disk.filter((n) => n.role === disk.role).reduce((sum, n) => sum + n.bytes, 0);
    groups.set(key, group);
  }
  for (const { disks, free, need } of groups.values()) {
    if (need <= free) continue;
    const named = disks.map((d) => `${d.role} ${d.path}`).join(' and ');
    const parts = disks.length > 1 ? ` together (${disks.map((d) => `${d.role} ${gib(needs.disk.filter((n) => n.role === d.role).reduce((s, n) => s + n.bytes, 0))}`).join(', ')})` : '';
    problems.push(`disk: ${named} ${disks.length > 1 ? 'share a filesystem that has' : 'has'} ${gib(free)} free, but the cell writes ${gib(need)} there${parts}: ${gib(need - free)} missing`);
  }
}

function describeGpus(gpus: readonly RunnerGpu[], families: Readonly<Record<string, GpuFacts>>): string {
  const counts = new Map<string, number>();
  for (const g of gpus) counts.set(g.name, (counts.get(g.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${n} × ${name} (${familyForSmiName(name, families) ?? 'not in the catalogue'})`).join(', ');
}

const mib = (n: number): number => n * 1024 * 1024;
const freeBytes = (g: RunnerGpu): number => mib(g.memoryMiB - g.memoryUsedMiB);
const gib = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;
