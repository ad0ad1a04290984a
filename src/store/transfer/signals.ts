/**
 * Turns SIGINT/SIGTERM into an abort signal, so a transfer stops sending and aborts its multipart
 * uploads before the process exits (a cancelled workflow job sends SIGINT, then SIGTERM).
 */
export interface SignalAbort {
  signal: AbortSignal;
  /** The signal that fired, if any. */
  received(): NodeJS.Signals | undefined;
  dispose(): void;
}

export function abortOnSignals(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): SignalAbort {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (name: NodeJS.Signals): void => {
    if (received) {
      // A second signal: the user insists. Exit now; gc and the lifecycle rule sweep the rest.
      process.exit(128 + (name === 'SIGINT' ? 2 : 15));
    }
    received = name;
    const error = new Error(`interrupted by ${name}`);
    error.name = 'AbortError';
    controller.abort(error);
  };
  for (const s of signals) process.on(s, handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const s of signals) process.off(s, handler);
    },
  };
}

/** The conventional exit status of a process ended by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1);
}
