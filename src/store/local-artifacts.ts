import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, statSync, type Dirent } from 'node:fs';
import { mkdir, open, readdir, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Manifest, ManifestFile } from '../core/manifest.js';
import { assertUnchanged, safeJoin, type LocalFile } from './artifact-dir.js';
import type { ArtifactStore, DataObject, PendingUpload, TransferOptions } from './artifact-store.js';
import { IntegrityError, MissingFileError } from './integrity.js';
import { manifestDataPrefix, manifestKey, timingCacheKey, type ArtifactAddress, type DataAddress } from './layout.js';
import { LocalStore } from './local.js';
import { forEachLimit } from './transfer/limits.js';
import { copyIfExists, replaceFile } from './whole-file.js';

/**
 * The local directory store with the byte-moving half of ArtifactStore: copies that hash in the
 * same pass, verification on the way out, and the same attempt prefixes and gc as S3.
 */
export class LocalArtifactStore extends LocalStore implements ArtifactStore {
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
      const { sha256, size } = await copyHashing(createReadStream(source), destination, options).catch((error: unknown) => {
        throw (error as NodeJS.ErrnoException).code === 'ENOENT' && (error as NodeJS.ErrnoException).path === source ? new MissingFileError(entry.path, source) : error;
      });
      if (size !== entry.size || sha256 !== entry.sha256) {
        throw new IntegrityError(entry.path, `expected ${entry.size} bytes with sha256 ${entry.sha256}, got ${size} bytes with sha256 ${sha256}`);
      }
    });
  }

  async missingFiles(manifest: Manifest): Promise<string[]> {
    const prefix = manifestDataPrefix(manifest, manifest.data);
    return manifest.files.map((f) => f.path).filter((p) => !statSync(path.join(this.location, prefix, ...p.split('/')), { throwIfNoEntry: false })?.isFile());
  }

  async deleteData(prefix: string): Promise<number> {
    const dir = path.join(this.location, prefix);
    const count = (await listFiles(dir)).length;
    await rm(dir, { recursive: true, force: true });
    return count;
  }

  async deleteArtifact(address: ArtifactAddress): Promise<void> {
    await this.deleteManifest(address);
    await this.deleteData(manifestDataPrefix(address, undefined));
  }

  async deleteManifest(address: ArtifactAddress): Promise<void> {
    await unlink(this.pathOf(manifestKey(address))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async getTimingCache(gpuModel: string, trtllmVersion: string, file: string): Promise<boolean> {
    return copyIfExists(this.pathOf(timingCacheKey(gpuModel, trtllmVersion)), file);
  }

  async putTimingCache(gpuModel: string, trtllmVersion: string, file: string): Promise<void> {
    await replaceFile(file, this.pathOf(timingCacheKey(gpuModel, trtllmVersion)));
  }

  /** A local publish has no multipart state: a crash leaves only files, which gc finds among the data. */
  async listPendingUploads(): Promise<PendingUpload[]> {
    return [];
  }

  async abortPendingUpload(): Promise<void> {}

  async listDataObjects(): Promise<DataObject[]> {
    return (await listFiles(path.join(this.location, 'data'))).map((f) => ({ key: `data/${f.relative}`, size: f.size, modified: f.modified }));
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
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: { relative: string; size: number; modified: Date }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    // Synchronous: 100,000 thread-pool round trips cost more than the stats; a file deleted
    // meanwhile (a publish cleaning up) is simply gone.
    const info = statSync(absolute, { throwIfNoEntry: false });
    if (info) files.push({ relative: path.relative(dir, absolute).split(path.sep).join('/'), size: info.size, modified: info.mtime });
  }
  return files;
}
