import { randomBytes, createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PublishTarget } from '../../src/store/publish-artifact.js';

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `ef-${label}-`));
}

/** An engine-like directory: per-rank engines of a few MiB, a config, a nested file and an empty one. */
export async function makeArtifactDir(label: string, rankBytes = 12 * 1024 * 1024 + 12345): Promise<{ dir: string; contents: Map<string, Buffer> }> {
  const dir = await tempDir(label);
  const contents = new Map<string, Buffer>([
    ['rank0.engine', randomBytes(rankBytes)],
    ['rank1.engine', randomBytes(rankBytes)],
    ['config.json', Buffer.from('{"builder_config":{"precision":"fp8"}}\n')],
    ['tokenizer/tokenizer.json', randomBytes(70_000)],
    ['empty.txt', Buffer.alloc(0)],
  ]);
  for (const [rel, bytes] of contents) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), bytes);
  }
  return { dir, contents };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function target(overrides: Partial<PublishTarget> = {}): PublishTarget {
  const id = overrides.id ?? 'llama-3.1-8b/h100/fp8/tp1/b1-64';
  return {
    kind: 'engine',
    id,
    model: id.split('/')[0]!,
    version: '1.4.0',
    fingerprint: sha256(Buffer.from(`${id}@${overrides.version ?? '1.4.0'}`)),
    inputs: { model: 'llama-3.1-8b', gpu: 'h100', precision: 'fp8', tp: 1, batch: '1-64' },
    digests: { model: 'a'.repeat(64) },
    toolchain: { trtllm: '1.2.0' },
    provenance: { commit: 'abc123', runUrl: 'https://github.com/acme/models/actions/runs/1', gpu: 'NVIDIA H100 80GB HBM3', driver: '580.65' },
    ...overrides,
  };
}
