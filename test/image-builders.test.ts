import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import type { BuildJob, Command, Exec } from '../src/image/builders.js';
import { buildAndPush, buildSteps, detectBuilder, processExec } from '../src/image/builders.js';

let work = '';
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ef-builders-'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

const job = (): BuildJob => ({
  contextDir: '/ctx',
  dockerfile: 'Dockerfile',
  references: ['reg/x:a-0123456789ab', 'reg/x:a'],
  secrets: { hf_token: '/private/hf_token' },
  workDir: work,
});

const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;

describe('buildSteps', () => {
  it('buildah builds once, then pushes each tag with --digestfile, immutable first', () => {
    const steps = buildSteps('buildah', job());
    expect(steps.map((s) => [s.command.file, ...s.command.args])).toEqual([
      ['buildah', 'build', '--file', '/ctx/Dockerfile', '--tag', 'reg/x:a-0123456789ab', '--tag', 'reg/x:a', '--secret', 'id=hf_token,src=/private/hf_token', '/ctx'],
      ['buildah', 'push', '--digestfile', join(work, 'digest-0'), 'reg/x:a-0123456789ab', 'docker://reg/x:a-0123456789ab'],
      ['buildah', 'push', '--digestfile', join(work, 'digest-1'), 'reg/x:a', 'docker://reg/x:a'],
    ]);
  });

  it('podman takes the same arguments', () => {
    expect(buildSteps('podman', job()).map((s) => s.command.file)).toEqual(['podman', 'podman', 'podman']);
  });

  it('docker buildx builds and pushes in one go and writes its metadata file', () => {
    const [step, ...rest] = buildSteps('docker', job());
    expect(rest).toEqual([]);
    expect(step?.command.args).toEqual([
      'buildx', 'build', '--file', '/ctx/Dockerfile', '--tag', 'reg/x:a-0123456789ab', '--tag', 'reg/x:a',
      '--secret', 'id=hf_token,src=/private/hf_token', '--provenance=false', '--push', '--metadata-file', join(work, 'buildx-metadata.json'), '/ctx',
    ]);
  });

  it('never passes a TLS switch: insecure registries are the builder configuration', () => {
    for (const builder of ['docker', 'buildah', 'podman'] as const) {
      expect(buildSteps(builder, job()).flatMap((s) => s.command.args).join(' ')).not.toMatch(/tls|insecure/);
    }
  });
});

/** An Exec that answers from a table and, for push steps, writes the digest the way the tool does. */
function fakeExec(answers: (c: Command) => { exitCode: number | undefined; digest?: string; lines?: string[] }): { exec: Exec; calls: Command[] } {
  const calls: Command[] = [];
  const exec: Exec = async (command, onLine) => {
    calls.push(command);
    const answer = answers(command);
    for (const line of answer.lines ?? []) onLine?.(line);
    if (answer.digest !== undefined) {
      const i = command.args.indexOf('--digestfile');
      const m = command.args.indexOf('--metadata-file');
      if (i >= 0) await writeFile(command.args[i + 1]!, answer.digest);
      if (m >= 0) await writeFile(command.args[m + 1]!, JSON.stringify({ 'containerimage.digest': answer.digest, 'image.name': 'reg/x:a' }));
    }
    return { exitCode: answer.exitCode, tail: answer.lines ?? [] };
  };
  return { exec, calls };
}

describe('buildAndPush', () => {
  it('returns the digest every push reported', async () => {
    const { exec, calls } = fakeExec((c) => (c.args[0] === 'push' ? { exitCode: 0, digest: `${digestA}\n` } : { exitCode: 0 }));
    expect(await buildAndPush('buildah', job(), exec, () => {})).toBe(digestA);
    expect(calls.map((c) => c.args[0])).toEqual(['build', 'push', 'push', 'rmi']);
    expect(calls.at(-1)?.args).toEqual(['rmi', 'reg/x:a-0123456789ab', 'reg/x:a']);
  });

  it('does not fail a pushed image because the local copy could not be removed', async () => {
    const lines: string[] = [];
    const { exec } = fakeExec((c) => (c.args[0] === 'push' ? { exitCode: 0, digest: digestA } : { exitCode: c.args[0] === 'rmi' ? 1 : 0, lines: c.args[0] === 'rmi' ? ['image in use'] : [] }));
    expect(await buildAndPush('podman', job(), exec, (l) => lines.push(l))).toBe(digestA);
    expect(lines.at(-1)).toMatch(/could not remove the local copies .*image in use/);
  });

  it('reads the digest from buildx metadata', async () => {
    const { exec } = fakeExec(() => ({ exitCode: 0, digest: digestB }));
    expect(await buildAndPush('docker', job(), exec, () => {})).toBe(digestB);
  });

  it('refuses tags that ended up on different digests', async () => {
    let n = 0;
    const { exec } = fakeExec((c) => (c.args[0] === 'push' ? { exitCode: 0, digest: n++ === 0 ? digestA : digestB } : { exitCode: 0 }));
    await expect(buildAndPush('podman', job(), exec, () => {})).rejects.toThrow(/different digests/);
  });

  it('stops at a failed build and reports its last output line', async () => {
    const { exec, calls } = fakeExec(() => ({ exitCode: 125, lines: ['STEP 1/4: FROM base', 'Error: creating build container: manifest unknown', ''] }));
    await expect(buildAndPush('buildah', job(), exec, () => {})).rejects.toThrow('buildah build failed with exit code 125: Error: creating build container: manifest unknown');
    expect(calls).toHaveLength(1);
  });

  it('refuses a digest file that holds no digest', async () => {
    const { exec } = fakeExec((c) => (c.args[0] === 'push' ? { exitCode: 0, digest: 'garbage' } : { exitCode: 0 }));
    await expect(buildAndPush('buildah', job(), exec, () => {})).rejects.toThrow(/no image digest/);
  });
});

describe('detectBuilder', () => {
  it('skips a docker client whose engine does not answer', async () => {
    const { exec } = fakeExec((c) => ({ exitCode: c.file === 'docker' && c.args[0] === 'version' ? 1 : 0 }));
    expect(await detectBuilder(exec)).toBe('buildah');
  });

  it('prefers docker with buildx and an engine, then buildah, then podman', async () => {
    expect(await detectBuilder(fakeExec(() => ({ exitCode: 0 })).exec)).toBe('docker');
    expect(await detectBuilder(fakeExec((c) => ({ exitCode: c.file === 'podman' ? 0 : undefined })).exec)).toBe('podman');
    await expect(detectBuilder(fakeExec(() => ({ exitCode: undefined })).exec)).rejects.toThrow(UserError);
  });
});


describe('processExec', () => {
  it('streams lines from stdout and stderr and reports the exit code', async () => {
    const lines: string[] = [];
    const result = await processExec()({ file: '/bin/sh', args: ['-c', 'echo out; echo err >&2; exit 3'] }, (l) => lines.push(l));
    expect(result.exitCode).toBe(3);
    expect(lines.sort()).toEqual(['err', 'out']);
  });

  it('reports a missing program with no exit code', async () => {
    const result = await processExec()({ file: 'engine-forge-no-such-builder', args: [] });
    expect(result.exitCode).toBeUndefined();
    expect(result.tail.join(' ')).toMatch(/ENOENT/);
  });
});
