import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { assertUnchanged, type LocalFile } from '../artifact-dir.js';
import type { HashWorker } from '../transfer/hash-worker.js';
import type { BufferPool } from '../transfer/limits.js';
import { withRetry, type RetryOptions } from '../transfer/retry.js';
import { unsignedPayload } from './unsigned.js';

export interface UploadContext {
  client: S3Client;
  bucket: string;
  /** Every part's bytes live in one of these buffers; its size is the part size. */
  pool: BufferPool;
  signal: AbortSignal;
  retry: RetryOptions;
  /** Multipart uploads started and not yet completed or aborted (upload id → key). */
  open: Map<string, string>;
  onBytes?: ((bytes: number) => void) | undefined;
  /** Called when a part gives up: stops every other transfer of this publish. */
  fail?: (error: unknown) => void;
  /** Hashes parts off the main thread when the pool's buffers are shared with it. */
  hasher?: HashWorker | undefined;
}

export interface UploadedFile {
  size: number;
  sha256: string;
}

const MiB = 1024 * 1024;
const MAX_PARTS = 10_000;

/** The part size for a set of files: at least `minimum`, large enough for the biggest file to fit in 9,000 parts. */
export function choosePartSize(largestFile: number, minimum = 16 * MiB): number {
  const needed = Math.ceil(largestFile / (MAX_PARTS - 1000) / MiB) * MiB;
  return Math.max(minimum, needed);
}

/**
 * Uploads one file to `key`: parts are read with positional reads into pooled buffers, hashed in
 * the same pass, and sent in parallel; each part retries on its own. Any failure (or the abort
 * signal) aborts the multipart upload, so nothing billable is left behind by a live process.
 */
export async function uploadFile(ctx: UploadContext, file: LocalFile, key: string): Promise<UploadedFile> {
  const handle = await open(file.absolute, 'r');
  try {
    assertUnchanged(file, await handle.stat(), file.size);
    const result = file.size <= ctx.pool.size ? await putSmall(ctx, handle, file, key) : await putMultipart(ctx, handle, file, key);
    assertUnchanged(file, await handle.stat(), result.size);
    return result;
  } finally {
    await handle.close();
  }
}

async function putSmall(ctx: UploadContext, handle: FileHandle, file: LocalFile, key: string): Promise<UploadedFile> {
  const buffer = await ctx.pool.acquire();
  try {
    const { bytesRead } = await handle.read(buffer, 0, file.size, 0);
    const body = buffer.subarray(0, bytesRead);
    const sha256 = createHash('sha256').update(body).digest('hex');
    await withRetry(
      () =>
        ctx.client.send(unsignedPayload(new PutObjectCommand({ Bucket: ctx.bucket, Key: key, Body: body, ContentLength: bytesRead })), {
          abortSignal: ctx.signal,
        }),
      { ...ctx.retry, signal: ctx.signal },
    );
    ctx.onBytes?.(bytesRead);
    return { size: bytesRead, sha256 };
  } finally {
    ctx.pool.release(buffer);
  }
}

async function putMultipart(ctx: UploadContext, handle: FileHandle, file: LocalFile, key: string): Promise<UploadedFile> {
  // Not cut short by an interrupt: the server may create the upload after the client gave up on
  // the reply, leaving an upload no one knows to abort. A create is small; once its id is known,
  // an interrupt aborts the upload below.
  const created = await withRetry(() => ctx.client.send(new CreateMultipartUploadCommand({ Bucket: ctx.bucket, Key: key })), { ...ctx.retry, signal: ctx.signal });
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error(`CreateMultipartUpload for ${key} returned no upload id`);
  ctx.open.set(uploadId, key);
  // Parts are read in order, so the whole-file SHA-256 grows in the same pass as the upload: on
  // the hashing thread when the pool's memory is shared with it (the main thread then only moves
  // bytes), else here.
  const remote = ctx.hasher && ctx.pool.shared ? ctx.hasher.stream() : undefined;
  const local = remote ? undefined : createHash('sha256');
  try {
    const partSize = ctx.pool.size;
    const etags: string[] = [];
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    let offset = 0;
    for (let part = 1; offset < file.size; part++) {
      if (failure !== undefined) break;
      const buffer = await ctx.pool.acquire();
      const length = Math.min(partSize, file.size - offset);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, length, offset));
      } catch (error) {
        ctx.pool.release(buffer);
        throw error;
      }
      const body = buffer.subarray(0, bytesRead);
      if (bytesRead !== length) {
        ctx.pool.release(buffer);
        assertUnchanged(file, await handle.stat(), offset + bytesRead);
      }
      let hashed: Promise<void> | undefined;
      if (remote) hashed = remote.update(body);
      else local!.update(body);
      // The buffer goes back to the pool only once both the send and the hash are done with it.
      const task = Promise.allSettled([sendPart(ctx, key, uploadId, part, body), hashed])
        .then(([sent, hash]) => {
          if (sent.status === 'rejected') throw sent.reason;
          if (hash.status === 'rejected') throw hash.reason;
          etags[part - 1] = sent.value;
        })
        .catch((error: unknown) => {
          failure ??= error;
          ctx.fail?.(error);
        })
        .finally(() => {
          ctx.pool.release(buffer);
          inFlight.delete(task);
        });
      inFlight.add(task);
      offset += bytesRead;
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    ctx.signal.throwIfAborted();
    const sha256 = remote ? (await remote.digest()).sha256 : local!.digest('hex');
    await complete(ctx, key, uploadId, etags, file.size);
    ctx.open.delete(uploadId);
    return { size: offset, sha256 };
  } catch (error) {
    remote?.drop();
    await abortUpload(ctx, key, uploadId);
    throw error;
  }
}

async function sendPart(ctx: UploadContext, key: string, uploadId: string, partNumber: number, body: Buffer): Promise<string> {
  const result = await withRetry(
    () =>
      ctx.client.send(
        unsignedPayload(
          new UploadPartCommand({ Bucket: ctx.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: body.length }),
        ),
        { abortSignal: ctx.signal },
      ),
    { ...ctx.retry, signal: ctx.signal },
  );
  if (!result.ETag) throw new Error(`UploadPart ${partNumber} of ${key} returned no ETag`);
  ctx.onBytes?.(body.length);
  return result.ETag;
}

async function complete(ctx: UploadContext, key: string, uploadId: string, etags: string[], size: number): Promise<void> {
  await withRetry(
    async (attempt) => {
      try {
        await ctx.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: ctx.bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
          }),
          { abortSignal: ctx.signal },
        );
      } catch (error) {
        // A retried Complete whose first try succeeded (and lost its answer) finds no upload:
        // the object of the right size is the proof that it did complete.
        if (attempt > 1 && (error as { name?: string }).name === 'NoSuchUpload') {
          const head = await ctx.client.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: key }), { abortSignal: ctx.signal });
          if (head.ContentLength === size) return;
        }
        throw error;
      }
    },
    { ...ctx.retry, signal: ctx.signal },
  );
}

/** Best effort, and deliberately without the (possibly fired) abort signal. */
export async function abortUpload(ctx: Pick<UploadContext, 'client' | 'bucket' | 'open'>, key: string, uploadId: string): Promise<void> {
  try {
    await withRetry(() => ctx.client.send(new AbortMultipartUploadCommand({ Bucket: ctx.bucket, Key: key, UploadId: uploadId })), {
      attempts: 3,
      baseDelayMs: 200,
      maxDelayMs: 2000,
    });
    ctx.open.delete(uploadId);
  } catch {
    // Left for `gc` and the bucket's lifecycle rule; the upload id stays in ctx.open for the report.
  }
}
