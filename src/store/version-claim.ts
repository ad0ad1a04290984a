import { z } from 'zod';
import { ArtifactKind, type Manifest } from '../core/manifest.js';
import { UserError, quote } from '../errors.js';
import type { ArtifactStore } from './artifact-store.js';
import { versionClaimKey } from './layout.js';
import type { StoredArtifact } from './store.js';

/**
 * A model version names one model: the first publish of `<model>@<version>` records its model
 * inputs (source, revision) in a small create-only object, and every later publish under that
 * version, of any cell, kind or toolchain, must carry the same ones. Enforced by the stores'
 * commitManifest, so no client can put a second model under a version.
 */
export const VERSION_CLAIM_SCHEMA = 'engine-forge/version-claim@1';

export const VersionClaim = z.strictObject({
  schema: z.literal(VERSION_CLAIM_SCHEMA),
  model: z.string().min(1),
  version: z.string().min(1),
  source: z.string().nullable(),
  revision: z.string().nullable(),
  /** Who claimed it first, for the refusal's message. */
  provenance: z.record(z.string(), z.string()),
  claimedAt: z.string(),
});
export type VersionClaim = z.infer<typeof VersionClaim>;

/** What a manifest (or a publish target, which has the same fields) claims about its version. */
export function claimOf(m: Pick<Manifest, 'model' | 'version' | 'inputs' | 'provenance'>, now = new Date()): VersionClaim {
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const provenance = Object.fromEntries(Object.entries(m.provenance).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { schema: VERSION_CLAIM_SCHEMA, model: m.model, version: m.version, source: text(m.inputs.source), revision: text(m.inputs.revision), provenance, claimedAt: now.toISOString() };
}

export function renderClaim(claim: VersionClaim): string {
  return `${JSON.stringify(claim, null, 2)}\n`;
}

export function parseClaim(text: string, where: string): VersionClaim {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`version claim ${where} is not valid JSON (${text.length} bytes; truncated or damaged); refusing to publish under it`);
  }
  const parsed = VersionClaim.safeParse(json);
  if (!parsed.success) throw new UserError(`version claim ${where} does not match ${VERSION_CLAIM_SCHEMA}; refusing to publish under it`);
  return parsed.data;
}

/** Throws when `wanted` puts another model (source or revision) under `stored`'s version. */
export function assertSameModel(stored: VersionClaim, wanted: VersionClaim, where: string): void {
  if (stored.source === wanted.source && stored.revision === wanted.revision) return;
  const who = [stored.provenance.runUrl, stored.provenance.commit ? `commit ${stored.provenance.commit}` : undefined, stored.provenance.publisher].filter(Boolean).join(', ');
  throw new UserError(
    `${stored.model}@${stored.version} is already published from source ${quote(stored.source)} revision ${quote(stored.revision)} ` +
      `(${who || 'unknown publisher'}, ${stored.claimedAt}; ${where}); this publish has source ${quote(wanted.source)} revision ${quote(wanted.revision)}. ` +
      `A version means one model: give the changed model a new version (models.${stored.model}.version in the matrix)`,
  );
}

/** How a store reads and create-only writes one claim object. */
export interface ClaimIo {
  where: string;
  read(): Promise<string | undefined>;
  /** False when the object already exists (412, EEXIST). */
  create(body: string): Promise<boolean>;
  /** The oldest manifest already under this model version: stores older than claims hold some. */
  earliest(): Promise<Manifest | undefined>;
}

/** The oldest manifest of `model@version`, engines and images alike, from a listing of the model's ids. */
export async function earliestManifest(
  list: (kind: ArtifactKind) => Promise<StoredArtifact[]>,
  read: (artifact: StoredArtifact) => Promise<Manifest>,
  model: string,
  version: string,
): Promise<Manifest | undefined> {
  const found: StoredArtifact[] = [];
  for (const kind of ArtifactKind.options) {
    found.push(...(await list(kind)).filter((a) => a.version === version && a.id.split('/')[0] === model));
  }
  const oldest = found.sort((a, b) => a.modified.getTime() - b.modified.getTime())[0];
  return oldest ? read(oldest) : undefined;
}

/**
 * The early, read-only check a publisher makes before building or uploading: refuses when the
 * version is already claimed (or, in a store older than claims, published) for another model.
 */
export async function assertVersionOpenTo(store: ArtifactStore, m: Pick<Manifest, 'model' | 'version' | 'inputs' | 'provenance'>): Promise<void> {
  const claim =
    (await store.readVersionClaim(m.model, m.version)) ??
    (await earliestManifest((kind) => store.list(kind, `${m.model}/`), (a) => store.readManifest(a), m.model, m.version).then((e) => e && claimOf(e)));
  if (claim) assertSameModel(claim, claimOf(m), store.uri(versionClaimKey(m.model, m.version)));
}

/**
 * Claims the manifest's model version, or checks the claim already made. Race-safe: of racing
 * first publishers exactly one creates the claim and the others compare against it; a create
 * whose reply was lost meets its own claim on retry, which matches.
 */
export async function claimVersion(io: ClaimIo, manifest: Manifest): Promise<void> {
  const wanted = claimOf(manifest);
  let text = await io.read();
  if (text === undefined) {
    // A version published before claims existed is claimed for the model its artifacts hold.
    const earlier = await io.earliest();
    const first = earlier ? claimOf(earlier, validDate(earlier.completedAt)) : wanted;
    if (await io.create(renderClaim(first))) return assertSameModel(first, wanted, io.where);
    text = await io.read();
    if (text === undefined) throw new UserError(`version claim ${io.where}: the store refused to create it as existing, yet holds none; try again`);
  }
  assertSameModel(parseClaim(text, io.where), wanted, io.where);
}

/**
 * What a pull request's candidate does instead of claiming: compares against the claim (or, in a
 * store older than claims, the earliest published manifest) without creating one. Two open pull
 * requests under one new version so never block each other; the merged one claims on promotion.
 */
export async function checkVersionClaim(io: Omit<ClaimIo, 'create'>, manifest: Manifest): Promise<void> {
  const text = await io.read();
  const claim = text === undefined ? await io.earliest().then((e) => e && claimOf(e, validDate(e.completedAt))) : parseClaim(text, io.where);
  if (claim) assertSameModel(claim, claimOf(manifest), io.where);
}

function validDate(text: string): Date {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? new Date() : date;
}
