import type { ArtifactKind, Manifest, ManifestFile } from '../core/manifest.js';
import type { LocalFile } from './artifact-dir.js';
import type { ArtifactAddress, Channel, DataAddress } from './layout.js';
import type { ArtifactWriter, StoredArtifact } from './store.js';

export interface TransferOptions {
  signal?: AbortSignal | undefined;
  onBytes?: (bytes: number) => void;
}

/** A started-but-unfinished write (an S3 multipart upload, a local temp directory). */
export interface PendingUpload {
  key: string;
  uploadId: string;
  initiated: Date;
}

/** Files under a data prefix that no manifest points at (a crashed or losing publish). */
export interface OrphanData {
  prefix: string;
  objects: number;
  bytes: number;
  newest: Date;
}

/** One stored data object, as a listing shows it (key relative to the store root). */
export interface DataObject {
  key: string;
  size: number;
  modified: Date;
}

/**
 * Everything publish, resolve and gc need, implemented by both stores. Planning needs only
 * `Store`; the rest moves bytes and keeps the store tidy.
 */
export interface ArtifactStore extends ArtifactWriter {
  /** `idPrefix` narrows the listing server-side (resolve lists one model/gpu/precision). */
  list(kind: ArtifactKind, idPrefix?: string, channel?: Channel): Promise<StoredArtifact[]>;
  /** Whether create-only writes are honoured (probed once per instance); the reason when not. */
  conditionalWrites(): Promise<{ honoured: boolean; detail: string }>;
  /** Stores the files under `data` (this attempt's own prefix); returns each file's size and SHA-256. */
  putFiles(address: DataAddress, data: string, files: LocalFile[], options?: TransferOptions): Promise<ManifestFile[]>;
  /** Fetches every file of a manifest into `dir` (which must exist and be empty), verifying each. */
  fetchFiles(manifest: Manifest, dir: string, options?: TransferOptions): Promise<void>;
  /** The manifest's files that have no object in the store (one listing, no data read). */
  missingFiles(manifest: Manifest): Promise<string[]>;
  /** Deletes every object under a data prefix (relative to the store root). */
  deleteData(prefix: string): Promise<number>;
  /** Deletes the manifest first (the artifact disappears at once), then all of its data. */
  deleteArtifact(address: ArtifactAddress): Promise<void>;
  /** Deletes one manifest only (a candidate's: its data may be what a published manifest points at). */
  deleteManifest(address: ArtifactAddress): Promise<void>;
  listPendingUploads(): Promise<PendingUpload[]>;
  abortPendingUpload(upload: PendingUpload): Promise<void>;
  /** Every object under `data/`: gc matches them against the manifests' data prefixes. */
  listDataObjects(): Promise<DataObject[]>;
  /** URI of a key, for outputs and logs. */
  uri(key: string): string;
  /**
   * Fetches the TensorRT timing cache of this GPU model (nvidia-smi's product name) and
   * TensorRT-LLM version into `file`, whole; false when the store has none yet.
   */
  getTimingCache(gpuModel: string, trtllmVersion: string, file: string, options?: TransferOptions): Promise<boolean>;
  /** Stores `file` as that timing cache: whole-object, the last writer wins (timingCacheKey). */
  putTimingCache(gpuModel: string, trtllmVersion: string, file: string, options?: TransferOptions): Promise<void>;
}
