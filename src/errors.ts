/**
 * A mistake the user can fix (bad matrix, bad input, refused operation). The single error boundary
 * prints these as plain messages; anything else is a bug and gets its stack trace.
 */
export class UserError extends Error {
  /** One line per problem, already formatted (`file:line:col key: message (got 'value')`). */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    super(message);
    this.name = 'UserError';
    this.problems = problems;
  }
}

/** Renders any thrown value as text; a non-Error throw must never pass silently. */
export function errorMessage(error: unknown): string {
  if (error instanceof UserError) {
    return error.problems.length > 0 ? `${error.message}\n${error.problems.map((p) => `  ${p}`).join('\n')}` : error.message;
  }
  if (error instanceof Error) return s3ErrorMessage(error) ?? error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

const S3_CODES: Record<string, string> = {
  NoSuchBucket: 'the bucket does not exist (check the store URL and the endpoint)',
  AccessDenied: 'access denied (check the credentials and the policy)',
  InvalidAccessKeyId: 'the access key is unknown to this endpoint',
  SignatureDoesNotMatch: 'the secret key does not match the access key',
};

/**
 * An S3 error whose answer had no message (RGW's and MinIO's error bodies often carry only a
 * code, which the SDK reports as 'UnknownError'): the code, the status and the bucket instead.
 */
function s3ErrorMessage(error: Error): string | undefined {
  const s3 = error as Error & { $metadata?: { httpStatusCode?: number }; BucketName?: unknown };
  if (!s3.$metadata || (error.message !== 'UnknownError' && error.message !== '')) return undefined;
  const status = s3.$metadata.httpStatusCode;
  const bucket = typeof s3.BucketName === 'string' ? ` for bucket ${quote(s3.BucketName)}` : '';
  const meaning = S3_CODES[error.name];
  return `S3 answered ${error.name === 'Error' || error.name === 'UnknownError' ? 'an error' : error.name}${status ? ` (HTTP ${status})` : ''}${bucket}${meaning ? `: ${meaning}` : ''}`;
}

/** Quotes a user value for an error message, shortened so one bad value can't flood a log. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return `'${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
}
