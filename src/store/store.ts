import type { ArtifactKind, Manifest } from '../core/manifest.js';
import type { ArtifactAddress } from './layout.js';
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
  list(kind: ArtifactKind): Promise<StoredArtifact[]>;
  readManifest(artifact: ArtifactAddress): Promise<Manifest>;
}

export type CommitResult = { created: true } | { created: false; existing: Manifest };

/** A store that can publish: the manifest is committed last, create-only. */
export interface ArtifactWriter extends Store {
  /**
   * Claims the manifest's model version (version-claim.ts), refusing with a UserError a second
   * model under it; then writes the manifest only if none exists at its key, otherwise returns
   * the winner's. A manifest found identical to this one (a retry whose reply was lost) is created.
   */
  commitManifest(manifest: Manifest): Promise<CommitResult>;
  /** The claim of a model version, when one was made (publish checks it before uploading). */
  readVersionClaim(model: string, version: string): Promise<VersionClaim | undefined>;
}
