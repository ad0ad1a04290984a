import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ManifestFile } from '../../core/manifest.js';
import { IntegrityError, MissingFileError } from '../integrity.js';
import type { HashWorker } from '../transfer/hash-worker.js';
import { LocalWriteError } from '../transfer/local-write.js';
import type { Semaphore } from '../transfer/limits.js';
import { httpStatus, ShortBodyError, withRetry, type RetryOptions } from '../transfer/retry.js';
import { RangeBody, UnsupportedResponseError } from './ranged-get.js';

export interface DownloadContext {
  client: S3Client;
  /**
   * The client whose ranged GETs ranged-get.ts reads (no allocation per socket read). A response it
   * cannot read sets `unsupported`, and this download goes on through `client`.
   */
  ranged?: { client: S3Client; unsupported: boolean } | undefined;
  bucket: string;
  /** Ranges in flight across all files. */
  ranges: Semaphore;
  rangeSize: number;
  signal: AbortSignal;
  retry: RetryOptions;
  onBytes?: ((bytes: number) => void) | undefined;
  /** Hashes each file's completed prefix off the main thread. */
  hasher: HashWorker;
  /** Called when a range gives up: stops every other transfer of this download. */
  fail?: (error: unknown) => void;
}

const WRITE_BATCH = 1024 * 1024;

/**
 * Downloads `key` into `destination` with parallel ranged GETs, each written positionally as it
 * streams in (no range is ever held in memory whole). A range that fails or comes back short
 * resumes from its last written byte. The file is then checked against the manifest's size and
 * SHA-256: a worker thread reads back and hashes each contiguous prefix as soon as it is complete,
 * so verification overlaps the download instead of following it, on another core.
 */
export async function downloadFile(ctx: DownloadContext, key: string, entry: ManifestFile, destination: string): Promise<void> {
  const handle = await open(destination, 'wx');
  const hashing = ctx.hasher.open(destination);
  let digested = false;
  try {
    const count = Math.max(1, Math.ceil(entry.size / ctx.rangeSize));
    const verifier = new OrderedHasher(hashing, count, ctx.rangeSize, entry.size);
    const tasks: Promise<void>[] = [];
    if (entry.size > 0) {
      for (let index = 0; index < count; index++) {
        const start = index * ctx.rangeSize;
        const end = Math.min(entry.size, start + ctx.rangeSize);
        tasks.push(
          ctx.ranges.run(async () => {
            try {
              await fetchRange(ctx, handle, key, start, end);
            } catch (caught) {
              // 404 comes back as a bare 'UnknownError' (a ranged GET's error has no body to parse).
              const error = httpStatus(caught) === 404 ? new MissingFileError(entry.path, `s3://${ctx.bucket}/${key}`) : caught;
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
    if (failed) throw failed.reason;
    ctx.signal.throwIfAborted();
    digested = true;
    const { sha256 } = await hashing.digest();
    const size = (await handle.stat()).size;
    if (size !== entry.size || sha256 !== entry.sha256) {
      throw new IntegrityError(entry.path, `expected ${entry.size} bytes with sha256 ${entry.sha256}, got ${size} bytes with sha256 ${sha256}`);
    }
  } finally {
    if (!digested) hashing.drop();
    await handle.close();
  }
}

async function fetchRange(ctx: DownloadContext, handle: FileHandle, key: string, start: number, end: number): Promise<void> {
  let position = start;
  await withRetry(
    async () => {
      const fast = ctx.ranged && !ctx.ranged.unsupported ? ctx.ranged : undefined;
      try {
        const response = await (fast?.client ?? ctx.client).send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key, Range: `bytes=${position}-${end - 1}` }), {
          abortSignal: ctx.signal,
        });
        const body = response.Body as Readable | undefined;
        if (!body) throw new ShortBodyError(key, end - start, position - start);
        const cursor = { position };
        try {
          if (body instanceof RangeBody) await body.writeTo(handle, cursor, end, ctx.onBytes, ctx.signal);
          else await streamInto(body, handle, cursor, end, ctx.onBytes);
        } finally {
          position = cursor.position;
          body.destroy();
        }
      } catch (error) {
        // The next attempt (this error carries no HTTP status, so it is retried) uses the SDK handler.
        if (fast && error instanceof UnsupportedResponseError) fast.unsupported = true;
        throw error;
      }
      if (position < end) throw new ShortBodyError(key, end - start, position - start);
    },
    { ...ctx.retry, signal: ctx.signal },
  );
}

/**
 * Writes `body` into `handle` from `cursor.position` up to `end`, advancing the cursor as each
 * write lands (a retry resumes from there). The body flows ('data' events) rather than being
 * iterated: an async iterator leaves each ~64 KiB socket chunk above the stream's 16 KiB
 * high-water mark, which pauses and resumes the socket once per chunk. Here the socket pauses
 * only while a full batch waits behind the write in flight, and chunks are gathered into one
 * positional writev per batch. Settles only once no write is in flight.
 */
function streamInto(body: Readable, handle: FileHandle, cursor: { position: number }, end: number, onBytes?: (bytes: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let batch: Buffer[] = [];
    let batched = 0;
    let received = cursor.position;
    let writing = false;
    let finished = false;
    let failure: { error: unknown } | undefined;
    const settle = (): void => {
      if (writing) return;
      if (failure) reject(failure.error);
      else if (finished && batched === 0) resolve();
    };
    const fail = (error: unknown): void => {
      failure ??= { error };
      finished = true;
      body.pause();
      settle();
    };
    const write = (): void => {
      if (writing || failure || batched === 0 || (batched < WRITE_BATCH && !finished)) return settle();
      const buffers = batch;
      const bytes = batched;
      batch = [];
      batched = 0;
      writing = true;
      handle.writev(buffers, cursor.position).then(
        ({ bytesWritten }) => {
          writing = false;
          cursor.position += bytesWritten;
          onBytes?.(bytesWritten);
          if (bytesWritten !== bytes) return fail(new Error(`short write: ${bytesWritten} of ${bytes} bytes`));
          if (!finished && body.isPaused()) body.resume();
          write();
        },
        (error: unknown) => {
          writing = false;
          fail(new LocalWriteError(error));
        },
      );
    };
    const stop = (): void => {
      if (finished) return;
      finished = true;
      write();
    };
    body.on('data', (chunk: Buffer) => {
      if (finished) return;
      // A server that ignores Range (or an object longer than the manifest says) must not
      // write past this range: the extra bytes belong to another range or to no file.
      const room = end - received;
      const slice = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (slice.length > 0) {
        batch.push(slice);
        batched += slice.length;
        received += slice.length;
      }
      if (received === end) return stop();
      if (batched >= WRITE_BATCH) {
        if (writing) body.pause();
        else write();
      }
    });
    body.on('end', stop);
    // Closed without 'end' (a dropped connection): what arrived is written, and the caller's
    // length check turns the gap into a retried short body.
    body.on('close', stop);
    body.on('error', fail);
  });
}

/** Tracks which ranges are complete and tells the hasher each time the contiguous prefix grows. */
class OrderedHasher {
  private readonly complete: boolean[];
  private next = 0;

  constructor(
    private readonly sink: { upTo: (end: number) => void },
    count: number,
    private readonly rangeSize: number,
    private readonly size: number,
  ) {
    this.complete = new Array<boolean>(count).fill(false);
  }

  done(index: number): void {
    this.complete[index] = true;
    let advanced = false;
    while (this.next < this.complete.length && this.complete[this.next]) {
      this.next++;
      advanced = true;
    }
    if (advanced) this.sink.upTo(Math.min(this.size, this.next * this.rangeSize));
  }
}
