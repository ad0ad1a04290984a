import { link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { quote, UserError } from '../errors.js';
import { Manifest, type ArtifactKind } from '../core/manifest.js';
import { manifestKey, manifestPrefix, parseManifestKey, type ArtifactAddress } from './layout.js';
import type { ArtifactWriter, CommitResult, StoredArtifact } from './store.js';

/**
 * The embedded store: the same layout as S3, in a directory. A manifest appears by link(2) of a
 * fully written temporary file, which fails if the name exists — the local twin of
 * `If-None-Match: *`, so racing writers on one machine get exactly one winner.
 */
export class LocalStore implements ArtifactWriter {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = path.resolve(root);
  }

  async list(kind: ArtifactKind): Promise<StoredArtifact[]> {
    const base = path.join(this.root, manifestPrefix(kind));
    let entries: string[];
    try {
      entries = await readdir(base, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const found: StoredArtifact[] = [];
    for (const entry of entries) {
      const key = manifestPrefix(kind) + entry.split(path.sep).join('/');
      const address = parseManifestKey(kind, key);
      if (!address) continue;
      const info = await stat(path.join(this.root, key));
      found.push({ ...address, key, modified: info.mtime });
    }
    return found;
  }

  async readManifest(address: ArtifactAddress): Promise<Manifest> {
    const key = manifestKey(address);
    const text = await readFile(path.join(this.root, key), 'utf8');
    return parseManifestText(`${this.location}/${key}`, text);
  }

  async commitManifest(manifest: Manifest): Promise<CommitResult> {
    const key = manifestKey(manifest);
    const target = path.join(this.root, key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    try {
      await link(temporary, target);
      return { created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return { created: false, existing: await this.readManifest(manifest) };
    } finally {
      await unlink(temporary);
    }
  }
}

/** Parses and validates a manifest; a truncated or foreign one is named, never half-used. */
export function parseManifestText(where: string, text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`manifest ${where} is not valid JSON (truncated or corrupted): ${(error as Error).message}`);
  }
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (schema !== 'engine-forge/manifest@1') {
    throw new UserError(`manifest ${where} has schema ${quote(schema)}, which this engine-forge does not know (expected 'engine-forge/manifest@1'); upgrade engine-forge`);
  }
  const parsed = Manifest.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UserError(`manifest ${where} is invalid at ${first.path.join('.') || '(top level)'}: ${first.message}`);
  }
  return parsed.data;
}
