import type { ArtifactKind, Manifest } from '../core/manifest.js';
import type { ArtifactAddress, Channel } from './layout.js';
import type { VersionClaim } from './version-claim.js';

/** A complete artifact as a listing sees it: its address, without reading its manifest. */
export interface StoredArtifact extends ArtifactAddress {
  key: string;
  /** When the manifest was written; orders "newest artifact of this cell". */
  modified: Date;
}

/** What planning needs from a store: one listing, and the few manifests that explain rebuilds. */
export interface Store {
  /** Human-readable location, for logs and the summary. */
  readonly location: string;
  /** Manifests of one kind in one channel (published by default); `idPrefix` narrows it server-side. */
  list(kind: ArtifactKind, idPrefix?: string, channel?: Channel): Promise<StoredArtifact[]>;
  /** Reads the manifest at the address's key (its `channel` says which prefix). */
  readManifest(artifact: ArtifactAddress): Promise<Manifest>;
}

export type CommitResult = { created: true } | { created: false; existing: Manifest };

/** A store that can publish: the manifest is committed last, create-only. */
export interface ArtifactWriter extends Store {
  /**
   * Writes the manifest only if none exists at its key in `channel`, otherwise returns the
   * winner's; a manifest found identical to this one (a retry whose reply was lost) is created.
   * A published manifest first claims its model version (version-claim.ts), refusing with a
   * UserError a second model under it; a candidate only checks an existing claim, read-only, so
   * two open pull requests never block each other with a claim neither has merged.
   */
  commitManifest(manifest: Manifest, channel?: Channel): Promise<CommitResult>;
  /** The claim of a model version, when one was made (publish checks it before uploading). */
  readVersionClaim(model: string, version: string): Promise<VersionClaim | undefined>;
}
