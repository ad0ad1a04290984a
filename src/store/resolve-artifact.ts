import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { GPU_CATALOGUE } from '../core/gpus.js';
import type { Manifest } from '../core/manifest.js';
import { UserError, quote } from '../errors.js';
import { safeJoin } from './artifact-dir.js';
import type { ArtifactStore, TransferOptions } from './artifact-store.js';
import { manifestDataPrefix, manifestKey } from './layout.js';
import { asLocalWriteError } from './transfer/local-write.js';
import { formatBytes } from './transfer/progress.js';
import type { StoredArtifact } from './store.js';

export interface ResolveQuery {
  /** `name@<semver range>`; a bare name means any version. */
  model: string;
  gpu: string;
  precision: string;
  tp?: number | undefined;
  /** `min-max` for that exact batch range, or one number for any range that covers it. */
  batch?: string | undefined;
  /**
   * How the user names and sets `tp` and `batch` (`--tp 2` on the CLI, `'tp: 2'` in a workflow:
   * Settings), for the message that lists the cells an ambiguous query matches.
   */
  words?: NarrowingWords | undefined;
}

export interface NarrowingWords {
  label(name: 'tp' | 'batch'): string;
  assignment(name: 'tp' | 'batch', value: string): string;
}

const PLAIN_WORDS: NarrowingWords = { label: (name) => `'${name}'`, assignment: (name, value) => `${name}: ${value}` };

export interface Resolved {
  artifact: StoredArtifact;
  manifest: Manifest;
  /** The artifact's data (its files sit under this prefix). */
  uri: string;
  manifestUri: string;
  version: string;
  /** The vLLM image of the same model version and precision, when one was published. */
  image?: string;
  /** True when no engine matched and the vLLM image stands in (AMD GPUs always; NVIDIA when the engine is missing). */
  imageOnly?: boolean;
}

export function parseModelSpec(spec: string): { model: string; range: string } {
  const at = spec.lastIndexOf('@');
  const model = at < 0 ? spec : spec.slice(0, at);
  const range = at < 0 ? '*' : spec.slice(at + 1);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(model)) throw new UserError(`model: expected name@<semver range> (got ${quote(spec)})`);
  if (semver.validRange(range) === null) throw new UserError(`model: ${quote(range)} is not a semver range (got ${quote(spec)})`);
  return { model, range };
}

const CELL_ID = /^([^/]+)\/([^/]+)\/([^/]+)\/tp(\d+)\/b(\d+)-(\d+)$/;

/**
 * The highest model version in range with a complete artifact for the cell: one listing under
 * `manifests/engines/<model>/<gpu>/<precision>/` and one manifest read, however large the store.
 */
export async function resolveArtifact(store: ArtifactStore, query: ResolveQuery): Promise<Resolved> {
  const { model, range } = parseModelSpec(query.model);
  const batch = parseBatch(query.batch);
  const listed = await store.list('engine', `${model}/${query.gpu}/${query.precision}/`);
  const candidates = listed.filter((a) => {
    const m = CELL_ID.exec(a.id);
    if (!m || m[1] !== model || m[2] !== query.gpu || m[3] !== query.precision) return false;
    if (query.tp !== undefined && Number(m[4]) !== query.tp) return false;
    const [min, max] = [Number(m[5]), Number(m[6])];
    if (batch?.exact && (min !== batch.min || max !== batch.max)) return false;
    if (batch && !batch.exact && (batch.min < min || batch.min > max)) return false;
    return semver.valid(a.version) !== null && semver.satisfies(a.version, range);
  });
  const cell = `${model}@${range} on ${query.gpu} in ${query.precision}${query.tp ? ` tp${query.tp}` : ''}${query.batch ? ` batch ${query.batch}` : ''}`;
  const version = semver.maxSatisfying(
    candidates.map((a) => a.version),
    range,
  );
  if (!version) {
    const fallback = await imageFallback(store, model, range, query);
    if (fallback) return fallback;
    const versions = [...new Set(listed.map((a) => a.version))].sort(semver.rcompare);
    throw new UserError(
      `resolve: no complete artifact for ${cell} in ${store.location}` +
        (versions.length > 0 ? ` (versions stored for ${model}/${query.gpu}/${query.precision}: ${versions.join(', ')})` : ''),
    );
  }
  // Judged over every version in range: a deploy that asked for no TP must not silently get a
  // TP-2 engine because TP 2 happens to have the newest version.
  const slots = [...new Set(candidates.map((a) => a.id))].sort();
  if (slots.length > 1) throw ambiguous(cell, candidates, range, query.words ?? PLAIN_WORDS);
  const atVersion = candidates.filter((a) => a.version === version);
  // Several fingerprints of one cell and version (a toolchain bump): the newest complete one.
  const artifact = atVersion.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0]!;
  const manifest = await store.readManifest(artifact);
  const uri = store.uri(manifestDataPrefix(artifact, manifest.data));
  const manifestUri = store.uri(manifestKey(artifact));
  // A manifest whose data is gone must not hand a deploy a uri to nothing.
  const missing = await store.missingFiles(manifest);
  if (missing.length > 0) {
    throw new UserError(
      `resolve: ${artifact.id}@${version} is damaged: its manifest ${manifestUri} lists ${manifest.files.length} files, but ${missing.length} ` +
        `${missing.length === 1 ? 'is' : 'are'} gone from ${uri} (${missing.slice(0, 3).map((p) => quote(p)).join(', ')}${missing.length > 3 ? ', …' : ''}); ` +
        'delete that manifest and publish the cell again',
    );
  }
  const image = await findImage(store, model, query.precision, version);
  return {
    artifact,
    manifest,
    uri,
    manifestUri,
    version,
    ...(image ? { image } : {}),
  };
}

/**
 * No engine for the cell: the vLLM image of the GPU's vendor serves it instead — the only option
 * on AMD, and the fallback on NVIDIA while an engine is missing. Families outside the catalogue
 * count as NVIDIA.
 */
async function imageFallback(store: ArtifactStore, model: string, range: string, query: ResolveQuery): Promise<Resolved | undefined> {
  const vendor = GPU_CATALOGUE[query.gpu]?.vendor ?? 'nvidia';
  const id = `${model}/${query.precision}/${vendor}`;
  const images = (await store.list('image', id)).filter((a) => a.id === id && semver.valid(a.version) !== null && semver.satisfies(a.version, range));
  const version = semver.maxSatisfying(
    images.map((a) => a.version),
    range,
  );
  if (!version) return undefined;
  const artifact = images.filter((a) => a.version === version).sort((a, b) => b.modified.getTime() - a.modified.getTime())[0]!;
  const manifest = await store.readManifest(artifact);
  if (!manifest.image) return undefined;
  return { artifact, manifest, uri: '', manifestUri: store.uri(manifestKey(artifact)), version, image: manifest.image, imageOnly: true };
}

async function findImage(store: ArtifactStore, model: string, precision: string, version: string): Promise<string | undefined> {
  // TensorRT-LLM engines are NVIDIA-only, so the matching image is the NVIDIA one.
  const images = (await store.list('image', `${model}/${precision}/nvidia`)).filter((a) => a.id === `${model}/${precision}/nvidia` && a.version === version);
  const newest = images.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  if (!newest) return undefined;
  return (await store.readManifest(newest)).image;
}

/**
 * Several cells match: list each with the settings that pick it (only the ones that tell them
 * apart) and its newest version in range, so the user can copy the line they want.
 */
function ambiguous(cell: string, candidates: StoredArtifact[], range: string, words: NarrowingWords): UserError {
  const choices = [...new Set(candidates.map((a) => a.id))]
    .map((id) => {
      const m = CELL_ID.exec(id)!;
      const newest = semver.maxSatisfying(
        candidates.filter((a) => a.id === id).map((a) => a.version),
        range,
      );
      return { id, tp: m[4]!, batch: `${m[5]}-${m[6]}`, order: [Number(m[4]), Number(m[5]), Number(m[6])], newest };
    })
    .sort((a, b) => a.order[0]! - b.order[0]! || a.order[1]! - b.order[1]! || a.order[2]! - b.order[2]!);
  const differ = (key: 'tp' | 'batch') => new Set(choices.map((c) => c[key])).size > 1;
  const keys = (['tp', 'batch'] as const).filter(differ);
  const lines = choices.map((c) => `${keys.map((k) => words.assignment(k, c[k])).join(' ')}  →  ${c.id} (newest ${c.newest})`);
  return new UserError(`resolve: ${cell} matches ${choices.length} cells; pick one with ${keys.map((k) => words.label(k)).join(' and ')}:`, lines);
}

function parseBatch(batch: string | undefined): { min: number; max: number; exact: boolean } | undefined {
  if (batch === undefined || batch === '') return undefined;
  const range = /^(\d+)-(\d+)$/.exec(batch);
  if (range) return { min: Number(range[1]), max: Number(range[2]), exact: true };
  if (/^\d+$/.test(batch)) return { min: Number(batch), max: Number(batch), exact: false };
  throw new UserError(`batch: expected 'min-max' or a number (got ${quote(batch)})`);
}

/**
 * Downloads an artifact into `dir`: every path is checked before any byte moves, files land in a
 * temporary sibling directory, each is verified against the manifest, and only then does the
 * directory move into place. On any failure nothing is left at `dir`.
 */
export async function downloadArtifact(store: ArtifactStore, manifest: Manifest, dir: string, options: TransferOptions = {}): Promise<string> {
  const destination = path.resolve(dir);
  const seen = new Set<string>();
  for (const f of manifest.files) {
    safeJoin(destination, f.path);
    if (seen.has(f.path)) throw new UserError(`manifest: file path ${quote(f.path)} appears twice; refusing it`);
    seen.add(f.path);
  }
  const existing = await readdir(destination).catch(() => undefined);
  if (existing && existing.length > 0) throw new UserError(`download: ${quote(dir)} exists and is not empty; give an empty or new directory`);
  await mkdir(path.dirname(destination), { recursive: true });
  await assertRoom(path.dirname(destination), dir, manifest.files.reduce((n, f) => n + f.size, 0));
  const temporary = `${destination}.partial-${randomBytes(6).toString('hex')}`;
  await mkdir(temporary);
  try {
    await store.fetchFiles(manifest, temporary, options);
    // rename(2) replaces an empty directory atomically.
    await rename(temporary, destination);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    const local = asLocalWriteError(error);
    if (local) throw new UserError(`download: cannot write into ${quote(dir)}: ${local.message}; nothing was left there`);
    throw error;
  }
  return destination;
}

/**
 * A 70 GB engine should not fail at 69 GB: refuse up front when the file system holding `parent`
 * has less room than the artifact (what other writers do meanwhile still shows up as ENOSPC).
 */
async function assertRoom(parent: string, dir: string, bytes: number): Promise<void> {
  const fs = await statfs(parent).catch(() => undefined);
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  if (free < bytes) {
    throw new UserError(`download: ${quote(dir)} has ${formatBytes(free)} free and the artifact needs ${formatBytes(bytes)}; free some space or download elsewhere`);
  }
}
