// One measured transfer in its own process (bundled by s3-transfer.ts, run on plain Node 24):
//   engine-forge upload <dir> <store-url> | engine-forge download <store-url> <cell-id> <dest>
//   lib-storage upload <file> <bucket> <key> | sdk download <bucket> <key> <dest>
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createS3Client } from '../src/store/s3/client.js';
import { S3Store } from '../src/store/s3/s3-store.js';
import { publishArtifact } from '../src/store/publish-artifact.js';
import { downloadArtifact, resolveArtifact } from '../src/store/resolve-artifact.js';

const [tool, action, ...args] = process.argv.slice(2);
const endpoint = process.env.EF_S3_ENDPOINT!;
const PART = 16 * 1024 * 1024;

if (tool === 'engine-forge') {
  // EF_TUNE_* override the transfer engine's defaults, for tuning experiments only.
  const num = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) * 1024 * 1024 : undefined);
  const tuning = {
    ...(num('EF_TUNE_PART_MIB') ? { minPartSize: num('EF_TUNE_PART_MIB')! } : {}),
    ...(num('EF_TUNE_UPLOAD_MEMORY_MIB') ? { uploadMemory: num('EF_TUNE_UPLOAD_MEMORY_MIB')! } : {}),
    ...(num('EF_TUNE_RANGE_MIB') ? { rangeSize: num('EF_TUNE_RANGE_MIB')! } : {}),
    ...(process.env.EF_TUNE_RANGES ? { downloadConcurrency: Number(process.env.EF_TUNE_RANGES) } : {}),
    // `sdk`: ranged GETs read by the SDK's Node HTTP handler, as before ranged-get.ts.
    ...(process.env.EF_TUNE_RECEIVE === 'sdk' ? { fastReceive: false } : {}),
  };
  const store = (url: string): S3Store => new S3Store({ url, endpoint, forcePathStyle: true, tuning });
  if (action === 'upload') {
    const [dir, url, id] = args as [string, string, string];
    const result = await publishArtifact(store(url), {
      kind: 'engine',
      id,
      model: id.split('/')[0]!,
      version: '1.0.0',
      fingerprint: 'f'.repeat(64),
      inputs: {},
      digests: {},
      toolchain: {},
      provenance: { publisher: 'bench' },
    }, dir);
    if (!result.created) throw new Error('bench artifact already existed');
  } else {
    const [url, model, dest] = args as [string, string, string];
    const s = store(url);
    const resolved = await resolveArtifact(s, { model: `${model}@1.0.0`, gpu: 'h100', precision: 'fp8' });
    await downloadArtifact(s, resolved.manifest, dest);
  }
} else {
  const client = createS3Client({ endpoint, forcePathStyle: true, maxSockets: 16 });
  if (action === 'upload') {
    const [file, bucket, key] = args as [string, string, string];
    await new Upload({ client, params: { Bucket: bucket, Key: key, Body: createReadStream(file) }, partSize: PART, queueSize: 8 }).done();
  } else {
    const [bucket, key, dest] = args as [string, string, string];
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await pipeline(response.Body as Readable, createWriteStream(dest));
  }
}
