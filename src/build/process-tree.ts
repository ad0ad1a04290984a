/**
 * A tool run in its own process group, so that it and everything it starts (MPI ranks, a
 * grandchild `sleep`) can be ended together: SIGTERM to the group, SIGKILL after a grace period.
 * Arguments go to execa as an array: no shell ever sees them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { StringDecoder } from 'node:string_decoder';
import { execa } from 'execa';

export interface ProcessEnd {
  exitCode?: number | undefined;
  signal?: string | undefined;
  /** Set when the process could not be started at all (ENOENT: not on PATH). */
  spawnError?: string | undefined;
}

export interface GroupProcess {
  /** Also the process group id. Undefined when it could not be started. */
  readonly pid: number | undefined;
  /** Resolves once it has started (undefined) or failed to (why: ENOENT when the tool is not on PATH). */
  readonly spawned: Promise<string | undefined>;
  /** Resolves when the leader exits, even while a leftover member still holds its output pipe. */
  readonly exit: Promise<ProcessEnd>;
  /** Resolves when the output pipe is closed: every process that held it is gone. */
  readonly drained: Promise<void>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  cwd?: string | undefined;
  /** stdout and stderr, as text, as it comes (each stream's chunks in order; the two interleaved by arrival). */
  onOutput: (text: string, stream: 'stdout' | 'stderr') => void;
}

export function spawnGroup(file: string, args: readonly string[], options: SpawnOptions): GroupProcess {
  const subprocess = execa(file, args, {
    env: options.env,
    extendEnv: false,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    detached: true, // its own process group (setsid): killed as one, untouched by the terminal's ^C
    cleanup: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
  });
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  for (const stream of ['stdout', 'stderr'] as const) {
    subprocess[stream].on('data', (chunk: Buffer | string) => options.onOutput(typeof chunk === 'string' ? chunk : decoders[stream].write(chunk), stream));
  }
  const settled = subprocess.then(
    (result) => result,
    (error: unknown) => ({ failed: true, exitCode: undefined, signal: undefined, shortMessage: String(error) }),
  );
  const exit = new Promise<ProcessEnd>((resolve) => {
    subprocess.once('exit', (code, signal) => resolve({ exitCode: code ?? undefined, signal: signal ?? undefined }));
    void settled.then((result) => {
      if (result.failed && result.exitCode === undefined && result.signal === undefined) resolve({ spawnError: result.shortMessage });
    });
  });
  const spawned = new Promise<string | undefined>((resolve) => {
    subprocess.once('spawn', () => resolve(undefined));
    void exit.then((end) => resolve(end.spawnError));
  });
  const drained = settled.then(() => {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = decoders[stream].end();
      if (rest !== '') options.onOutput(rest, stream);
    }
  });
  return { pid: subprocess.pid, spawned, exit, drained };
}

/**
 * Ends every process of the group: SIGTERM, then SIGKILL for whatever is left after `graceMs`.
 * Resolves when none is alive (zombies waiting for a reaper are dead and do not count).
 */
export async function killGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if ((await liveMembers(pgid)).length === 0) return;
    await sleep(25);
  }
  signalGroup(pgid, 'SIGKILL');
  // SIGKILL cannot be caught; only a process stuck in the kernel (D state) outlives this.
  for (let i = 0; i < 200 && (await liveMembers(pgid)).length > 0; i++) await sleep(25);
}

/** Whether any process of the group is still alive. */
export async function groupAlive(pgid: number): Promise<boolean> {
  return (await liveMembers(pgid)).length > 0;
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is already gone
  }
}

/** Live members of a process group, from /proc (Linux); elsewhere, whether the group answers a signal 0. */
export async function liveMembers(pgid: number): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return signalGroup(pgid, 0) ? [pgid] : [];
  }
  const members: number[] = [];
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
        if (stat === undefined) return;
        // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const [state, , pgrp] = fields;
        if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') members.push(Number(entry));
      }),
  );
  return members;
}
