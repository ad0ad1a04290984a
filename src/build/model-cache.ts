import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { quote, UserError } from '../errors.js';
import type { Toolchain } from './types.js';

/**
 * The model at its pinned revision, downloaded with `hf download` into the runner's cache-dir and
 * kept across jobs: `<cache-dir>/models/<org>/<name>/<revision>/`. A completion marker, written
 * only after the download was checked against the revision, lets the next cell of the same model
 * on this runner download nothing.
 */
export interface ModelSource {
  source: string;
  revision: string;
}

export interface ModelCacheContext {
  toolchain: Toolchain;
  cacheDir: string;
  /** HF_TOKEN: passed to `hf` through its environment only, never in argv, a log or a file. */
  token: string | undefined;
  signal: AbortSignal;
}

export interface CachedModel {
  dir: string;
  /** True when nothing was downloaded (the marker was there). */
  cached: boolean;
  files: number;
  bytes: number;
}

const MARKER = '.engine-forge-complete.json';
const DOWNLOAD_TIMEOUT_MS = 4 * 60 * 60 * 1000;

interface Marker {
  source: string;
  revision: string;
  files: { path: string; size: number }[];
}

export function modelDir(cacheDir: string, model: ModelSource): string {
  return path.join(cacheDir, 'models', ...model.source.split('/'), model.revision);
}

/** config.json alone (for the pre-flight estimate): from the complete copy when there is one, else one small download. */
export async function fetchModelConfig(ctx: ModelCacheContext, model: ModelSource): Promise<Record<string, unknown>> {
  const dir = modelDir(ctx.cacheDir, model);
  if (!(await completeCopy(dir, model))) await download(ctx, model, dir, ['config.json']);
  const file = path.join(dir, 'config.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`model ${quote(model.source)}@${model.revision.slice(0, 12)}: config.json is missing or not JSON (${(error as Error).message})`);
  }
}

/** The whole model: reused when a verified copy is already in cache-dir, else downloaded, checked and marked. */
export async function fetchModel(ctx: ModelCacheContext, model: ModelSource): Promise<CachedModel> {
  const dir = modelDir(ctx.cacheDir, model);
  const marker = await completeCopy(dir, model);
  if (marker) return { dir, cached: true, files: marker.files.length, bytes: marker.files.reduce((n, f) => n + f.size, 0) };
  await download(ctx, model, dir, []);
  await checkRevision(dir, model);
  const files = await listFiles(dir);
  const written: Marker = { source: model.source, revision: model.revision, files };
  // Write-then-rename: a marker is either whole or absent.
  await writeFile(path.join(dir, `${MARKER}.tmp`), `${JSON.stringify(written)}\n`);
  await rename(path.join(dir, `${MARKER}.tmp`), path.join(dir, MARKER));
  return { dir, cached: false, files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) };
}

/** Whether a verified copy of the model is already in cache-dir (nothing would be downloaded). */
export async function isCached(cacheDir: string, model: ModelSource): Promise<boolean> {
  return (await completeCopy(modelDir(cacheDir, model), model)) !== undefined;
}

/** The marker, when it names this revision and every file it lists is still there at its size. */
async function completeCopy(dir: string, model: ModelSource): Promise<Marker | undefined> {
  let marker: Marker;
  try {
    marker = JSON.parse(await readFile(path.join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
  if (marker.source !== model.source || marker.revision !== model.revision || !Array.isArray(marker.files)) return undefined;
  for (const f of marker.files) {
    const info = await stat(path.join(dir, f.path)).catch(() => undefined);
    if (!info || info.size !== f.size) return undefined;
  }
  return marker;
}

async function download(ctx: ModelCacheContext, model: ModelSource, dir: string, files: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const env: Record<string, string> = { HF_HUB_DISABLE_PROGRESS_BARS: '1' };
  if (ctx.token) env.HF_TOKEN = ctx.token;
  try {
    await ctx.toolchain.run(
      {
        name: files.length > 0 ? `download ${files.join(', ')}` : 'download model',
        argv: ['hf', 'download', model.source, ...files, '--revision', model.revision, '--local-dir', dir],
        env,
        timeoutMs: DOWNLOAD_TIMEOUT_MS,
      },
      ctx.signal,
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const text = `${(error as Error).message}\n${((error as { tail?: string[] }).tail ?? []).join('\n')}`;
    if (/gated|restricted|requires approval|access denied|\b40[13]\b|authenticat/i.test(text)) {
      throw new UserError(
        ctx.token
          ? `model ${quote(model.source)} is gated and the Hugging Face token in HF_TOKEN has no access to it: request access on the model's page with the token's account`
          : `model ${quote(model.source)} is gated and HF_TOKEN is not set: add 'env: { HF_TOKEN: \${{ secrets.HF_TOKEN }} }' to the build step (a token whose account was granted access)`,
      );
    }
    throw error;
  }
}

/**
 * `hf download --local-dir` records, per file, the commit it came from in
 * `.cache/huggingface/download/<path>.metadata` (first line). Every file must come from the pinned revision.
 */
async function checkRevision(dir: string, model: ModelSource): Promise<void> {
  const metaRoot = path.join(dir, '.cache', 'huggingface', 'download');
  const metadata = (await readdir(metaRoot, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.metadata'));
  if (metadata.length === 0) {
    throw new UserError(`model ${quote(model.source)}: hf download left no metadata in ${metaRoot}, so the revision cannot be checked; is 'hf' the Hugging Face CLI (huggingface_hub ≥ 0.34)?`);
  }
  for (const file of metadata) {
    const commit = (await readFile(path.join(metaRoot, file), 'utf8')).split('\n')[0]?.trim();
    if (commit !== model.revision) {
      throw new UserError(`model ${quote(model.source)}: ${file.replace(/\.metadata$/, '')} came from revision ${quote(commit)}, not the pinned ${model.revision}`);
    }
  }
}

/** Every file of the download (hf's own .cache and our marker excluded), with its size. */
async function listFiles(dir: string): Promise<{ path: string; size: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: { path: string; size: number }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (rel.startsWith('.cache') || rel.startsWith(MARKER)) continue;
    files.push({ path: rel, size: (await stat(path.join(dir, rel))).size });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
