/**
 * The last resort when the process exits while steps still run (a second SIGINT/SIGTERM makes
 * signals.ts exit at once; the runner's SIGKILL follows seconds later): the 'exit' handler
 * kills every live process group and removes every live container, synchronously, because
 * nothing asynchronous runs after 'exit'. Orphans would otherwise hold the GPUs.
 */
const pending = new Set<() => void>();
let installed = false;

/** Registers a synchronous kill for a running step; call the returned function once it has ended. */
export function onExitKill(kill: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', () => {
      for (const k of pending) {
        try {
          k();
        } catch {
          // best effort: the process is going away
        }
      }
    });
  }
  pending.add(kill);
  return () => pending.delete(kill);
}
