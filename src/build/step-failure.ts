import { UserError } from '../errors.js';
import { describeEnd, diagnose, type DeathCause, type StepEnd } from '../core/step-diagnosis.js';

/**
 * A toolchain step that failed: its name, how it ended, what that usually means, and its last
 * lines. A UserError, so the error boundary prints it as a message, not a stack trace.
 */
export class StepFailure extends UserError {
  readonly step: string;
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly timedOut: boolean;
  readonly tail: readonly string[];
  /** The recognised death (CUDA OOM, host OOM, full disk, unknown flag, …), when there is one. */
  readonly death: DeathCause | undefined;

  constructor(end: StepEnd) {
    const diagnosis = diagnose(end);
    const head = `step '${end.step}' ${describeEnd(end)}`;
    const message = [
      diagnosis ? `${head}: ${diagnosis.advice}` : head,
      end.tail.length > 0 ? `last ${end.tail.length} line${end.tail.length === 1 ? '' : 's'} of its output:` : 'it printed nothing',
    ].join('\n');
    super(message, end.tail.length > 0 ? end.tail : []);
    this.name = 'StepFailure';
    this.step = end.step;
    this.exitCode = end.exitCode;
    this.signal = end.signal;
    this.timedOut = end.timedOutAfterMs !== undefined;
    this.tail = end.tail;
    this.death = diagnosis?.cause;
  }
}

/** The rejection of a cancelled step: the signal's own reason (SIGINT/SIGTERM's AbortError) when it has one. */
export function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('cancelled');
  error.name = 'AbortError';
  return error;
}
