import { MANIFEST_SCHEMA, type Manifest } from '../../src/core/manifest.js';
import type { EngineCell, ImageSpec } from '../../src/core/cells.js';

/** A complete manifest for a cell or image, as publish would write it (files made up, hashes valid-shaped). */
export function manifestFor(target: EngineCell | ImageSpec, kind: 'engine' | 'image' = 'engine'): Manifest {
  const now = new Date().toISOString();
  return {
    schema: MANIFEST_SCHEMA,
    kind,
    id: target.id,
    model: target.model,
    version: target.version,
    fingerprint: target.fingerprint,
    inputs: target.inputs,
    digests: target.digests,
    files: kind === 'engine' ? [{ path: 'rank0.engine', size: 3, sha256: 'a'.repeat(64) }] : [],
    toolchain: {},
    provenance: { commit: 'abc' },
    createdAt: now,
    completedAt: now,
  };
}
