import { UserError, quote } from '../../errors.js';

/** Where an S3 store lives: a bucket and a key prefix (no leading slash, '' or ending in '/'). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/** Parses `s3://bucket/prefix`; the prefix is optional. */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  const bucket = match?.[1];
  if (!bucket || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UserError(`store: expected s3://bucket/prefix with a valid bucket name (got ${quote(url)})`);
  }
  const rawPrefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (rawPrefix.split('/').some((part) => part === '.' || part === '..')) {
    throw new UserError(`store: the prefix may not contain '.' or '..' segments (got ${quote(url)})`);
  }
  return { bucket, prefix: rawPrefix === '' ? '' : `${rawPrefix}/` };
}

export function s3Url(location: S3Location, key = ''): string {
  return `s3://${location.bucket}/${location.prefix}${key}`;
}
