import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArtifactKind, type Manifest, type ManifestFile } from '../core/manifest.js';
import { assertUnchanged, safeJoin, type LocalFile } from './artifact-dir.js';
import type { ArtifactStore, OrphanData, PendingUpload, TransferOptions } from './artifact-store.js';
import { IntegrityError } from './integrity.js';
import { manifestDataPrefix, manifestKey, timingCacheKey, type ArtifactAddress, type DataAddress } from './layout.js';
import { LocalStore } from './local.js';
import type { StoredArtifact } from './store.js';
import { forEachLimit } from './transfer/limits.js';
import { copyIfExists, replaceFile } from './whole-file.js';

/**
 * The local directory store with the byte-moving half of ArtifactStore: copies that hash in the
 * same pass, verification on the way out, and the same attempt prefixes and gc as S3.
 */
export class LocalArtifactStore extends LocalStore implements ArtifactStore {
  override async list(kind: ArtifactKind, idPrefix = ''): Promise<StoredArtifact[]> {
    return (await super.list(kind)).filter((a) => a.id.startsWith(idPrefix));
  }

  uri(key: string): string {
    return this.pathOf(key);
  }

  async conditionalWrites(): Promise<{ honoured: boolean; detail: string }> {
    return { honoured: true, detail: 'manifests appear by link(2), which fails when the name exists' };
  }

  async putFiles(_address: DataAddress, data: string, files: LocalFile[], options: TransferOptions = {}): Promise<ManifestFile[]> {
    const entries = new Array<ManifestFile>(files.length);
    await forEachLimit(files, 4, async (file, index) => {
      const destination = safeJoin(path.join(this.location, data), file.path);
      await mkdir(path.dirname(destination), { recursive: true });
      const handle = await open(file.absolute, 'r');
      try {
        assertUnchanged(file, await handle.stat(), file.size);
        const { sha256, size } = await copyHashing(createReadStream('', { fd: handle, autoClose: false, start: 0 }), destination, options);
        assertUnchanged(file, await handle.stat(), size);
        entries[index] = { path: file.path, size, sha256 };
      } finally {
        await handle.close();
      }
    });
    return entries;
  }

  async fetchFiles(manifest: Manifest, dir: string, options: TransferOptions = {}): Promise<void> {
    const prefix = manifestDataPrefix(manifest, manifest.data);
    await forEachLimit(manifest.files, 4, async (entry) => {
      const destination = safeJoin(dir, entry.path);
      await mkdir(path.dirname(destination), { recursive: true });
      const source = path.join(this.location, prefix, ...entry.path.split('/'));
      const { sha256, size } = await copyHashing(createReadStream(source), destination, options);
      if (size !== entry.size || sha256 !== entry.sha256) {
        throw new IntegrityError(entry.path, `expected ${entry.size} bytes with sha256 ${entry.sha256}, got ${size} bytes with sha256 ${sha256}`);
      }
    });
  }

  async deleteData(prefix: string): Promise<number> {
    const dir = path.join(this.location, prefix);
    const count = (await listFiles(dir)).length;
    await rm(dir, { recursive: true, force: true });
    return count;
  }

  async deleteArtifact(address: ArtifactAddress): Promise<void> {
    await unlink(this.pathOf(manifestKey(address))).catch(() => undefined);
    await this.deleteData(manifestDataPrefix(address, undefined));
  }

  async getTimingCache(gpuModel: string, trtllmVersion: string, file: string): Promise<boolean> {
    return copyIfExists(this.pathOf(timingCacheKey(gpuModel, trtllmVersion)), file);
  }

  async putTimingCache(gpuModel: string, trtllmVersion: string, file: string): Promise<void> {
    await replaceFile(file, this.pathOf(timingCacheKey(gpuModel, trtllmVersion)));
  }

  /** A local publish has no multipart state: a crash leaves only files, which listOrphanData finds. */
  async listPendingUploads(): Promise<PendingUpload[]> {
    return [];
  }

  async abortPendingUpload(): Promise<void> {}

  async listOrphanData(): Promise<OrphanData[]> {
    const referenced = new Set<string>();
    for (const kind of ArtifactKind.options) {
      for (const a of await this.list(kind)) {
        const manifest = await this.readManifest(a).catch(() => undefined);
        referenced.add(manifestDataPrefix(a, manifest?.data));
      }
    }
    const groups = new Map<string, OrphanData>();
    for (const file of await listFiles(path.join(this.location, 'data'))) {
      const key = `data/${file.relative}`;
      const parts = key.split('/');
      const fp = parts.findIndex((p, i) => i >= 3 && /^[0-9a-f]{64}$/.test(p));
      if (fp < 0 || parts.length < fp + 3) continue;
      const prefix = `${parts.slice(0, fp + 2).join('/')}/`;
      if ([...referenced].some((r) => prefix.startsWith(r))) continue;
      const group = groups.get(prefix) ?? { prefix, objects: 0, bytes: 0, newest: new Date(0) };
      group.objects++;
      group.bytes += file.size;
      if (file.modified > group.newest) group.newest = file.modified;
      groups.set(prefix, group);
    }
    return [...groups.values()];
  }
}

async function copyHashing(source: NodeJS.ReadableStream, destination: string, options: TransferOptions): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      options.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  await pipeline(source, tap, createWriteStream(destination, { flags: 'wx' }), ...(options.signal ? [{ signal: options.signal }] : []));
  return { sha256: hash.digest('hex'), size };
}

async function listFiles(dir: string): Promise<{ relative: string; size: number; modified: Date }[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: { relative: string; size: number; modified: Date }[] = [];
  for (const entry of entries) {
    const info = await stat(path.join(dir, entry));
    if (info.isFile()) files.push({ relative: entry.split(path.sep).join('/'), size: info.size, modified: info.mtime });
  }
  return files;
}
