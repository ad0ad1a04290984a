import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { RangedGetHandler } from './ranged-get.js';

export interface S3ClientOptions {
  /** Custom endpoint (Ceph RGW, MinIO, R2 …); AWS when absent. */
  endpoint?: string | undefined;
  forcePathStyle?: boolean | undefined;
  region?: string | undefined;
  /** Sockets per host; transfers run this many requests at once at most. */
  maxSockets?: number;
  /** SDK attempts per request (the transfer engine retries parts and ranges on its own as well). */
  maxAttempts?: number;
}

const CONNECTION_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * One S3 client for the store. Credentials come from the SDK's default chain (env, OIDC web
 * identity, profiles, instance roles).
 *
 * Checksums: SDKs ≥ 3.729 add CRC32 to every request and validate every response. Several
 * S3-compatible stores reject that, and our own SHA-256 in the manifest is the end-to-end check,
 * so we ask for checksums only where an operation requires them.
 */
export function createS3Client(options: S3ClientOptions, requestHandler?: RangedGetHandler): S3Client {
  const maxSockets = options.maxSockets ?? 32;
  return new S3Client({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // No `Expect: 100-continue` round trip before every part: parts are small enough to resend.
    expectContinueHeader: false,
    // Transfers retry each part themselves (with backoff and a fresh request); metadata calls keep
    // the SDK's standard retries.
    maxAttempts: options.maxAttempts ?? 3,
    // Options object (not a handler instance): the SDK builds its own Node handler from it.
    requestHandler: (requestHandler as unknown as NodeHttpHandlerOptions | undefined) ?? {
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
    },
  });
}

/**
 * The client of a download's ranged GETs: the same settings, signing and error handling, with the
 * receive path of ranged-get.ts instead of Node's HTTP client (see there for why).
 */
export function createS3RangeClient(options: S3ClientOptions): { client: S3Client; handler: RangedGetHandler } {
  const handler = new RangedGetHandler({ connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS });
  return { client: createS3Client(options, handler), handler };
}

type NodeHttpHandlerOptions = Exclude<NonNullable<S3ClientConfig['requestHandler']>, { handle: unknown }>;
