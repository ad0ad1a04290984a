import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of RGW that injects faults into chosen requests. The Host header passes
 * through untouched, so SigV4 signatures made for the proxy's address still verify upstream.
 */
export type Fault =
  /** Cut the connection after reading part of the request body (a reset mid-part). */
  | { kind: 'reset-request' }
  /** Forward, then cut the connection after part of the response body (a reset mid-range). */
  | { kind: 'reset-response' }
  /** Answer 503 SlowDown without forwarding. */
  | { kind: 'slow-down' }
  /** Forward, but send only half of the body under a Content-Length that claims it is whole. */
  | { kind: 'truncate' }
  /**
   * Turn a 412 into 200: what a client sees from a store that ignores If-None-Match (stripping
   * the header instead would break the request's signature).
   */
  | { kind: 'ignore-if-none-match' }
  /**
   * Forward the whole request and let the server answer it, then cut the connection instead of
   * passing the answer on: the write happened, the client never learns so and retries.
   */
  | { kind: 'drop-response' }
  /** Forward after a pause (keeps an upload in flight long enough to interrupt it). */
  | { kind: 'delay'; ms: number }
  /** Forward with the body re-framed as chunked transfer encoding (no Content-Length), as some proxies do. */
  | { kind: 'chunked' };

export interface FaultRule {
  match: (req: http.IncomingMessage) => boolean;
  fault: Fault;
  /** How many matching requests get the fault; Infinity for all. */
  times: number;
  hits?: number;
}

export interface FaultProxy {
  endpoint: string;
  rules: FaultRule[];
  /** Requests seen, as `METHOD path?query`. */
  log: string[];
  /** Client connections accepted (keep-alive reuse keeps this low). */
  connections(): number;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

export const isUploadPart = (req: http.IncomingMessage): boolean => req.method === 'PUT' && /[?&]partNumber=/.test(req.url ?? '');
export const isRangedGet = (req: http.IncomingMessage): boolean => req.method === 'GET' && typeof req.headers.range === 'string';
export const isPut = (req: http.IncomingMessage): boolean => req.method === 'PUT' && !/[?&]partNumber=/.test(req.url ?? '');
/** A single-object PUT whose key contains `part` (e.g. '/manifests/', '/probes/'). */
export const isPutTo =
  (part: string) =>
  (req: http.IncomingMessage): boolean =>
    isPut(req) && (req.url ?? '').includes(part);

export async function startFaultProxy(upstream: string, rules: FaultRule[] = [], options: ProxyOptions = {}): Promise<FaultProxy> {
  const target = new URL(upstream);
  const log: string[] = [];
  let closed = false;
  let connections = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    log.push(`${req.method} ${req.url}`);
    const rule = rules.find((r) => (r.hits ?? 0) < r.times && r.match(req));
    if (rule) rule.hits = (rule.hits ?? 0) + 1;
    const fault = rule?.fault;

    if (fault?.kind === 'slow-down') {
      req.resume();
      req.on('end', () => {
        const body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
        res.writeHead(503, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    if (fault?.kind === 'reset-request') {
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 64 * 1024) req.socket.destroy();
      });
      req.on('end', () => req.socket.destroy());
      return;
    }

    const headers = { ...req.headers };
    const forward = (): void => {
      const upstreamReq = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (upstreamRes) => {
          const status = upstreamRes.statusCode ?? 502;
          const length = Number(upstreamRes.headers['content-length'] ?? 0);
          if (fault?.kind === 'drop-response') {
            upstreamRes.resume();
            upstreamRes.on('end', () => res.socket?.destroy());
            return;
          }
          if (fault?.kind === 'ignore-if-none-match' && status === 412) {
            upstreamRes.resume();
            res.writeHead(200, { etag: '"00000000000000000000000000000000"', 'content-length': '0' });
            res.end();
            return;
          }
          if (fault?.kind === 'chunked') {
            const headers = { ...upstreamRes.headers, 'transfer-encoding': 'chunked' };
            delete headers['content-length'];
            res.writeHead(status, headers);
            upstreamRes.pipe(res);
            return;
          }
          if (fault?.kind === 'truncate' && length > 1) {
            const half = Math.floor(length / 2);
            res.writeHead(status, { ...upstreamRes.headers, 'content-length': String(half) });
            let sent = 0;
            upstreamRes.on('data', (chunk: Buffer) => {
              const room = half - sent;
              if (room > 0) res.write(chunk.subarray(0, room));
              sent += Math.min(room, chunk.length);
            });
            upstreamRes.on('end', () => res.end());
            return;
          }
          res.writeHead(status, upstreamRes.headers);
          if (fault?.kind === 'reset-response' && length > 1) {
            let sent = 0;
            upstreamRes.on('data', (chunk: Buffer) => {
              sent += chunk.length;
              if (sent > length / 3) {
                upstreamRes.destroy();
                res.socket?.destroy();
              } else res.write(chunk);
            });
            return;
          }
          upstreamRes.pipe(res);
        },
      );
      upstreamReq.on('error', () => res.socket?.destroy());
      // A client that goes away mid-request takes the connection with it: the rest of its body
      // never reaches the server (a proxy that finished the request alone would invent writes).
      req.on('close', () => {
        if (!req.complete) upstreamReq.destroy();
      });
      req.pipe(upstreamReq);
    };
    // A delayed request whose client has gone is dropped, as a connection-oriented network would.
    if (fault?.kind === 'delay') setTimeout(() => (req.socket.destroyed || closed ? undefined : forward()), fault.ms);
    else forward();
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  server.on(options.tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    rules,
    log,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        closed = true;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
