import type { Manifest } from '../core/manifest.js';
import { addressOf, manifestDataPrefix, manifestKey } from './layout.js';
import type { ArtifactWriter, StoredArtifact } from './store.js';

export interface Promotion {
  /** The published manifest (ours, or the one another run wrote first). */
  manifest: Manifest;
  /** Its store key. */
  key: string;
  /** Whether this run wrote it. */
  created: boolean;
  /**
   * Whether the published manifest is this candidate's: ours, or another run's promotion of the
   * same candidate (same files). False when a default-branch build published the fingerprint first.
   */
  promoted: boolean;
}

/**
 * Makes a pull request's candidate a published artifact once its change has merged: the published
 * manifest is the candidate's (same files, same `data` prefix: nothing is copied or rebuilt),
 * written create-only, so of two runs promoting at once one writes it and the other finds it.
 * It is a published write, so it claims the model version (commitManifest refuses a second model
 * under it, as a build's publish would). The candidate manifest stays until gc expires it; its
 * data is now referenced by both.
 */
export async function promoteCandidate(store: ArtifactWriter, candidate: StoredArtifact, promotedBy: string | undefined): Promise<Promotion> {
  const read = await store.readManifest(candidate);
  const manifest: Manifest = { ...read, provenance: { ...read.provenance, ...(promotedBy ? { promotedBy } : {}) } };
  const key = manifestKey(addressOf(manifest));
  const result = await store.commitManifest(manifest, 'published');
  if (result.created) return { manifest, key, created: true, promoted: true };
  // Two plans promoting at once both write this candidate's manifest, each with its own
  // promotedBy: the winner's bytes differ from ours, yet it points at the same files.
  const sameData = manifestDataPrefix(result.existing, result.existing.data) === manifestDataPrefix(read, read.data);
  return { manifest: result.existing, key, created: false, promoted: sameData };
}

/** For the plan's reason: where the promoted artifact was built. */
export function describePromotion(m: Manifest): string {
  const from = m.provenance.pullRequest === undefined ? 'a pull request' : `pull request #${m.provenance.pullRequest}`;
  const run = m.provenance.runUrl ? ` by ${m.provenance.runUrl}` : '';
  return `promoted from ${from} (built${run} ${m.completedAt.slice(0, 10)}, same fingerprint); not rebuilt`;
}
