import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/** A throwaway git repository; commit() writes files and returns the new commit's full SHA. */
export interface TempRepo {
  dir: string;
  commit(files: Record<string, string>, message: string): Promise<string>;
  git(...args: string[]): Promise<string>;
}

export async function createTempRepo(prefix = 'ef-git-'): Promise<TempRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const git = async (...args: string[]) => (await execa('git', ['-C', dir, ...args])).stdout;
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'ci@example.com');
  await git('config', 'user.name', 'CI');
  await git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    async commit(files, message) {
      for (const [name, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), text);
      }
      await git('add', '-A');
      await git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}
