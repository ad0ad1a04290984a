/**
 * The memory limit a job really runs under. A runner in a container or a Kubernetes pod sees the
 * host's /proc/meminfo, but the kernel OOM-kills it at its cgroup's limit — exactly the death
 * pre-flight is there to prevent — so the tightest limit of the process's cgroup and its
 * ancestors is read too: cgroup v2 (`memory.max`), or v1's memory controller
 * (`memory.limit_in_bytes`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface CgroupMemory {
  /** The limit's file, for messages. */
  where: string;
  limitBytes: number;
  /** In use and not reclaimable: usage less inactive page cache (what `docker stats` shows). */
  usedBytes: number;
}

/** v1 reports "no limit" as a huge page-aligned number (2^63 − 4096 on x86-64). */
const V1_UNLIMITED = 2 ** 62;

/**
 * `selfCgroup` is the text of /proc/self/cgroup; `root` is where cgroupfs is mounted. Levels
 * whose files are absent (a cgroup namespace hides the ancestors) are skipped.
 */
export async function readCgroupMemory(selfCgroup: string, root = '/sys/fs/cgroup'): Promise<CgroupMemory | undefined> {
  const lines = selfCgroup.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const v2 = lines.find((l) => l.startsWith('0::'))?.slice(3);
  const v1 = lines.map((l) => l.split(':')).find((parts) => parts[1]?.split(',').includes('memory'))?.slice(2).join(':');
  const candidates: { base: string; group: string; files: { limit: string; usage: string; inactive: string } }[] = [];
  if (v1 !== undefined) candidates.push({ base: path.join(root, 'memory'), group: v1, files: { limit: 'memory.limit_in_bytes', usage: 'memory.usage_in_bytes', inactive: 'total_inactive_file' } });
  if (v2 !== undefined) candidates.push({ base: root, group: v2, files: { limit: 'memory.max', usage: 'memory.current', inactive: 'inactive_file' } });

  let tightest: CgroupMemory | undefined;
  for (const { base, group, files } of candidates) {
    for (const dir of levels(base, group)) {
      const limitText = await readOptional(path.join(dir, files.limit));
      if (limitText === undefined || limitText === 'max') continue;
      const limit = Number(limitText);
      if (!Number.isFinite(limit) || limit >= V1_UNLIMITED) continue;
      const usage = Number((await readOptional(path.join(dir, files.usage))) ?? 0);
      const stat = (await readOptional(path.join(dir, 'memory.stat'))) ?? '';
      const inactive = Number(new RegExp(`^${files.inactive} (\\d+)$`, 'm').exec(stat)?.[1] ?? 0);
      const used = Math.max(0, usage - inactive);
      const candidate = { where: path.join(dir, files.limit), limitBytes: limit, usedBytes: used };
      if (tightest === undefined || limit - used < tightest.limitBytes - tightest.usedBytes) tightest = candidate;
    }
  }
  return tightest;
}

/** base/a/b, base/a, base: the group and each ancestor up to the mount. */
function levels(base: string, group: string): string[] {
  const parts = group.split('/').filter((p) => p !== '' && p !== '..' && p !== '.');
  const dirs: string[] = [];
  for (let n = parts.length; n >= 0; n--) dirs.push(path.join(base, ...parts.slice(0, n)));
  return dirs;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}
