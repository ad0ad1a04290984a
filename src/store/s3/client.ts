import { S3Client } from '@aws-sdk/client-s3';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

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

/**
 * One S3 client for the store. Credentials come from the SDK's default chain (env, OIDC web
 * identity, profiles, instance roles).
 *
 * Checksums: SDKs ≥ 3.729 add CRC32 to every request and validate every response. Several
 * S3-compatible stores reject that, and our own SHA-256 in the manifest is the end-to-end check,
 * so we ask for checksums only where an operation requires them.
 */
export function createS3Client(options: S3ClientOptions): S3Client {
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
    requestHandler: {
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      connectionTimeout: 10_000,
      requestTimeout: 120_000,
    },
  });
}
