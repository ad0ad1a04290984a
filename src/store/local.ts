import { readFileSync, statSync } from 'node:fs';
import { link, mkdir, readFile, readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { quote, UserError } from '../errors.js';
import { ArtifactKind, Manifest } from '../core/manifest.js';
import { addressOf, manifestKey, manifestPrefix, parseManifestKey, versionClaimKey, type ArtifactAddress, type Channel } from './layout.js';
import { checkVersionClaim, claimVersion, earliestManifest, parseClaim, type VersionClaim } from './version-claim.js';
import type { ArtifactWriter, CommitResult, StoredArtifact } from './store.js';

/**
 * The embedded store: the same keys as S3, in a directory. Data keys map to paths as they are;
 * manifests live in one flat directory per kind, the key's path encoded into the file name, so
 * listing 10,000 artifacts is one readdir rather than a walk of 10,000 nested directories.
 * A manifest appears by link(2) of a fully written temporary file, which fails if the name
 * exists — the local twin of `If-None-Match: *`: racing writers get exactly one winner.
 */
export class LocalStore implements ArtifactWriter {
  readonly location: string;

  constructor(readonly root: string) {
    this.location = path.resolve(root);
  }

  /** The file that holds a key. */
  pathOf(key: string): string {
    for (const kind of ArtifactKind.options) {
      for (const channel of ['published', 'candidate'] as const) {
        const prefix = manifestPrefix(kind, channel);
        if (key.startsWith(prefix)) return path.join(this.root, prefix, encodeURIComponent(key.slice(prefix.length)));
      }
    }
    return path.join(this.root, ...key.split('/'));
  }

  async list(kind: ArtifactKind, idPrefix = '', channel: Channel = 'published'): Promise<StoredArtifact[]> {
    const base = path.join(this.root, manifestPrefix(kind, channel));
    let entries: string[];
    try {
      entries = await readdir(base);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const found: StoredArtifact[] = [];
    for (const entry of entries) {
      if (!entry.endsWith('.json')) continue; // temporary files of a commit in progress
      const key = manifestPrefix(kind, channel) + decodeURIComponent(entry);
      const address = parseManifestKey(kind, key, channel);
      if (!address || !address.id.startsWith(idPrefix)) continue;
      // Synchronous stat: 10,000 thread-pool round trips cost more than the stats themselves.
      const info = statSync(path.join(base, entry), { throwIfNoEntry: false });
      if (info) found.push({ ...address, key, modified: info.mtime });
    }
    return found;
  }

  async readManifest(address: ArtifactAddress): Promise<Manifest> {
    const key = manifestKey(address);
    // Synchronous: a manifest is a few KB, and planning may read thousands of them.
    const text = readFileSync(this.pathOf(key), 'utf8');
    return parseManifestText(`${this.location}/${key}`, text);
  }

  async commitManifest(manifest: Manifest, channel: Channel = 'published'): Promise<CommitResult> {
    const claimKey = versionClaimKey(manifest.model, manifest.version);
    const claim = {
      where: this.pathOf(claimKey),
      read: () => this.readText(claimKey),
      create: (body: string) => this.createOnly(claimKey, body),
      earliest: () => earliestManifest((kind) => this.list(kind), (a) => this.readManifest(a), manifest.model, manifest.version),
    };
    await (channel === 'candidate' ? checkVersionClaim(claim, manifest) : claimVersion(claim, manifest));
    const address = { ...addressOf(manifest), ...(channel === 'candidate' ? { channel } : {}) };
    if (await this.createOnly(manifestKey(address), `${JSON.stringify(manifest, null, 2)}\n`)) return { created: true };
    return { created: false, existing: await this.readManifest(address) };
  }

  async readVersionClaim(model: string, version: string): Promise<VersionClaim | undefined> {
    const key = versionClaimKey(model, version);
    const text = await this.readText(key);
    return text === undefined ? undefined : parseClaim(text, this.pathOf(key));
  }

  /** Writes a key only if it does not exist; false when it does. */
  private async createOnly(key: string, body: string): Promise<boolean> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`; // not *.json: list() skips it
    await writeFile(temporary, body, { flag: 'wx' });
    try {
      await link(temporary, target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return false;
    } finally {
      await unlink(temporary);
    }
  }

  private async readText(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.pathOf(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

/** Parses and validates a manifest; a truncated or foreign one is named, never half-used. */
export function parseManifestText(where: string, text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`manifest ${where} is not valid JSON (truncated or corrupted): ${(error as Error).message}`);
  }
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (schema !== 'engine-forge/manifest@1') {
    throw new UserError(`manifest ${where} has schema ${quote(schema)}, which this engine-forge does not know (expected 'engine-forge/manifest@1'); upgrade engine-forge`);
  }
  const parsed = Manifest.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UserError(`manifest ${where} is invalid at ${first.path.join('.') || '(top level)'}: ${first.message}`);
  }
  return parsed.data;
}
