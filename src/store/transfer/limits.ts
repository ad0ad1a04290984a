/** Counting semaphore: at most `size` holders at once, FIFO. */
export class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }
}

/**
 * A fixed set of equally sized buffers. Peak memory of a transfer is `count × size`, whatever the
 * artifact's size: a part's bytes live in a pooled buffer from its read until its upload ends.
 */
export class BufferPool {
  private readonly idle: Buffer[] = [];
  private readonly gate: Semaphore;

  /** `shared`: buffers in SharedArrayBuffers, which a worker thread can read without a copy. */
  constructor(
    readonly count: number,
    readonly size: number,
    readonly shared = false,
  ) {
    this.gate = new Semaphore(count);
  }

  async acquire(): Promise<Buffer> {
    await this.gate.acquire();
    // Allocated lazily: a small artifact never pays for the whole pool.
    return this.idle.pop() ?? (this.shared ? Buffer.from(new SharedArrayBuffer(this.size)) : Buffer.allocUnsafeSlow(this.size));
  }

  release(buffer: Buffer): void {
    this.idle.push(buffer);
    this.gate.release();
  }
}

/**
 * Runs `worker` over `items` with at most `limit` at once. The first failure (in time) rejects,
 * after the lanes in flight have settled; `onFailure` lets the caller stop them sooner.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
  onFailure?: (error: unknown) => void,
): Promise<void> {
  let next = 0;
  let failed = false;
  let first: unknown;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        await worker(items[index]!, index);
      } catch (error) {
        if (!failed) {
          failed = true;
          first = error;
          onFailure?.(error);
        }
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failed) throw first;
}

/**
 * A signal that fires when `parent` does or when `fail()` is called: one failing file or range
 * stops its siblings instead of letting them run to the end.
 */
export function childAbort(parent: AbortSignal | undefined): { signal: AbortSignal; fail: (reason: unknown) => void; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    fail: (reason) => controller.abort(reason),
    dispose: () => parent?.removeEventListener('abort', onAbort),
  };
}
