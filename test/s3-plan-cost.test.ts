import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { manifestKey } from '../src/store/layout.js';
import { signatureOf } from '../src/core/fingerprint.js';
import { forEachLimit } from '../src/store/transfer/limits.js';
import { freshBucket, openStore, rawClient } from './helpers/rgw.js';

describe('planning cost against Ceph RGW', () => {
  it('lists 1,050 artifacts with two ListObjectsV2 requests and reads no manifest or data', async () => {
    const bucket = await freshBucket('plancost');
    const client = rawClient();
    const addresses = Array.from({ length: 1050 }, (_, i) => ({
      kind: 'engine' as const,
      id: `m${i % 7}/h100/fp8/tp1/b1-${64 + i}`,
      version: '1.0.0',
      fingerprint: i.toString(16).padStart(64, '0'),
      signature: signatureOf({ n: String(i) }),
    }));
    // Only the keys matter to a listing; a data object per artifact shows the listing skips data/.
    await forEachLimit(addresses, 32, async (a) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `p/${manifestKey(a)}`, Body: '{}' }));
    });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'p/data/engines/m0/h100/fp8/tp1/b1-64/1.0.0/x/y/rank0.engine', Body: 'x' }));
    client.destroy();

    const store = openStore(`s3://${bucket}/p`);
    const requests: string[] = [];
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        requests.push(context.commandName ?? 'unknown');
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const listed = await store.list('engine');
    expect(listed).toHaveLength(1050);
    expect(new Set(listed.map((a) => a.key))).toEqual(new Set(addresses.map((a) => manifestKey(a))));
    expect(requests).toEqual(['ListObjectsV2Command', 'ListObjectsV2Command']);
  });
});
