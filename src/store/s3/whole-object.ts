import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../../errors.js';
import { isRetryable, ShortBodyError, withRetry, type RetryOptions } from '../transfer/retry.js';

/**
 * Small objects kept outside the artifact layout (timing caches), moved whole: one PUT (which S3
 * applies atomically: readers see the old object or the new one, the last writer wins) and a GET
 * that lands in a temporary file, is checked against its length and the SHA-256 recorded at PUT
 * time, and only then is renamed into place. A single PUT takes up to 5 GiB; timing caches are
 * megabytes.
 */
export interface WholeObjectContext {
  client: S3Client;
  bucket: string;
  retry: RetryOptions;
  signal?: AbortSignal | undefined;
}

const SHA256_META = 'sha256';

export async function putWholeObject(ctx: WholeObjectContext, key: string, file: string): Promise<void> {
  const { size } = await stat(file);
  const sha256 = await hashFile(file);
  await withRetry(async () => {
    // A fresh stream per attempt: a failed attempt has consumed the last one.
    const body = createReadStream(file);
    try {
      await ctx.client.send(
        new PutObjectCommand({ Bucket: ctx.bucket, Key: key, Body: body, ContentLength: size, ContentType: 'application/octet-stream', Metadata: { [SHA256_META]: sha256 } }),
        ctx.signal ? { abortSignal: ctx.signal } : {},
      );
    } finally {
      body.destroy();
    }
  }, { ...ctx.retry, signal: ctx.signal });
}

/** Fetches `key` into `file`; false when there is no such object (and `file` is untouched). */
export async function getWholeObject(ctx: WholeObjectContext, key: string, file: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    return await withRetry(async () => {
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        const response = await ctx.client.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }), ctx.signal ? { abortSignal: ctx.signal } : {});
        const expected = response.ContentLength ?? 0;
        const hash = createHash('sha256');
        let got = 0;
        const tap = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            got += chunk.length;
            done(null, chunk);
          },
        });
        await pipeline(response.Body as Readable, tap, createWriteStream(temporary, { flags: 'wx' }), ...(ctx.signal ? [{ signal: ctx.signal }] : []));
        if (got !== expected) throw new ShortBodyError(key, expected, got);
        const recorded = response.Metadata?.[SHA256_META];
        const actual = hash.digest('hex');
        if (recorded !== undefined && recorded !== actual) throw new UserError(`${key} failed verification: expected sha256 ${recorded}, got ${actual}; not used`);
        await rename(temporary, file);
        return true;
      } finally {
        await rm(temporary, { force: true });
      }
    }, { ...ctx.retry, signal: ctx.signal, retryable: (error) => !(error instanceof UserError) && isRetryable(error) });
  } catch (error) {
    if (status(error) === 404) return false;
    throw error;
  }
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function status(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}
