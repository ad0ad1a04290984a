import { LocalWriteError } from './local-write.js';

/** Retries one idempotent transfer step (a part, a range) with jittered exponential backoff. */
export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  signal?: AbortSignal | undefined;
  /** Injectable so tests of the policy don't sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (error: unknown, attempt: number) => void;
  /** Overrides which failures are worth another try. */
  retryable?: (error: unknown) => boolean;
}

export const defaultRetry: RetryOptions = { attempts: 6, baseDelayMs: 250, maxDelayMs: 10_000 };

export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !(options.retryable ?? isRetryable)(error) || options.signal?.aborted) throw error;
      options.onRetry?.(error, attempt);
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2), options.signal);
    }
  }
}

/** Network failures, throttling, server errors and short bodies are worth another try; client errors are not. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError' || error instanceof LocalWriteError) return false;
  if (error instanceof ShortBodyError) return true;
  const status = httpStatus(error);
  if (status === undefined) return true; // reset, refused, timed out: no HTTP answer at all
  return status >= 500 || status === 408 || status === 429;
}

/** The HTTP status of an S3 SDK error; undefined when no answer came (a reset, a timeout). */
export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** A response body ended before the bytes it promised (a truncating proxy, a dropped connection). */
export class ShortBodyError extends Error {
  constructor(key: string, expected: number, got: number) {
    super(`${key}: response body ended after ${got} of ${expected} bytes`);
    this.name = 'ShortBodyError';
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
