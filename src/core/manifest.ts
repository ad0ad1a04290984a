import { z } from 'zod';

/**
 * The record that makes an artifact visible. It is written last (a store must never show an
 * artifact whose manifest is missing), so a manifest's presence means "complete".
 */
export const MANIFEST_SCHEMA = 'engine-forge/manifest@1';

/** engine: a cell's TensorRT-LLM artifact; image: a vLLM image; checkpoint: a model × precision's quantized weights. */
export const ArtifactKind = z.enum(['engine', 'image', 'checkpoint']);
export type ArtifactKind = z.infer<typeof ArtifactKind>;

const fileEntry = z.strictObject({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof fileEntry>;

export const Manifest = z.strictObject({
  schema: z.literal(MANIFEST_SCHEMA),
  kind: ArtifactKind,
  /** Cell id (engines), image id or checkpoint id: the slot the artifact fills, independent of version. */
  id: z.string().min(1),
  model: z.string().min(1),
  version: z.string().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** The declared inputs the fingerprint was computed from, and each one's digest. */
  inputs: z.record(z.string(), z.unknown()),
  digests: z.record(z.string(), z.string()),
  files: z.array(fileEntry),
  /**
   * Key prefix of the files, relative to the store root. Each publish attempt writes its files
   * under a prefix of its own (`data/<kind>s/<id>/<version>/<fingerprint>/<attempt>/`), so the
   * loser of a race can never overwrite the winner's bytes; absent means `dataPrefix(address)`.
   */
  data: z.string().regex(/^data\/[^\\]*\/$/).optional(),
  toolchain: z.record(z.string(), z.unknown()),
  provenance: z.object({
    repository: z.string().optional(),
    commit: z.string().optional(),
    runUrl: z.string().optional(),
    gpu: z.string().optional(),
    driver: z.string().optional(),
    publisher: z.string().optional(),
    /** The pull request a candidate was built for (kept when it is promoted). */
    pullRequest: z.number().int().positive().optional(),
    /** On a promoted artifact: the default-branch run (or commit) that promoted the candidate. */
    promotedBy: z.string().optional(),
    /** What `build` records (all optional, so manifests written by `publish` and older releases still parse). */
    cuda: z.string().optional(),
    gpus: z.array(z.object({ index: z.number().int(), name: z.string(), uuid: z.string() })).optional(),
    gpuCount: z.number().int().optional(),
    toolchain: z.object({ runtime: z.string(), version: z.string(), image: z.string().optional(), digest: z.string().optional() }).optional(),
    steps: z.array(z.object({ name: z.string(), durationMs: z.number() })).optional(),
    bytes: z.number().int().nonnegative().optional(),
    coldStartMs: z.number().optional(),
  }),
  /** For images: the pushed reference, `repo@sha256:…`. */
  image: z.string().optional(),
  createdAt: z.string(),
  completedAt: z.string(),
});
export type Manifest = z.infer<typeof Manifest>;
