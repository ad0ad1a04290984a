import { UserError, quote } from '../../errors.js';
import type { Settings } from '../../inputs.js';
import { progressFromEnv } from '../transfer/progress.js';
import { S3Store } from './s3-store.js';

/** `store: s3://…` with `s3-endpoint`, `s3-force-path-style`, `aws-region`; credentials from the SDK's chain. */
export function openS3Store(location: string, settings: Settings): S3Store {
  const endpoint = settings.string('s3-endpoint');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(endpoint)) {
    throw new UserError(`${settings.label('s3-endpoint')} must be an http(s) URL such as https://s3.example.com (got ${quote(endpoint)})`);
  }
  const region = settings.string('aws-region');
  return new S3Store({
    url: location,
    endpoint,
    // Custom endpoints (Ceph, MinIO) usually need path-style addressing; AWS prefers virtual hosts.
    forcePathStyle: settings.bool('s3-force-path-style', endpoint !== undefined),
    region,
    progress: progressFromEnv(),
  });
}
