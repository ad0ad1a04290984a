import { Worker } from 'node:worker_threads';

/**
 * SHA-256 off the main thread. Downloads: the main thread keeps draining sockets while the worker
 * reads back and hashes each file's completed prefix. Uploads: the worker hashes each part in the
 * shared memory it is sent from (no copy), in order, while the part is on the wire. The worker is
 * inline (eval) so the bundled action needs no second entry point.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const files = new Map();
const buffer = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
parentPort.on('message', (m) => {
  try {
    if (m.type === 'open') {
      files.set(m.id, { fd: fs.openSync(m.path, 'r'), hash: createHash('sha256'), at: 0 });
    } else if (m.type === 'stream') {
      files.set(m.id, { fd: undefined, hash: createHash('sha256'), at: 0 });
    } else if (m.type === 'chunk') {
      const f = files.get(m.id);
      f.hash.update(new Uint8Array(m.memory, m.offset, m.length));
      f.at += m.length;
      parentPort.postMessage({ id: m.id, chunk: m.seq });
    } else if (m.type === 'upto') {
      const f = files.get(m.id);
      while (f.at < m.end) {
        const n = fs.readSync(f.fd, buffer, 0, Math.min(buffer.length, m.end - f.at), f.at);
        if (n === 0) break;
        f.hash.update(buffer.subarray(0, n));
        f.at += n;
      }
    } else if (m.type === 'digest' || m.type === 'drop') {
      const f = files.get(m.id);
      files.delete(m.id);
      if (f && f.fd !== undefined) fs.closeSync(f.fd);
      if (m.type === 'digest') parentPort.postMessage({ id: m.id, sha256: f.hash.digest('hex'), hashed: f.at });
    }
  } catch (error) {
    parentPort.postMessage({ id: m.id, chunk: m.type === 'chunk' ? m.seq : undefined, error: String(error && error.message || error) });
  }
});
`;

export class HashWorker {
  private readonly worker = new Worker(SOURCE, { eval: true });
  private readonly waiting = new Map<number, { resolve: (r: { sha256: string; hashed: number }) => void; reject: (e: Error) => void }>();
  private readonly chunks = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor() {
    this.worker.on('message', (m: { id: number; sha256?: string; hashed?: number; chunk?: number; error?: string }) => {
      if (m.chunk !== undefined) {
        const key = `${m.id}:${m.chunk}`;
        const waiter = this.chunks.get(key);
        this.chunks.delete(key);
        if (m.error !== undefined) waiter?.reject(new Error(`hashing failed: ${m.error}`));
        else waiter?.resolve();
        return;
      }
      const waiter = this.waiting.get(m.id);
      if (m.error !== undefined) {
        // An error on a message nobody awaits yet (open, upto) surfaces at that file's digest.
        this.failure ??= new Error(`hashing failed: ${m.error}`);
      }
      if (!waiter) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined || m.sha256 === undefined) waiter.reject(new Error(`hashing failed: ${m.error ?? 'no digest'}`));
      else waiter.resolve({ sha256: m.sha256, hashed: m.hashed ?? 0 });
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('the hashing thread exited')));
  }

  /** Starts hashing `path`; feed it with `upTo` as its prefix completes, in order. */
  open(path: string): { upTo: (end: number) => void; digest: () => Promise<{ sha256: string; hashed: number }>; drop: () => void } {
    const id = this.nextId++;
    this.worker.postMessage({ type: 'open', id, path });
    return {
      upTo: (end) => this.worker.postMessage({ type: 'upto', id, end }),
      digest: () => this.digest(id),
      drop: () => this.worker.postMessage({ type: 'drop', id }),
    };
  }

  /**
   * Hashes a stream of chunks in the order given. Each chunk must live in a SharedArrayBuffer
   * (see BufferPool's `shared`); `update` resolves once the worker has read it, so the caller may
   * then reuse the memory.
   */
  stream(): { update: (chunk: Buffer) => Promise<void>; digest: () => Promise<{ sha256: string; hashed: number }>; drop: () => void } {
    const id = this.nextId++;
    let seq = 0;
    this.worker.postMessage({ type: 'stream', id });
    return {
      update: (chunk) => {
        if (!(chunk.buffer instanceof SharedArrayBuffer)) throw new Error('HashWorker.stream: chunks must be in shared memory');
        const key = `${id}:${seq}`;
        const done = new Promise<void>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          this.chunks.set(key, { resolve, reject });
        });
        this.worker.postMessage({ type: 'chunk', id, seq: seq++, memory: chunk.buffer, offset: chunk.byteOffset, length: chunk.length });
        return done;
      },
      digest: () => this.digest(id),
      drop: () => this.worker.postMessage({ type: 'drop', id }),
    };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  /** The SHA-256 of everything hashed under `id`; the worker forgets it. */
  private digest(id: number): Promise<{ sha256: string; hashed: number }> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'digest', id });
    });
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
    for (const waiter of this.chunks.values()) waiter.reject(error);
    this.chunks.clear();
  }
}
