import { SIGNATURE_PATTERN, signatureOf } from '../core/fingerprint.js';
import type { ArtifactKind } from '../core/manifest.js';

/**
 * Where things live in a store, shared by every implementation (local directory, S3).
 *
 *   manifests/<kind>s/<id>/<version>/<fingerprint>.<signature>.json   one small object per complete artifact
 *   candidates/<kind>s/<id>/<version>/<fingerprint>.<signature>.json  built for a pull request, not yet merged
 *   data/<kind>s/<id>/<version>/<fingerprint>/<path>                  the artifact's files, immutable
 *   models/<model>/<version>.json                                      the version's claim: its source and revision
 *   caches/timing/<gpu>/<trtllm-version>.cache                         TensorRT timing caches, shared by builds
 *
 * A candidate has the same manifest as a published artifact but lives under its own prefix, so
 * nothing that lists `manifests/` (resolve, the default branch's plan) ever sees it. Its data sits
 * where the published artifact's would: promotion on merge writes the published manifest pointing
 * at the same files, without copying them.
 *
 * Manifests sit under their own prefix so that planning lists exactly one key per artifact
 * (a 10,000-artifact store is ~10 list requests) and never touches the data. The signature
 * (`m…t…c…`, one short digest per input group) lets a plan see which group of inputs moved
 * from the listing alone; it is a function of the fingerprint's inputs, so a fingerprint still
 * has exactly one manifest key.
 */
export interface ArtifactAddress {
  kind: ArtifactKind;
  id: string;
  version: string;
  fingerprint: string;
  signature: string;
  /** Absent for a published artifact; 'candidate' for one built for a pull request. */
  channel?: Channel;
}

/** Where a manifest sits: published (what resolve and deploys see) or a pull request's candidate. */
export type Channel = 'published' | 'candidate';

/** The address of the artifact a manifest (or a cell, which has the same fields) describes. */
/** What locates an artifact's data: its address without the key signature. */
export type DataAddress = Pick<ArtifactAddress, 'kind' | 'id' | 'version' | 'fingerprint'>;

export function addressOf(target: { kind: ArtifactKind; id: string; version: string; fingerprint: string; digests: Readonly<Record<string, string>> }): ArtifactAddress {
  return { kind: target.kind, id: target.id, version: target.version, fingerprint: target.fingerprint, signature: signatureOf(target.digests) };
}

export function manifestPrefix(kind: ArtifactKind, channel: Channel = 'published'): string {
  return `${channel === 'candidate' ? 'candidates' : 'manifests'}/${kind}s/`;
}

export function manifestKey(a: ArtifactAddress): string {
  return `${manifestPrefix(a.kind, a.channel)}${a.id}/${a.version}/${a.fingerprint}.${a.signature}.json`;
}

export function dataPrefix(a: DataAddress): string {
  return `data/${a.kind}s/${a.id}/${a.version}/${a.fingerprint}/`;
}

/** Parses a manifest key back into its address; undefined for anything else under the prefix. */
export function parseManifestKey(kind: ArtifactKind, key: string, channel: Channel = 'published'): ArtifactAddress | undefined {
  const prefix = manifestPrefix(kind, channel);
  if (!key.startsWith(prefix) || !key.endsWith('.json')) return undefined;
  const parts = key.slice(prefix.length, -'.json'.length).split('/');
  if (parts.length < 3) return undefined;
  const [fingerprint = '', signature = '', ...extra] = parts.pop()!.split('.');
  const version = parts.pop()!;
  if (extra.length > 0 || !/^[0-9a-f]{64}$/.test(fingerprint) || !SIGNATURE_PATTERN.test(signature)) return undefined;
  return { kind, id: parts.join('/'), version, fingerprint, signature, ...(channel === 'candidate' ? { channel } : {}) };
}

/** The prefix one publish attempt writes its files under (see Manifest.data). */
export function attemptDataPrefix(a: DataAddress, attempt: string): string {
  return `${dataPrefix(a)}${attempt}/`;
}

/** Where a manifest's files live; refuses a `data` that points outside the artifact's own prefix. */
export function manifestDataPrefix(a: DataAddress, data: string | undefined): string {
  const own = dataPrefix(a);
  if (data === undefined) return own;
  const rest = data.slice(own.length);
  if (!data.startsWith(own) || !/^([0-9a-z-]+\/)?$/.test(rest)) {
    throw new Error(`manifest of ${a.id}@${a.version} (${a.fingerprint.slice(0, 12)}): data prefix '${data}' is not under '${own}'`);
  }
  return data;
}

/**
 * `data/<kind>s/<id…>/<version>/<fingerprint>/<attempt>/<path>` → the prefix up to the attempt
 * (for a file written before attempts existed, the first path segment stands in for it).
 */
export function attemptPrefixOf(key: string): string | undefined {
  const parts = key.split('/');
  const fp = parts.findIndex((p, i) => i >= 3 && /^[0-9a-f]{64}$/.test(p));
  if (fp < 0 || parts.length < fp + 3) return undefined;
  return `${parts.slice(0, fp + 2).join('/')}/`;
}

/**
 * Where the TensorRT timing cache for one GPU model × TensorRT-LLM version lives:
 * `caches/timing/<gpu>/<trtllm-version>.cache`. TensorRT's tactic timings hold only on the GPU
 * model and TensorRT version that measured them, so pass the product name nvidia-smi reports
 * (`NVIDIA H100 80GB HBM3`, which tells SXM from PCIe) rather than the matrix family. Both parts
 * are reduced to `[a-z0-9._-]`, so no input can climb out of the prefix.
 */
export function timingCacheKey(gpuModel: string, trtllmVersion: string): string {
  const part = (what: string, value: string): string => {
    const slug = value.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
    if (slug === '') throw new Error(`timing cache: ${what} ${JSON.stringify(value)} has no usable characters`);
    return slug;
  };
  return `caches/timing/${part('GPU model', gpuModel)}/${part('TensorRT-LLM version', trtllmVersion)}.cache`;
}

/**
 * The create-only claim that fixes which model (source, revision) a model version names; written
 * by the first publish of any artifact of that version and never deleted with artifacts.
 */
export function versionClaimKey(model: string, version: string): string {
  for (const part of [model, version]) {
    if (part === '' || part === '.' || part === '..' || /[/\\]/.test(part)) throw new Error(`version claim: ${JSON.stringify(part)} cannot be a key segment`);
  }
  return `models/${model}/${version}.json`;
}
