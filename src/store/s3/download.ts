import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ManifestFile } from '../../core/manifest.js';
import { IntegrityError, MissingFileError } from '../integrity.js';
import type { HashWorker } from '../transfer/hash-worker.js';
import type { BufferPool, Semaphore } from '../transfer/limits.js';
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
  /**
   * One buffer per range (its size is the range size), shared with the hashing thread: a range's
   * bytes stay in memory from the socket until they are written and hashed. Bounds the memory of a
   * download, whatever its size.
   */
  memory: BufferPool;
  signal: AbortSignal;
  retry: RetryOptions;
  onBytes?: ((bytes: number) => void) | undefined;
  /** Hashes each file's ranges, in order, off the main thread. */
  hasher: HashWorker;
  /** Called when a range gives up: stops every other transfer of this download. */
  fail?: (error: unknown) => void;
}

const WRITE_BATCH = 1024 * 1024;

/**
 * Downloads `key` into `destination` with parallel ranged GETs. Each range streams into a buffer
 * of its own, is written positionally from there as it arrives, and a range that fails or comes
 * back short resumes from its last written byte. The file is checked against the manifest's size
 * and SHA-256, hashed from the same buffers: a worker thread hashes each range as soon as the
 * ranges before it are done, in shared memory, so verification overlaps the download on another
 * core and never reads the file back.
 */
export async function downloadFile(ctx: DownloadContext, key: string, entry: ManifestFile, destination: string): Promise<void> {
  const handle = await open(destination, 'wx');
  const hashing = ctx.hasher.stream();
  const inOrder = new InOrder(hashing);
  let digested = false;
  try {
    await handle.truncate(entry.size);
    const rangeSize = ctx.memory.size;
    const count = Math.ceil(entry.size / rangeSize);
    const tasks: Promise<void>[] = [];
    for (let index = 0; index < count; index++) {
      const start = index * rangeSize;
      const end = Math.min(entry.size, start + rangeSize);
      // Buffers are taken in file order (the pool is FIFO), so the earliest range still being
      // fetched always holds one: the ranges held back for the hash wait on a range that can finish.
      const buffer = ctx.memory.acquire();
      tasks.push(
        buffer.then(async (memory: Buffer) => {
          let held = true;
          try {
            await ctx.ranges.run(() => fetchRange(ctx, handle, memory, key, start, end));
            held = false;
            inOrder.done(index, memory.subarray(0, end - start), () => ctx.memory.release(memory));
          } catch (caught) {
            // 404 comes back as a bare 'UnknownError' (a ranged GET's error has no body to parse).
            const error = httpStatus(caught) === 404 ? new MissingFileError(entry.path, `s3://${ctx.bucket}/${key}`) : caught;
            ctx.fail?.(error);
            throw error;
          } finally {
            if (held) ctx.memory.release(memory);
          }
        }),
      );
    }
    const settled = await Promise.allSettled(tasks);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    ctx.signal.throwIfAborted();
    await inOrder.drained();
    digested = true;
    const { sha256 } = await hashing.digest();
    const size = (await handle.stat()).size;
    if (size !== entry.size || sha256 !== entry.sha256) {
      throw new IntegrityError(entry.path, `expected ${entry.size} bytes with sha256 ${entry.sha256}, got ${size} bytes with sha256 ${sha256}`);
    }
  } finally {
    if (!digested) {
      inOrder.abandon();
      hashing.drop();
    }
    await handle.close();
  }
}

async function fetchRange(ctx: DownloadContext, handle: FileHandle, memory: Buffer, key: string, start: number, end: number): Promise<void> {
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
          if (body instanceof RangeBody) await body.writeTo(handle, memory, start, cursor, end, ctx.onBytes, ctx.signal);
          else await streamInto(body, handle, memory, start, cursor, end, ctx.onBytes);
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
 * The same as RangeBody.writeTo for a body from the SDK's own HTTP handler (a response ranged-get.ts
 * does not read): each chunk is copied into `memory`, which holds the file's bytes from `base` on,
 * and what has arrived is written from there in batches, advancing the cursor as each write lands
 * (a retry resumes from there). The body flows ('data' events); it pauses only while a full batch
 * waits behind the write in flight. Settles only once no write is in flight.
 */
function streamInto(
  body: Readable,
  handle: FileHandle,
  memory: Buffer,
  base: number,
  cursor: { position: number },
  end: number,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = cursor.position;
    let writing = false;
    let finished = false;
    let failure: { error: unknown } | undefined;
    const settle = (): void => {
      if (writing) return;
      if (failure) reject(failure.error);
      else if (finished && received === cursor.position) resolve();
    };
    const fail = (error: unknown): void => {
      failure ??= { error };
      finished = true;
      body.pause();
      settle();
    };
    const write = (): void => {
      const bytes = received - cursor.position;
      if (writing || failure || bytes === 0 || (bytes < WRITE_BATCH && !finished)) return settle();
      writing = true;
      handle.write(memory, cursor.position - base, bytes, cursor.position).then(
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
          fail(error);
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
      const take = Math.min(chunk.length, end - received);
      chunk.copy(memory, received - base, 0, take);
      received += take;
      if (received === end) return stop();
      if (received - cursor.position >= WRITE_BATCH) {
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

/**
 * Hands finished ranges to the hash in file order: a range that finishes early waits, in its
 * buffer, for the ones before it. Each buffer is released once the worker has hashed it.
 */
class InOrder {
  private readonly ready = new Map<number, { bytes: Buffer; release: () => void }>();
  private next = 0;
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly hashing: { update: (chunk: Buffer) => Promise<void> }) {}

  done(index: number, bytes: Buffer, release: () => void): void {
    this.ready.set(index, { bytes, release });
    for (let range = this.ready.get(this.next); range; range = this.ready.get(this.next)) {
      this.ready.delete(this.next++);
      const { release: free } = range;
      const hashed = this.hashing.update(range.bytes).then(
        () => free(),
        (error: unknown) => {
          free();
          this.failure ??= { error };
        },
      );
      this.pending.add(hashed);
      void hashed.finally(() => this.pending.delete(hashed));
    }
  }

  /** Resolves once every range handed over so far is hashed; rejects if hashing failed. */
  async drained(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure.error;
  }

  /** Releases the buffers of ranges still waiting (a download that failed). */
  abandon(): void {
    for (const { release } of this.ready.values()) release();
    this.ready.clear();
  }
}
