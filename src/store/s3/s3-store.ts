import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ArtifactKind, Manifest, ManifestFile } from '../../core/manifest.js';
import { UserError } from '../../errors.js';
import { safeJoin, type LocalFile } from '../artifact-dir.js';
import type { ArtifactStore, DataObject, PendingUpload, TransferOptions } from '../artifact-store.js';
import { addressOf, manifestDataPrefix, manifestKey, manifestPrefix, parseManifestKey, timingCacheKey, versionClaimKey, type ArtifactAddress, type Channel, type DataAddress } from '../layout.js';
import { parseManifest, renderManifest } from '../manifest-io.js';
import type { CommitResult, StoredArtifact } from '../store.js';
import { checkVersionClaim, claimVersion, earliestManifest, parseClaim, type VersionClaim } from '../version-claim.js';
import { HashWorker } from '../transfer/hash-worker.js';
import { progressReporter, type Progress, type ProgressSettings } from '../transfer/progress.js';
import { BufferPool, childAbort, forEachLimit, Semaphore } from '../transfer/limits.js';
import { defaultRetry, isRetryable, withRetry, type RetryOptions } from '../transfer/retry.js';
import { createS3Client, createS3RangeClient, type S3ClientOptions } from './client.js';
import { downloadFile } from './download.js';
import { parseS3Url, s3Url, type S3Location } from './location.js';
import { abortUpload, choosePartSize, uploadFile } from './upload.js';
import { getWholeObject, putWholeObject } from './whole-object.js';

const MiB = 1024 * 1024;

/**
 * Knobs of the transfer engine. The defaults hold at most 96 MiB of part buffers (6 parts of
 * 16 MiB in flight; fewer, larger parts for files over ~140 GiB), so peak RSS stays under 256 MiB
 * whatever the artifact's size. 16 MiB parts, not 8: against Ceph RGW the gateway spends ~10% less
 * CPU per GiB on half as many parts (4.2 against 4.6 CPU-s/GiB), and an upload on a small runner
 * finishes ~10% sooner; 32 MiB saves a little more but leaves only 3 parts in flight, too few to
 * fill a real network's bandwidth-delay product.
 */
export interface TransferTuning {
  /** Bytes of part buffers an upload may hold at once; parallelism is this ÷ part size. */
  uploadMemory: number;
  minPartSize: number;
  rangeSize: number;
  /** Ranged GETs in flight at once, across all files. */
  downloadConcurrency: number;
  /** Files read (and hashed) at once. */
  fileConcurrency: number;
  /** Ranged GETs read by ranged-get.ts (true) or by the SDK's Node HTTP handler (false). */
  fastReceive: boolean;
  retry: RetryOptions;
}

export const defaultTuning: TransferTuning = {
  uploadMemory: 96 * MiB,
  minPartSize: 16 * MiB,
  rangeSize: 16 * MiB,
  // Two ranges per core, 4 to 16: a small runner is CPU-bound (socket copies, SHA-256, GC) and
  // slows down with more streams; a large one needs them to fill a fast network.
  downloadConcurrency: Math.min(16, Math.max(4, 2 * availableParallelism())),
  fileConcurrency: 4,
  fastReceive: true,
  retry: defaultRetry,
};

export interface S3StoreOptions extends S3ClientOptions {
  /** `s3://bucket/prefix` */
  url: string;
  client?: S3Client;
  tuning?: Partial<TransferTuning>;
  /** Where uploads and downloads report progress; silent when absent. */
  progress?: ProgressSettings | undefined;
}

export class S3Store implements ArtifactStore {
  readonly location: string;
  readonly client: S3Client;
  /** The ranged GETs' client (ranged-get.ts); absent when a client was handed in or fastReceive is off. */
  private readonly rangeClient: S3Client | undefined;
  private readonly where: S3Location;
  private readonly tuning: TransferTuning;
  private readonly progress: ProgressSettings | undefined;
  private probe: Promise<{ honoured: boolean; detail: string }> | undefined;

  constructor(options: S3StoreOptions) {
    this.where = parseS3Url(options.url);
    this.location = s3Url(this.where);
    this.client = options.client ?? createS3Client(options);
    this.tuning = { ...defaultTuning, ...options.tuning };
    this.rangeClient = options.client || !this.tuning.fastReceive ? undefined : createS3RangeClient(options).client;
    this.progress = options.progress;
  }

  uri(key: string): string {
    return s3Url(this.where, key);
  }

  /** One ListObjectsV2 page per 1,000 artifacts; never reads a manifest or a data byte. */
  async list(kind: ArtifactKind, idPrefix = '', channel: Channel = 'published'): Promise<StoredArtifact[]> {
    const artifacts: StoredArtifact[] = [];
    for (const object of await this.listKeys(manifestPrefix(kind, channel) + idPrefix)) {
      const key = object.Key!.slice(this.where.prefix.length);
      const address = parseManifestKey(kind, key, channel);
      if (address) artifacts.push({ ...address, key, modified: object.LastModified ?? new Date(0) });
    }
    return artifacts;
  }

  async readManifest(address: ArtifactAddress): Promise<Manifest> {
    const key = manifestKey(address);
    const text = await this.getText(key);
    if (text === undefined) throw new UserError(`manifest ${this.uri(key)} does not exist`);
    return parseManifest(text, this.uri(key), address);
  }

  async commitManifest(manifest: Manifest, channel: Channel = 'published'): Promise<CommitResult> {
    const claimKey = versionClaimKey(manifest.model, manifest.version);
    const claim = {
      where: this.uri(claimKey),
      read: () => this.getText(claimKey),
      create: (body: string) => this.createOnly(claimKey, body),
      earliest: () => earliestManifest((kind) => this.list(kind, `${manifest.model}/`), (a) => this.readManifest(a), manifest.model, manifest.version),
    };
    await (channel === 'candidate' ? checkVersionClaim(claim, manifest) : claimVersion(claim, manifest));
    const address = { ...addressOf(manifest), ...(channel === 'candidate' ? { channel } : {}) };
    const key = manifestKey(address);
    const body = renderManifest(manifest);
    if (await this.createOnly(key, body)) return { created: true };
    // A 412 may answer our own retry: the first PUT was stored but its reply was lost. The body
    // (its attempt's data prefix, its timestamps) is ours alone, so an identical one is our write.
    const text = await this.getText(key);
    if (text === body) return { created: true };
    if (text === undefined) throw new UserError(`manifest ${this.uri(key)}: the store refused to create it (412) yet holds none; try again`);
    return { created: false, existing: parseManifest(text, this.uri(key), address) };
  }

  async readVersionClaim(model: string, version: string): Promise<VersionClaim | undefined> {
    const key = versionClaimKey(model, version);
    const text = await this.getText(key);
    return text === undefined ? undefined : parseClaim(text, this.uri(key));
  }

  /** PUT with If-None-Match: *; false when the key exists (412), whoever wrote it. */
  private createOnly(relativeKey: string, body: string): Promise<boolean> {
    return withRetry(
      async () => {
        try {
          await this.client.send(
            new PutObjectCommand({ Bucket: this.where.bucket, Key: this.key(relativeKey), Body: body, ContentType: 'application/json', IfNoneMatch: '*' }),
          );
          return true;
        } catch (error) {
          if (httpStatus(error) === 412) return false;
          throw error;
        }
      },
      // 409: another conditional write to this key was in flight; S3 asks us to try again, and
      // the retry then meets the winner's object as a 412. Throttling and 5xx retry as usual.
      { ...this.tuning.retry, retryable: (error) => httpStatus(error) === 409 || isRetryable(error) },
    );
  }

  conditionalWrites(): Promise<{ honoured: boolean; detail: string }> {
    this.probe ??= this.probeConditionalWrites();
    return this.probe;
  }

  private async probeConditionalWrites(): Promise<{ honoured: boolean; detail: string }> {
    const token = randomBytes(8).toString('hex');
    const relative = `probes/conditional-write-${token}`;
    const key = this.key(relative);
    const where = s3Url({ bucket: this.where.bucket, prefix: '' }, key);
    // Transient failures (throttling, resets) retry; only a definite answer decides.
    const put = (body: string): Promise<unknown> =>
      withRetry(() => this.client.send(new PutObjectCommand({ Bucket: this.where.bucket, Key: key, Body: body, IfNoneMatch: '*' })), this.tuning.retry);
    try {
      try {
        await put(token);
      } catch (error) {
        if (isRetryable(error)) throw error;
        // The key is new and random: a 412 holding our own body answers a retry whose first try
        // was stored but lost its reply, which is a store honouring the condition.
        const ours = httpStatus(error) === 412 && (await this.getText(relative)) === token;
        if (!ours) return { honoured: false, detail: `a create-only PUT (If-None-Match: *) to ${where} was refused: ${describe(error)}` };
      }
      try {
        await put('second');
        return { honoured: false, detail: `a second create-only PUT (If-None-Match: *) to ${where} succeeded instead of failing with 412` };
      } catch (error) {
        if (httpStatus(error) === 412) return { honoured: true, detail: 'If-None-Match: * answered 412 on an existing key' };
        if (isRetryable(error)) throw error;
        return { honoured: false, detail: `a second create-only PUT to ${where} failed with ${describe(error)} instead of 412` };
      }
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.where.bucket, Key: key })).catch(() => undefined);
    }
  }

  async putFiles(address: DataAddress, data: string, files: LocalFile[], options: TransferOptions = {}): Promise<ManifestFile[]> {
    if (!data.startsWith(manifestDataPrefix(address, undefined))) throw new Error(`data prefix ${data} is not under ${manifestDataPrefix(address, undefined)}`);
    const largest = Math.max(0, ...files.map((f) => f.size));
    const partSize = choosePartSize(largest, this.tuning.minPartSize);
    // Shared memory: the hashing thread reads each part where it lies, while it is being sent.
    const pool = new BufferPool(Math.max(2, Math.floor(this.tuning.uploadMemory / partSize)), partSize, true);
    const hasher = new HashWorker();
    const open = new Map<string, string>();
    const scope = childAbort(options.signal);
    const signal = scope.signal;
    setMaxListeners(0, signal); // every request in flight listens to it
    const progress = this.reporter(`upload ${address.id}@${address.version}`, files.reduce((n, f) => n + f.size, 0));
    const ctx = { client: this.client, bucket: this.where.bucket, pool, hasher, signal, fail: scope.fail, retry: this.tuning.retry, open, onBytes: counting(options.onBytes, progress) };
    const entries: ManifestFile[] = new Array<ManifestFile>(files.length);
    try {
      await forEachLimit(
        files,
        this.tuning.fileConcurrency,
        async (file, index) => {
          const uploaded = await uploadFile(ctx, file, this.key(data + file.path));
          entries[index] = { path: file.path, size: uploaded.size, sha256: uploaded.sha256 };
        },
        scope.fail,
      );
    } catch (error) {
      // Uploads still open here belong to files whose own abort failed: one more try each.
      await Promise.all([...open].map(([uploadId, key]) => abortUpload(ctx, key, uploadId)));
      throw error;
    } finally {
      progress?.finish();
      scope.dispose();
      await hasher.close();
    }
    return entries;
  }

  async fetchFiles(manifest: Manifest, dir: string, options: TransferOptions = {}): Promise<void> {
    const prefix = manifestDataPrefix(manifest, manifest.data);
    const targets = manifest.files.map((f) => ({ entry: f, destination: safeJoin(dir, f.path) }));
    const ranges = new Semaphore(this.tuning.downloadConcurrency);
    const scope = childAbort(options.signal);
    const signal = scope.signal;
    setMaxListeners(0, signal); // every request in flight listens to it
    const hasher = new HashWorker();
    const progress = this.reporter(`download ${manifest.id}@${manifest.version}`, manifest.files.reduce((n, f) => n + f.size, 0));
    const ranged = this.rangeClient ? { client: this.rangeClient, unsupported: false } : undefined;
    const ctx = { client: this.client, ranged, bucket: this.where.bucket, ranges, rangeSize: this.tuning.rangeSize, signal, hasher, fail: scope.fail, retry: this.tuning.retry, onBytes: counting(options.onBytes, progress) };
    try {
      for (const t of targets) await mkdir(path.dirname(t.destination), { recursive: true });
      await forEachLimit(targets, this.tuning.fileConcurrency, (t) => downloadFile(ctx, this.key(prefix + t.entry.path), t.entry, t.destination), scope.fail);
    } catch (error) {
      // The failure that stopped the others (a missing file, say), not a sibling's abort.
      throw signal.reason instanceof UserError ? signal.reason : error;
    } finally {
      progress?.finish();
      scope.dispose();
      await hasher.close();
    }
  }

  async missingFiles(manifest: Manifest): Promise<string[]> {
    const prefix = manifestDataPrefix(manifest, manifest.data);
    const present = new Set((await this.listKeys(prefix)).map((o) => o.Key!.slice(this.key(prefix).length)));
    return manifest.files.map((f) => f.path).filter((p) => !present.has(p));
  }

  async deleteData(prefix: string): Promise<number> {
    const objects = await this.listKeys(prefix);
    await forEachLimit(objects, 16, async (o) => {
      await withRetry(() => this.client.send(new DeleteObjectCommand({ Bucket: this.where.bucket, Key: o.Key! })), this.tuning.retry);
    });
    return objects.length;
  }

  async deleteArtifact(address: ArtifactAddress): Promise<void> {
    await this.deleteManifest(address);
    // The whole fingerprint prefix: the winner's attempt and any loser's leftovers.
    await this.deleteData(manifestDataPrefix(address, undefined));
  }

  async deleteManifest(address: ArtifactAddress): Promise<void> {
    await withRetry(() => this.client.send(new DeleteObjectCommand({ Bucket: this.where.bucket, Key: this.key(manifestKey(address)) })), this.tuning.retry);
  }

  async listPendingUploads(): Promise<PendingUpload[]> {
    const uploads: PendingUpload[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await this.client.send(
        new ListMultipartUploadsCommand({
          Bucket: this.where.bucket,
          Prefix: this.key('data/'),
          ...(keyMarker ? { KeyMarker: keyMarker } : {}),
          ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}),
        }),
      );
      for (const u of page.Uploads ?? []) {
        if (u.Key && u.UploadId) uploads.push({ key: u.Key.slice(this.where.prefix.length), uploadId: u.UploadId, initiated: u.Initiated ?? new Date(0) });
      }
      if (!page.IsTruncated) return uploads;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }

  async abortPendingUpload(upload: PendingUpload): Promise<void> {
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.where.bucket, Key: this.key(upload.key), UploadId: upload.uploadId }));
  }

  async listDataObjects(): Promise<DataObject[]> {
    return (await this.listKeys('data/')).map((o) => ({ key: o.Key!.slice(this.where.prefix.length), size: o.Size ?? 0, modified: o.LastModified ?? new Date(0) }));
  }

  async getTimingCache(gpuModel: string, trtllmVersion: string, file: string, options: TransferOptions = {}): Promise<boolean> {
    const ctx = { client: this.client, bucket: this.where.bucket, retry: this.tuning.retry, signal: options.signal };
    return getWholeObject(ctx, this.key(timingCacheKey(gpuModel, trtllmVersion)), file);
  }

  async putTimingCache(gpuModel: string, trtllmVersion: string, file: string, options: TransferOptions = {}): Promise<void> {
    const ctx = { client: this.client, bucket: this.where.bucket, retry: this.tuning.retry, signal: options.signal };
    await putWholeObject(ctx, this.key(timingCacheKey(gpuModel, trtllmVersion)), file);
  }

  // Small create-only records outside the artifact layout (benchmarks: src/store/bench-records.ts).

  /** Writes `body` at `key` only if no object is there (If-None-Match: *); false when one was. */
  async putTextIfAbsent(key: string, body: string): Promise<boolean> {
    return withRetry(
      async () => {
        try {
          await this.client.send(new PutObjectCommand({ Bucket: this.where.bucket, Key: this.key(key), Body: body, ContentType: 'application/json', IfNoneMatch: '*' }));
          return true;
        } catch (error) {
          if (httpStatus(error) === 412) return false;
          throw error;
        }
      },
      { ...this.tuning.retry, retryable: (error) => httpStatus(error) === 409 || isRetryable(error) },
    );
  }

  /** The text of `key`, or undefined when there is no such object. */
  readText(key: string): Promise<string | undefined> {
    return this.getText(key);
  }

  /** Keys (relative to the store root) under `prefix`. */
  async listUnder(prefix: string): Promise<string[]> {
    return (await this.listKeys(prefix)).map((o) => o.Key!.slice(this.where.prefix.length));
  }

  private reporter(label: string, total: number): Progress | undefined {
    return this.progress ? progressReporter({ label, total, ...this.progress }) : undefined;
  }

  private key(relative: string): string {
    return this.where.prefix + relative;
  }

  private async listKeys(relativePrefix: string): Promise<_Object[]> {
    const objects: _Object[] = [];
    let token: string | undefined;
    do {
      const request = new ListObjectsV2Command({ Bucket: this.where.bucket, Prefix: this.key(relativePrefix), ...(token ? { ContinuationToken: token } : {}) });
      const page = await withRetry(() => this.client.send(request), this.tuning.retry);
      for (const o of page.Contents ?? []) if (o.Key) objects.push(o);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  private async getText(relativeKey: string): Promise<string | undefined> {
    try {
      return await withRetry(async () => {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.where.bucket, Key: this.key(relativeKey) }));
        return (await response.Body?.transformToString('utf8')) ?? '';
      }, this.tuning.retry);
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw error;
    }
  }
}

/** The caller's byte counter and the progress line's, as one. */
function counting(onBytes: ((bytes: number) => void) | undefined, progress: Progress | undefined): ((bytes: number) => void) | undefined {
  if (!progress) return onBytes;
  return (bytes) => {
    onBytes?.(bytes);
    progress.add(bytes);
  };
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function describe(error: unknown): string {
  const status = httpStatus(error);
  const name = (error as { name?: string } | null)?.name ?? 'error';
  return status === undefined ? name : `HTTP ${status} ${name}`;
}
