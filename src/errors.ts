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
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
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
