import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ManifestFile } from '../../core/manifest.js';
import { IntegrityError } from '../integrity.js';
import type { Semaphore } from '../transfer/limits.js';
import { ShortBodyError, withRetry, type RetryOptions } from '../transfer/retry.js';

export interface DownloadContext {
  client: S3Client;
  bucket: string;
  /** Ranges in flight across all files. */
  ranges: Semaphore;
  rangeSize: number;
  signal: AbortSignal;
  retry: RetryOptions;
  onBytes?: (bytes: number) => void;
  /** Called when a range gives up: stops every other transfer of this download. */
  fail?: (error: unknown) => void;
}

const HASH_CHUNK = 4 * 1024 * 1024;
const WRITE_BATCH = 1024 * 1024;

/**
 * Downloads `key` into `destination` with parallel ranged GETs, each written positionally as it
 * streams in (no range is ever held in memory whole). A range that fails or comes back short
 * resumes from its last written byte. The file is then checked against the manifest's size and
 * SHA-256: hashing reads back each contiguous prefix as soon as it is complete, so verification
 * overlaps the download instead of following it.
 */
export async function downloadFile(ctx: DownloadContext, key: string, entry: ManifestFile, destination: string): Promise<void> {
  // Read-write: the verifier reads back what the ranges wrote.
  const handle = await open(destination, 'wx+');
  try {
    await handle.truncate(entry.size);
    const count = Math.max(1, Math.ceil(entry.size / ctx.rangeSize));
    const verifier = new OrderedHasher(handle, count, ctx.rangeSize, entry.size);
    const tasks: Promise<void>[] = [];
    if (entry.size > 0) {
      for (let index = 0; index < count; index++) {
        const start = index * ctx.rangeSize;
        const end = Math.min(entry.size, start + ctx.rangeSize);
        tasks.push(
          ctx.ranges.run(async () => {
            try {
              await fetchRange(ctx, handle, key, start, end);
            } catch (error) {
              ctx.fail?.(error);
              throw error;
            }
            verifier.done(index);
          }),
        );
      }
    }
    const settled = await Promise.allSettled(tasks);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await verifier.settle();
      throw failed.reason;
    }
    ctx.signal.throwIfAborted();
    const sha256 = entry.size > 0 ? await verifier.digest() : createHash('sha256').digest('hex');
    const size = (await handle.stat()).size;
    if (size !== entry.size || sha256 !== entry.sha256) {
      throw new IntegrityError(entry.path, `expected ${entry.size} bytes with sha256 ${entry.sha256}, got ${size} bytes with sha256 ${sha256}`);
    }
  } finally {
    await handle.close();
  }
}

async function fetchRange(ctx: DownloadContext, handle: FileHandle, key: string, start: number, end: number): Promise<void> {
  let position = start;
  await withRetry(
    async () => {
      const response = await ctx.client.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key, Range: `bytes=${position}-${end - 1}` }), {
        abortSignal: ctx.signal,
      });
      const body = response.Body as Readable | undefined;
      if (!body) throw new ShortBodyError(key, end - start, position - start);
      // Socket chunks are ~64 KiB; gathering them into one positional writev per MiB keeps the
      // thread pool from doing sixteen small writes where one will do.
      let batch: Buffer[] = [];
      let batched = 0;
      const flush = async (): Promise<void> => {
        if (batched === 0) return;
        await handle.writev(batch, position);
        position += batched;
        ctx.onBytes?.(batched);
        batch = [];
        batched = 0;
      };
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          const room = end - position - batched;
          // A server that ignores Range (or an object longer than the manifest says) must not
          // write past this range: the extra bytes belong to another range or to no file.
          const slice = chunk.length > room ? chunk.subarray(0, room) : chunk;
          if (slice.length > 0) {
            batch.push(slice);
            batched += slice.length;
          }
          if (batched >= WRITE_BATCH) await flush();
          if (position + batched === end) break;
        }
        await flush();
      } finally {
        body.destroy();
      }
      if (position < end) throw new ShortBodyError(key, end - start, position - start);
    },
    { ...ctx.retry, signal: ctx.signal },
  );
}

/** SHA-256 of a file whose ranges complete out of order: hashes each contiguous prefix as it appears. */
class OrderedHasher {
  private readonly complete: boolean[];
  private readonly hash = createHash('sha256');
  private next = 0;
  private chain: Promise<void> = Promise.resolve();
  private buffer: Buffer | undefined;

  constructor(
    private readonly handle: FileHandle,
    count: number,
    private readonly rangeSize: number,
    private readonly size: number,
  ) {
    this.complete = new Array<boolean>(count).fill(false);
  }

  done(index: number): void {
    this.complete[index] = true;
    // The chain keeps its first failure and surfaces it from digest(), never as an unhandled rejection.
    const next = this.chain.then(() => this.advance());
    next.catch(() => undefined);
    this.chain = next;
  }

  /** Waits for hashing in progress (so the file can be closed), ignoring its outcome. */
  async settle(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  async digest(): Promise<string> {
    await this.chain;
    this.buffer = undefined;
    return this.hash.digest('hex');
  }

  private async advance(): Promise<void> {
    while (this.next < this.complete.length && this.complete[this.next]) {
      const start = this.next * this.rangeSize;
      const end = Math.min(this.size, start + this.rangeSize);
      this.buffer ??= Buffer.allocUnsafeSlow(HASH_CHUNK);
      for (let at = start; at < end; ) {
        const { bytesRead } = await this.handle.read(this.buffer, 0, Math.min(HASH_CHUNK, end - at), at);
        if (bytesRead === 0) break;
        this.hash.update(this.buffer.subarray(0, bytesRead));
        at += bytesRead;
      }
      this.next++;
    }
  }
}
