import { MANIFEST_SCHEMA, type Manifest } from '../../src/core/manifest.js';
import type { EngineCell, ImageSpec } from '../../src/core/cells.js';
import type { CheckpointCell } from '../../src/core/checkpoints.js';

/** A complete manifest for a cell, image or checkpoint, as publish would write it (files made up, hashes valid-shaped). */
export function manifestFor(target: EngineCell | ImageSpec | CheckpointCell, kind: Manifest['kind'] = 'engine'): Manifest {
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
    files:
      kind === 'engine'
        ? [{ path: 'rank0.engine', size: 3, sha256: 'a'.repeat(64) }]
        : kind === 'checkpoint'
          ? ['config.json', 'hf_quant_config.json', 'model.safetensors'].map((path) => ({ path, size: 3, sha256: 'b'.repeat(64) }))
          : [],
    toolchain: {},
    provenance: { commit: 'abc' },
    createdAt: now,
    completedAt: now,
  };
}
