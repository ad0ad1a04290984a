import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { UserError, quote } from '../errors.js';

export const BUILDERS = ['docker', 'buildah', 'podman'] as const;
export type BuilderName = (typeof BUILDERS)[number];

/** One process to run: a file and its arguments, never a shell line. */
export interface Command {
  file: string;
  args: string[];
}

export interface ExecResult {
  /** undefined when the process could not start at all (e.g. not installed). */
  exitCode: number | undefined;
  /** The last lines of output, for the error message. */
  tail: string[];
}

/** Runs a command, handing each output line (stdout and stderr) to `onLine`. */
export type Exec = (command: Command, onLine?: (line: string) => void) => Promise<ExecResult>;

const TAIL_LINES = 20;

/** The real Exec: execa with an argv array, stdin closed, output streamed line by line, not buffered. */
export function processExec(env?: Record<string, string>): Exec {
  return async (command, onLine) => {
    const subprocess = execa(command.file, command.args, {
      all: true,
      buffer: false,
      reject: false,
      stdin: 'ignore',
      ...(env === undefined ? {} : { env }),
    });
    const tail: string[] = [];
    try {
      for await (const line of subprocess.iterable({ from: 'all' })) {
        onLine?.(line);
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
      }
    } catch {
      // The iterable rejects when the process fails to start; the result below says why.
    }
    const result = await subprocess;
    if (result.exitCode === undefined && result.originalMessage !== undefined) tail.push(result.originalMessage);
    return { exitCode: result.exitCode, tail };
  };
}

/**
 * Picks a builder when the `builder` input is empty: docker when its engine answers and buildx is
 * there (GitHub-hosted runners), else buildah, else podman. A docker client without an engine
 * behind it (common on self-hosted runners) does not count.
 */
export async function detectBuilder(exec: Exec): Promise<BuilderName> {
  const ok = async (file: string, args: string[]) => (await exec({ file, args })).exitCode === 0;
  if ((await ok('docker', ['buildx', 'version'])) && (await ok('docker', ['version', '--format', '{{.Server.Version}}']))) return 'docker';
  if (await ok('buildah', ['--version'])) return 'buildah';
  if (await ok('podman', ['--version'])) return 'podman';
  throw new UserError(
    "No image builder found: install docker (with buildx and a running engine), buildah or podman, or name one with the 'builder' input",
  );
}

export interface BuildJob {
  contextDir: string;
  dockerfile: string;
  /** Full references `repository:tag`; the first is the immutable one, pushed first. */
  references: string[];
  /** Secret id → file holding it (outside the context, mode 0600). */
  secrets: Record<string, string>;
  /** Scratch directory for digest and metadata files. */
  workDir: string;
}

/** A step of a build: the command, and where it leaves the pushed digest (if it pushes). */
export interface BuildStep {
  command: Command;
  digest?: { file: string; format: 'digestfile' | 'buildx-metadata' };
}

/**
 * The commands each builder runs. docker buildx builds and pushes every tag in one go and writes
 * the digest into its metadata file (provenance attestations off, so the digest names a plain
 * image manifest like the others'); buildah and podman build, then push each tag with --digestfile.
 * Insecure registries are whatever the builder's own configuration says (registries.conf,
 * daemon.json / buildkitd.toml): no TLS switch is passed here.
 */
export function buildSteps(builder: BuilderName, job: BuildJob): BuildStep[] {
  const [first] = job.references;
  if (first === undefined) throw new Error('buildSteps: no image reference to push');
  const tags = job.references.flatMap((ref) => ['--tag', ref]);
  const secrets = Object.entries(job.secrets).flatMap(([id, file]) => ['--secret', `id=${id},src=${file}`]);
  const dockerfile = join(job.contextDir, job.dockerfile);
  if (builder === 'docker') {
    const metadata = join(job.workDir, 'buildx-metadata.json');
    return [
      {
        command: {
          file: 'docker',
          args: ['buildx', 'build', '--file', dockerfile, ...tags, ...secrets, '--provenance=false', '--push', '--metadata-file', metadata, job.contextDir],
        },
        digest: { file: metadata, format: 'buildx-metadata' },
      },
    ];
  }
  const build: BuildStep = { command: { file: builder, args: ['build', '--file', dockerfile, ...tags, ...secrets, job.contextDir] } };
  const pushes = job.references.map((ref, i): BuildStep => {
    const file = join(job.workDir, `digest-${i}`);
    return { command: { file: builder, args: ['push', '--digestfile', file, ref, `docker://${ref}`] }, digest: { file, format: 'digestfile' } };
  });
  return [build, ...pushes];
}

/**
 * Removes the built tags from the local store once pushed: on a long-lived runner every image (with
 * baked weights, tens of GB) would otherwise stay behind. The base image's layers stay cached.
 */
export function cleanupCommand(builder: BuilderName, references: readonly string[]): Command {
  return builder === 'docker' ? { file: 'docker', args: ['image', 'rm', ...references] } : { file: builder, args: ['rmi', ...references] };
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export async function readDigest(digest: NonNullable<BuildStep['digest']>): Promise<string> {
  const text = (await readFile(digest.file, 'utf8')).trim();
  let value: unknown = text;
  if (digest.format === 'buildx-metadata') value = (JSON.parse(text) as Record<string, unknown>)['containerimage.digest'];
  if (typeof value !== 'string' || !DIGEST.test(value)) throw new Error(`The builder left no image digest in ${digest.file} (found ${quote(text)})`);
  return value;
}

export class BuildFailed extends Error {
  constructor(command: Command, result: ExecResult) {
    const what = `${command.file} ${command.args[0] ?? ''}`.trim();
    const last = result.tail.filter((l) => l.trim() !== '').at(-1) ?? '(no output)';
    super(result.exitCode === undefined ? `${what} could not start: ${last}` : `${what} failed with exit code ${result.exitCode}: ${last}`);
    this.name = 'BuildFailed';
  }
}

/**
 * Builds and pushes; returns the pushed manifest digest. Every push must report the same digest,
 * else the tags would name different images.
 */
export async function buildAndPush(builder: BuilderName, job: BuildJob, exec: Exec, onLine: (line: string) => void): Promise<string> {
  let pushed: string | undefined;
  for (const step of buildSteps(builder, job)) {
    const result = await exec(step.command, onLine);
    if (result.exitCode !== 0) throw new BuildFailed(step.command, result);
    if (step.digest === undefined) continue;
    const digest = await readDigest(step.digest);
    if (pushed !== undefined && digest !== pushed) {
      throw new Error(`${builder} pushed two tags of one image with different digests (${pushed}, ${digest})`);
    }
    pushed = digest;
  }
  if (pushed === undefined) throw new Error(`${builder}: no step pushed the image`);
  const cleanup = cleanupCommand(builder, job.references);
  const removed = await exec(cleanup, () => {});
  if (removed.exitCode !== 0) onLine(`(could not remove the local copies of ${job.references.join(', ')}: ${removed.tail.at(-1) ?? 'no output'})`);
  return pushed;
}

/** The builder's version line, for the manifest's toolchain record. */
export async function builderVersion(builder: BuilderName, exec: Exec): Promise<string> {
  const command = builder === 'docker' ? { file: 'docker', args: ['buildx', 'version'] } : { file: builder, args: ['--version'] };
  const lines: string[] = [];
  const result = await exec(command, (line) => lines.push(line));
  return result.exitCode === 0 ? (lines.find((l) => l.trim() !== '')?.trim() ?? builder) : builder;
}
