import { Manifest, MANIFEST_SCHEMA } from '../core/manifest.js';
import { UserError, quote } from '../errors.js';
import type { ArtifactAddress } from './layout.js';

/**
 * Parses a manifest read from a store, refusing (with the key in the message) one that is
 * truncated, from a schema this version does not know, or filed under another address.
 */
export function parseManifest(text: string, where: string, expected?: ArtifactAddress): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`manifest ${where} is not valid JSON (${text.length} bytes; truncated or damaged); refusing it`);
  }
  const schema = (json as { schema?: unknown } | null)?.schema;
  if (schema !== MANIFEST_SCHEMA) {
    throw new UserError(
      `manifest ${where} has schema ${quote(schema)}, which this engine-forge does not know (it reads ${quote(MANIFEST_SCHEMA)}); ` +
        'upgrade engine-forge to read it',
    );
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new UserError(`manifest ${where} does not match ${MANIFEST_SCHEMA}; refusing it`, problems);
  }
  const m = parsed.data;
  if (expected && (m.kind !== expected.kind || m.id !== expected.id || m.version !== expected.version || m.fingerprint !== expected.fingerprint)) {
    throw new UserError(`manifest ${where} describes ${m.kind} ${quote(`${m.id}@${m.version}#${m.fingerprint.slice(0, 12)}`)}, not the artifact at that key; refusing it`);
  }
  return m;
}

export function renderManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
