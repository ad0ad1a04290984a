import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { createS3Client } from '../../src/store/s3/client.js';
import { S3Store, type TransferTuning } from '../../src/store/s3/s3-store.js';

export interface Rgw {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/**
 * The Ceph RGW that scripts/services/ceph-rgw.sh starts. Missing env is a failure, never a skip:
 * run the tests through `npm test`, which starts the services and sources their env files.
 */
export function rgw(): Rgw {
  const { EF_S3_ENDPOINT, EF_S3_ACCESS_KEY_ID, EF_S3_SECRET_ACCESS_KEY, EF_S3_REGION } = process.env;
  if (!EF_S3_ENDPOINT || !EF_S3_ACCESS_KEY_ID || !EF_S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'Ceph RGW is not configured: EF_S3_ENDPOINT/EF_S3_ACCESS_KEY_ID/EF_S3_SECRET_ACCESS_KEY are unset. ' +
        'Run `bash scripts/services/ceph-rgw.sh && source .engine-forge/services/ceph-rgw.env` (npm test does both).',
    );
  }
  // The store takes credentials from the SDK's default chain, as in production.
  process.env.AWS_ACCESS_KEY_ID = EF_S3_ACCESS_KEY_ID;
  process.env.AWS_SECRET_ACCESS_KEY = EF_S3_SECRET_ACCESS_KEY;
  return { endpoint: EF_S3_ENDPOINT, accessKeyId: EF_S3_ACCESS_KEY_ID, secretAccessKey: EF_S3_SECRET_ACCESS_KEY, region: EF_S3_REGION ?? 'us-east-1' };
}

/** A fresh bucket per test file, so parallel test files never see each other's objects. */
export async function freshBucket(label: string): Promise<string> {
  const server = rgw();
  const bucket = `ef-${label}-${randomBytes(4).toString('hex')}`;
  const client = rawClient(server.endpoint);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return bucket;
}

export function rawClient(endpoint = rgw().endpoint): S3Client {
  return createS3Client({ endpoint, forcePathStyle: true, region: rgw().region, maxSockets: 16 });
}

/** Small parts and ranges so that a few MiB exercise multipart, parallel parts and ranged GETs. */
export const smallTuning: Partial<TransferTuning> = {
  minPartSize: 5 * 1024 * 1024,
  uploadMemory: 20 * 1024 * 1024,
  rangeSize: 1024 * 1024,
  downloadConcurrency: 4,
  retry: { attempts: 6, baseDelayMs: 20, maxDelayMs: 200 },
};

export function openStore(url: string, endpoint = rgw().endpoint, tuning: Partial<TransferTuning> = smallTuning): S3Store {
  // One SDK attempt: the store's own retry policy is what the fault tests exercise.
  return new S3Store({ url, endpoint, forcePathStyle: true, region: rgw().region, maxAttempts: 1, tuning });
}
