import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const STANDIN = path.resolve(import.meta.dirname, 'bin/openai-standin.mjs');

export interface Standin {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts bin/openai-standin.mjs in its own process (so its timers do not share our event loop). */
export function startStandin(args: string[] = []): Promise<Standin> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STANDIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // A test that times out never reaches its stop(): the server must not outlive the worker.
    const reap = (): void => void child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`openai-standin exited ${code}: ${err}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (\S+)/.exec(out);
      if (!match) return;
      child.removeAllListeners('exit');
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        url: match[1]!,
        child,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
