import type { FileHandle } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import net from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import { LocalWriteError } from '../transfer/local-write.js';

/**
 * The receive path of ranged GETs, the one part of a download the SDK's Node handler makes slow:
 * Node's HTTP client allocates a fresh 64 KiB buffer for every socket read, so a GiB arrives as
 * ~16,000 short-lived off-heap buffers, whose external-memory pressure forces full GCs (~4.5
 * CPU-s per GiB against the AWS CLI's 2.4).
 *
 * This handler is plugged into an S3 client as its `requestHandler`, so the SDK still resolves the
 * endpoint, signs (SigV4), parses error responses and applies its retry policy; only the bytes
 * take another road. Sockets are read with `onread` into a buffer the connection owns: the body of
 * a 2xx response lands directly in it and is written to the file from there every 256 KiB, with
 * no allocation and no copy per read. TLS is node:tls, as in Node's own https.
 *
 * Scope: HTTP/1.1 GETs with a Range header, answered with a Content-Length. Anything else it is
 * handed throws UnsupportedResponseError, and the caller goes back to the SDK's own handler.
 */

/** The smithy HttpRequest fields this handler reads (the SDK hands in a signed request). */
export interface SignedRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
  query?: Record<string, string | string[] | null> | undefined;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RangedGetOptions {
  /** Milliseconds to establish a connection (the SDK handler's connectionTimeout). */
  connectionTimeout?: number;
  /** Milliseconds a socket may stay silent mid-request (the SDK handler's requestTimeout). */
  requestTimeout?: number;
}

/** A response this handler does not read (no Content-Length, chunked): the SDK's handler should. */
export class UnsupportedResponseError extends Error {
  constructor(detail: string) {
    super(`ranged GET: ${detail}; falling back to the SDK's HTTP handler`);
    this.name = 'UnsupportedResponseError';
  }
}

const HEAD_LIMIT = 16 * 1024;
/**
 * A body is written to the file each time this much of it has arrived: small enough that the
 * bytes are still in this core's cache when the kernel copies them into the page cache.
 */
const WRITE_BATCH = 256 * 1024;
const STREAM_CHUNK = 64 * 1024;

export class RangedGetHandler {
  private readonly idle = new Map<string, Connection[]>();
  constructor(private readonly options: RangedGetOptions = {}) {}

  /** The SDK's HttpHandler contract. */
  async handle(request: SignedRequest, options: { abortSignal?: AbortSignal | { aborted: boolean } } = {}): Promise<{ response: HttpResponseLike }> {
    if (request.method !== 'GET' || (request.body !== undefined && request.body !== null)) throw new UnsupportedResponseError(`${request.method} with a body is not a ranged GET`);
    const signal = options.abortSignal as AbortSignal | undefined;
    signal?.throwIfAborted?.();
    const origin = `${request.protocol}//${request.hostname}:${request.port ?? (request.protocol === 'https:' ? 443 : 80)}`;
    const head = requestHead(request);
    // A kept-alive socket the server closed while idle fails before any byte of an answer: that
    // is no fault of the request, so it goes once more on a fresh connection.
    for (;;) {
      const reused = this.takeIdle(origin);
      const connection = reused ?? this.connect(request);
      try {
        const response = await connection.exchange(head, signal, (c) => this.release(origin, c));
        return { response };
      } catch (error) {
        connection.destroy();
        if (reused && error instanceof StaleConnectionError) continue;
        throw error;
      }
    }
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    for (const list of this.idle.values()) for (const c of list) c.destroy();
    this.idle.clear();
  }

  private takeIdle(origin: string): Connection | undefined {
    const list = this.idle.get(origin);
    while (list && list.length > 0) {
      const c = list.pop()!;
      if (c.alive()) {
        c.ref();
        return c;
      }
    }
    return undefined;
  }

  private release(origin: string, c: Connection): void {
    // Like Node's http.Agent: an idle kept-alive socket does not keep the process running.
    c.unref();
    const list = this.idle.get(origin) ?? [];
    list.push(c);
    this.idle.set(origin, list);
  }

  private connect(request: SignedRequest): Connection {
    return new Connection(request, this.options);
  }
}

export interface HttpResponseLike {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Readable;
}

class StaleConnectionError extends Error {
  constructor(cause: unknown) {
    super(`connection closed before the response began: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StaleConnectionError';
  }
}

/**
 * What the socket's reads feed at a given moment. Node decides where a read lands when the
 * previous read is handed over (it asks `target()` right after `received()`), not when the read
 * happens: so the first read after a hand-over between consumers may land in the buffer the
 * previous one named, and `received` is told where the bytes actually are.
 */
interface Consumer {
  target(): Buffer;
  /** `bytes` arrived at the start of `landed`; false pauses the socket. */
  received(bytes: number, landed: Buffer): boolean;
  ended(error?: Error): void;
}

/** One HTTP/1.1 connection: one request at a time, its response read straight into owned buffers. */
class Connection {
  private readonly socket: net.Socket;
  private consumer: Consumer | undefined;
  private readonly headBuffer = Buffer.allocUnsafeSlow(HEAD_LIMIT);
  private bodyBuffer: Buffer | undefined;
  private closed = false;
  /** Responses fully read on this connection: a failure before the next one's first byte means the server closed it while idle. */
  private exchanges = 0;

  constructor(request: SignedRequest, options: RangedGetOptions) {
    const port = request.port ?? (request.protocol === 'https:' ? 443 : 80);
    const onread = {
      buffer: () => this.consumer?.target() ?? this.headBuffer,
      callback: (n: number, landed: Uint8Array) => {
        if (this.consumer) return this.consumer.received(n, landed as Buffer);
        // Bytes nobody asked for (past a response's end): this connection cannot be trusted again.
        this.destroy();
        return false;
      },
    };
    const host = request.hostname.replace(/^\[(.*)\]$/, '$1');
    this.socket =
      request.protocol === 'https:'
        ? // node:tls honours `onread` like net does (Node's docs list it); its types leave it out.
          tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'], onread } as tls.ConnectionOptions)
        : net.connect({ host, port, onread });
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true);
    const connectTimeout = options.connectionTimeout ?? 10_000;
    const connectTimer = setTimeout(() => this.socket.destroy(new Error(`connecting to ${host}:${port} timed out after ${connectTimeout} ms`)), connectTimeout);
    this.socket.once(request.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    const idle = options.requestTimeout ?? 120_000;
    this.socket.setTimeout(idle, () => this.socket.destroy(new Error(`no data from ${host}:${port} for ${idle} ms`)));
    const end = (error?: Error): void => {
      clearTimeout(connectTimer);
      this.closed = true;
      const consumer = this.consumer;
      this.consumer = undefined;
      consumer?.ended(error);
    };
    this.socket.on('error', (error) => end(error));
    this.socket.on('end', () => end());
    this.socket.on('close', () => end());
  }

  alive(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  ref(): void {
    this.socket.ref();
  }

  unref(): void {
    this.socket.unref();
  }

  /** Sends the request head and reads the response head; the body is left for the returned Readable. */
  exchange(head: string, signal: AbortSignal | undefined, release: (c: Connection) => void): Promise<HttpResponseLike> {
    return new Promise((resolve, reject) => {
      let filled = 0;
      const onAbort = (): void => void this.socket.destroy(abortError(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const fail = (error: unknown): false => {
        signal?.removeEventListener('abort', onAbort);
        this.consumer = undefined;
        this.destroy();
        reject(error);
        return false;
      };
      this.consumer = {
        target: () => this.headBuffer.subarray(filled),
        received: (n, landed) => {
          if (!inPlace(landed, this.headBuffer, filled)) {
            if (n > HEAD_LIMIT - filled) return fail(new Error(`ranged GET: response head larger than ${HEAD_LIMIT} bytes`));
            landed.copy(this.headBuffer, filled, 0, n);
          }
          filled += n;
          let parsed: ParsedHead | undefined;
          try {
            parsed = parseHead(this.headBuffer, filled);
          } catch (error) {
            return fail(error);
          }
          if (parsed === undefined) return filled < HEAD_LIMIT || fail(new Error(`ranged GET: response head larger than ${HEAD_LIMIT} bytes`));
          signal?.removeEventListener('abort', onAbort);
          this.consumer = undefined;
          // The few body bytes that came with the head are copied once; later reads land in place.
          const early = Buffer.from(this.headBuffer.subarray(parsed.length, filled));
          try {
            resolve(this.response(parsed, early, release));
          } catch (error) {
            this.destroy();
            reject(error);
          }
          return false;
        },
        ended: (error) => {
          signal?.removeEventListener('abort', onAbort);
          const cause = error ?? new Error('connection closed');
          reject(filled === 0 && this.exchanges > 0 ? new StaleConnectionError(cause) : cause);
        },
      };
      this.socket.resume();
      this.socket.write(head);
    });
  }

  private response(head: ParsedHead, early: Buffer, release: (c: Connection) => void): HttpResponseLike {
    const lengthHeader = head.headers['content-length'];
    const chunked = /chunked/i.test(head.headers['transfer-encoding'] ?? '');
    const ok = head.statusCode >= 200 && head.statusCode < 300;
    if (chunked || (ok && lengthHeader === undefined)) throw new UnsupportedResponseError(`HTTP ${head.statusCode} ${chunked ? 'with chunked encoding' : 'without Content-Length'}`);
    const length = lengthHeader === undefined ? Infinity : Number(lengthHeader);
    if (length !== Infinity && !(Number.isSafeInteger(length) && length >= 0)) throw new Error(`ranged GET: bad Content-Length ${JSON.stringify(lengthHeader)}`);
    // Bytes beyond the declared length mean the framing cannot be trusted for another response.
    const reusable = length !== Infinity && head.keepAlive && early.length <= length;
    const body = new RangeBody(this, length, early.subarray(0, Math.min(early.length, length)), () => {
      this.exchanges++;
      if (reusable && this.alive()) release(this);
      else this.destroy();
    });
    return { statusCode: head.statusCode, reason: head.reason, headers: head.headers, body };
  }

  /** Reads feed `consumer` from now on. */
  attach(consumer: Consumer): void {
    if (this.closed) return consumer.ended();
    this.consumer = consumer;
    this.socket.resume();
  }

  detach(): void {
    this.consumer = undefined;
  }

  resume(): void {
    if (!this.closed) this.socket.resume();
  }

  /** The buffer a response body is read into: allocated once per connection, reused by every range it carries. */
  buffer(): Buffer {
    this.bodyBuffer ??= Buffer.allocUnsafeSlow(2 * WRITE_BATCH);
    return this.bodyBuffer;
  }
}

function inPlace(landed: Buffer, buffer: Buffer, offset: number): boolean {
  return landed.buffer === buffer.buffer && landed.byteOffset === buffer.byteOffset + offset;
}

/**
 * A response body. `writeTo` is the fast road (socket → owned buffer → positional write); read
 * as a plain Readable (an error response the SDK parses, any other consumer) it allocates per
 * read like any stream.
 */
export class RangeBody extends Readable {
  private remaining: number;
  private early: Buffer | undefined;
  private done = false;
  private streaming = false;
  /** While writeTo has writes in flight from the connection's buffers, the connection is not free. */
  private holding = false;
  private released = false;

  constructor(
    private readonly connection: Connection,
    readonly length: number,
    early: Buffer,
    private readonly finish: () => void,
  ) {
    super();
    this.remaining = length;
    this.early = early.length > 0 ? early : undefined;
    if (this.remaining === 0) this.complete();
  }

  /**
   * Writes the body into `handle` from `cursor.position`, advancing the cursor as each write lands
   * (a retry resumes from there). Socket reads land in the connection's buffer in place, and each
   * WRITE_BATCH is written at once, synchronously, on this thread: the kernel's copy into the page
   * cache then reads bytes still in this core's cache. Written in 1 MiB batches by libuv's thread
   * pool, as before, the same copy cost 0.1 to 1.1 CPU-s per GiB depending on where the pool
   * thread ran (perf: copy_folio_from_iter_atomic), and a download ~20% more wall time. A
   * page-cache write blocks only under dirty-page throttling, when the disk is the limit anyway.
   * Resolves at `end`, or early when the connection closes (the caller's length check turns that
   * into a retried short body). Never writes past `end`, whatever the server sends.
   */
  writeTo(handle: FileHandle, cursor: { position: number }, end: number, onBytes: ((bytes: number) => void) | undefined, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const buffer = this.connection.buffer();
      let fill = 0;
      let limit = Math.min(this.remaining, end - cursor.position);
      let finished = false;
      const finish = (error?: Error): void => {
        if (finished) return;
        finished = true;
        signal?.removeEventListener('abort', onAbort);
        this.holding = false;
        if (this.done) this.release();
        if (error) reject(error);
        else resolve();
      };
      const fail = (error: Error): void => {
        this.connection.detach();
        this.connection.destroy();
        finish(error);
      };
      const onAbort = (): void => fail(abortError(signal));
      const flush = (): boolean => {
        if (fill === 0) return true;
        try {
          // A short write is what a disk reaching its limit answers first; the next says why.
          for (let done = 0; done < fill; ) {
            const written = writeSync(handle.fd, buffer, done, fill - done, cursor.position);
            if (written === 0) throw new Error(`wrote nothing at byte ${cursor.position}`);
            cursor.position += written;
            done += written;
            onBytes?.(written);
          }
          fill = 0;
          return true;
        } catch (error) {
          fail(new LocalWriteError(error));
          return false;
        }
      };
      const stop = (error?: Error): void => {
        if (finished) return;
        if (flush()) finish(error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.holding = true;
      if (this.early) {
        const n = Math.min(this.early.length, limit);
        this.early.copy(buffer, 0, 0, n);
        fill = n;
        limit -= n;
        this.consumed(this.early.length);
        this.early = undefined;
      }
      if (limit === 0 || this.done) return stop();
      this.connection.attach({
        target: () => buffer.subarray(fill, fill + Math.min(buffer.length - fill, limit)),
        received: (n, landed) => {
          const take = Math.min(n, limit);
          // The first read after the hand-over may have landed in the head buffer: copy it.
          if (!inPlace(landed, buffer, fill)) landed.copy(buffer, fill, 0, take);
          fill += take;
          limit -= take;
          this.consumed(n);
          if (limit === 0) {
            this.connection.detach();
            stop();
            return false;
          }
          return fill < WRITE_BATCH || flush();
        },
        ended: (error) => stop(error),
      });
    });
  }

  override _read(): void {
    if (this.early) {
      const chunk = this.early;
      this.early = undefined;
      this.consumed(chunk.length);
      this.push(chunk);
      if (this.done) this.push(null);
      return;
    }
    if (this.done) {
      this.push(null);
      return;
    }
    if (this.streaming) return this.connection.resume();
    this.streaming = true;
    let chunk: Buffer | undefined;
    this.connection.attach({
      target: () => (chunk = Buffer.allocUnsafe(Math.min(STREAM_CHUNK, this.remaining))),
      received: (n, landed) => {
        const bytes = Math.min(n, this.remaining);
        const data = landed === chunk ? landed.subarray(0, bytes) : Buffer.from(landed.subarray(0, bytes));
        this.consumed(bytes);
        const more = this.push(data);
        if (this.done) {
          this.connection.detach();
          this.push(null);
          return false;
        }
        return more;
      },
      ended: (error) => {
        if (this.done) return;
        if (this.remaining === Infinity && !error) {
          this.remaining = 0;
          this.complete();
          this.push(null);
        } else this.destroy(error ?? new Error(`connection closed with ${this.remaining} bytes of the body unread`));
      },
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // A body dropped before its end leaves the connection mid-response: it cannot carry another.
    if (!this.done) this.connection.destroy();
    callback(error);
  }

  private consumed(n: number): void {
    this.remaining -= n;
    if (this.remaining <= 0) {
      this.remaining = 0;
      this.complete();
    }
  }

  private complete(): void {
    this.done = true;
    if (!this.holding) this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.finish();
  }
}

interface ParsedHead {
  statusCode: number;
  reason: string;
  headers: Record<string, string>;
  /** Bytes of the head, blank line included. */
  length: number;
  keepAlive: boolean;
}

/** Parses a response head once its blank line has arrived; skips interim 1xx responses. */
function parseHead(buffer: Buffer, filled: number): ParsedHead | undefined {
  let start = 0;
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n', start, 'latin1');
    if (end < 0 || end + 4 > filled) return undefined;
    const lines = buffer.toString('latin1', start, end).split('\r\n');
    const status = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0]!);
    if (!status) throw new Error(`ranged GET: not an HTTP/1.x response (${JSON.stringify(lines[0]!.slice(0, 40))})`);
    const statusCode = Number(status[2]);
    if (statusCode >= 100 && statusCode < 200) {
      start = end + 4;
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const connection = (headers.connection ?? '').toLowerCase();
    const keepAlive = status[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    return { statusCode, reason: status[3] ?? '', headers, length: end + 4, keepAlive };
  }
}

function requestHead(request: SignedRequest): string {
  const query = buildQuery(request.query);
  const lines = [`GET ${request.path}${query ? `?${query}` : ''} HTTP/1.1`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error(`ranged GET: header ${name} contains a line break`);
    lines.push(`${name}: ${value}`);
  }
  if (!Object.keys(request.headers).some((h) => h.toLowerCase() === 'host')) {
    lines.push(`host: ${request.hostname}${request.port ? `:${request.port}` : ''}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** RFC 3986 encoding, keys sorted: what SigV4 signed and what the SDK's own handler sends. */
function buildQuery(query: SignedRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const name = escape(key);
    if (value === null || value === undefined) parts.push(name);
    else if (Array.isArray(value)) for (const v of value) parts.push(`${name}=${escape(v)}`);
    else parts.push(`${name}=${escape(value)}`);
  }
  return parts.join('&');
}

function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}
