import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, symlink, copyFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/**
 * The loopback registry started by scripts/services/registry.sh. Tests that need it fail (never
 * skip) when its environment is missing.
 */
export function registryFromEnv(): { registry: string; env: Record<string, string> } {
  const registry = process.env.EF_REGISTRY;
  const registriesConf = process.env.CONTAINERS_REGISTRIES_CONF;
  if (!registry || !registriesConf) {
    throw new Error(
      'EF_REGISTRY / CONTAINERS_REGISTRIES_CONF are not set: run `bash scripts/services/registry.sh && source .engine-forge/services/registry.env` (npm test does both)',
    );
  }
  return { registry, env: builderEnv() };
}

/**
 * buildah as this machine can run it: as root, vfs storage (no overlay in a container), chroot
 * isolation (no user namespaces). Both are the builder's own configuration, read from the env.
 */
export function builderEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot' };
}

/** A `vllm` stand-in: prints the argv it got, one argument a line, so tests can read the command line. */
const VLLM_STUB = `#!/bin/sh
echo "vllm-argv-begin"
for arg in "$@"; do printf '%s\\n' "$arg"; done
echo "vllm-argv-end"
`;

/**
 * An \`hf download\` stand-in honouring the real CLI's contract for a gated repository: the token
 * comes from HF_TOKEN, a missing or wrong one fails like a 401, and the files land in --local-dir
 * with download bookkeeping under .cache/. The image holds only the token's SHA-256, so a search
 * for the token itself in the pushed image finds nothing unless the build leaked it.
 */
const HF_STUB = `#!/bin/sh
set -eu
[ "$1" = download ] || { echo "hf stub: only 'download' is supported" >&2; exit 2; }
repo=$2; shift 2
revision=main; dir=
while [ $# -gt 0 ]; do
  case $1 in
    --revision) revision=$2; shift 2 ;;
    --local-dir) dir=$2; shift 2 ;;
    *) echo "hf stub: unexpected argument $1" >&2; exit 2 ;;
  esac
done
got=$(printf '%s' "\${HF_TOKEN-}" | sha256sum | cut -d' ' -f1)
if [ "$got" != "$(cat /etc/hf-stub/token.sha256)" ]; then
  echo "401 Client Error: access to model $repo is restricted, you must have access and be authenticated" >&2
  exit 1
fi
mkdir -p "$dir/.cache/huggingface/download"
printf '{"_name_or_path": "%s", "revision": "%s"}\\n' "$repo" "$revision" > "$dir/config.json"
printf 'weights of %s at %s\\n' "$repo" "$revision" > "$dir/model.safetensors"
touch "$dir/.cache/huggingface/download/model.safetensors.metadata"
echo "Downloaded $repo@$revision to $dir"
`;

/**
 * Builds a tiny stand-in for vllm/vllm-openai (static busybox, a \`vllm\` and an \`hf\` stub, the real
 * image's entry point \`vllm serve\`) and pushes it as <registry>/vllm/vllm-openai:<tag>. The real
 * base cannot be pulled here; this one keeps what the generated Dockerfile relies on: /bin/sh,
 * \`vllm\` and \`hf\` on PATH, root user. The tag carries the token's hash: test files run in
 * parallel, each with its own token, and must not overwrite each other's base.
 */
export async function pushStandInBase(registry: string, hfToken: string): Promise<string> {
  const tokenHash = createHash('sha256').update(hfToken).digest('hex');
  const reference = `${registry}/vllm/vllm-openai:test-${tokenHash.slice(0, 12)}`;
  const dir = await mkdtemp(join(tmpdir(), 'ef-standin-'));
  try {
    const root = join(dir, 'rootfs');
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'usr/bin'), { recursive: true });
    await mkdir(join(root, 'etc/hf-stub'), { recursive: true });
    await mkdir(join(root, 'tmp'), { recursive: true });
    await copyFile('/bin/busybox', join(root, 'bin/busybox'));
    for (const applet of ['sh', 'cat', 'cut', 'mkdir', 'printf', 'echo', 'rm', 'touch', 'sha256sum', 'ls', 'env']) {
      await symlink('busybox', join(root, 'bin', applet));
    }
    for (const [name, text] of [['vllm', VLLM_STUB], ['hf', HF_STUB]] as const) {
      await writeFile(join(root, 'usr/bin', name), text);
      await chmod(join(root, 'usr/bin', name), 0o755);
    }
    await writeFile(join(root, 'etc/hf-stub/token.sha256'), tokenHash);
    await writeFile(
      join(dir, 'Dockerfile'),
      'FROM scratch\nCOPY rootfs/ /\nENV PATH=/usr/local/bin:/usr/bin:/bin\nENTRYPOINT ["vllm", "serve"]\n',
    );
    const env = builderEnv();
    await execa('buildah', ['build', '--file', join(dir, 'Dockerfile'), '--tag', reference, dir], { env });
    await execa('buildah', ['push', reference, `docker://${reference}`], { env });
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `skopeo inspect` of a pushed image (`--config` for the raw image config). skopeo, unlike buildah
 * and podman, does not read CONTAINERS_REGISTRIES_CONF, so it is told the registry is plain HTTP.
 */
export async function skopeoInspect(reference: string, config = false): Promise<Record<string, unknown>> {
  const args = ['inspect', '--tls-verify=false', ...(config ? ['--config'] : []), `docker://${reference}`];
  const { stdout } = await execa('skopeo', args, { env: builderEnv() });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The tags a repository holds in the registry (`skopeo list-tags`). */
export async function registryTags(repository: string): Promise<string[]> {
  const { stdout } = await execa('skopeo', ['list-tags', '--tls-verify=false', `docker://${repository}`], { env: builderEnv() });
  return (JSON.parse(stdout) as { Tags: string[] }).Tags;
}

/** Removes a local image (the stand-in base after a test file); a missing one is fine. */
export async function removeLocalImage(reference: string): Promise<void> {
  await execa('buildah', ['rmi', reference], { env: builderEnv(), reject: false });
}
