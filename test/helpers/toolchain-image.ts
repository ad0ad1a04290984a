import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/**
 * The container runtime's configuration for this host, written by scripts/services/container-runtime.sh:
 * podman's containers.conf (CONTAINERS_CONF) and the ulimits a container may have here
 * (ENGINE_FORGE_CONTAINER_ULIMITS, empty where NVIDIA's can be set). Fails, never skips, when missing.
 */
export function containerRuntimeEnv(): Record<string, string> {
  const conf = process.env.EF_PODMAN_CONTAINERS_CONF;
  const ulimits = process.env.EF_CONTAINER_ULIMITS;
  if (!conf || ulimits === undefined) {
    throw new Error(
      'EF_PODMAN_CONTAINERS_CONF / EF_CONTAINER_ULIMITS are not set: run `bash scripts/services/container-runtime.sh && source .engine-forge/services/container-runtime.env` (npm test does both)',
    );
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, CONTAINERS_CONF: conf, ...(ulimits ? { ENGINE_FORGE_CONTAINER_ULIMITS: ulimits } : {}) };
}

const APPLETS = ['sh', 'sleep', 'env', 'echo', 'cat', 'httpd', 'grep', 'printf', 'pwd', 'touch', 'test', '['];

/**
 * A stand-in for the TensorRT-LLM release image, built locally FROM scratch around a static
 * busybox: a shell, sleep and an HTTP server are all the runtime's tests need of it. No registry.
 */
export async function buildToolchainImage(kind: 'docker' | 'podman', env: Record<string, string>): Promise<string> {
  const reference = `localhost/engine-forge-test/toolchain:${randomBytes(4).toString('hex')}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'ef-toolchain-image-'));
  try {
    const root = path.join(dir, 'rootfs');
    await mkdir(path.join(root, 'bin'), { recursive: true });
    await mkdir(path.join(root, 'www'), { recursive: true });
    await mkdir(path.join(root, 'tmp'), { recursive: true });
    await copyFile('/bin/busybox', path.join(root, 'bin/busybox'));
    for (const applet of APPLETS) await symlink('busybox', path.join(root, 'bin', applet));
    await writeFile(path.join(root, 'www/health'), 'ok\n');
    // Like NGC images: every GPU unless the run says otherwise.
    await writeFile(path.join(dir, 'Containerfile'), 'FROM scratch\nCOPY rootfs/ /\nENV PATH=/bin NVIDIA_VISIBLE_DEVICES=all\n');
    await execa(kind, ['build', '--file', path.join(dir, 'Containerfile'), '--tag', reference, dir], { env, extendEnv: false });
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Names of the containers (running or not) whose name starts with `prefix`. */
export async function containersNamed(kind: 'docker' | 'podman', prefix: string, env: Record<string, string>): Promise<string[]> {
  const { stdout } = await execa(kind, ['ps', '--all', '--format', '{{.Names}}'], { env, extendEnv: false });
  return stdout.split('\n').filter((n) => n.startsWith(prefix));
}

const CDI_DIR = '/var/run/cdi'; // podman 4.3 reads /etc/cdi and /var/run/cdi only
const CDI_SPEC = path.join(CDI_DIR, 'engine-forge-test-gpus.yaml');
const STAND_IN_GPUS = 4;

/**
 * GPUs for podman as CDI devices whose only effect is an env var per GPU (EF_STAND_IN_GPU_<i>=present),
 * so a test sees exactly which devices a container got. Refuses on a host with a real NVIDIA CDI spec.
 */
export async function writeStandInCdiSpec(): Promise<void> {
  for (const dir of ['/etc/cdi', CDI_DIR]) {
    for (const file of existsSync(dir) ? readdirSync(dir) : []) {
      if (path.join(dir, file) !== CDI_SPEC && /kind:\s*"?nvidia\.com\/gpu/.test(readFileSync(path.join(dir, file), 'utf8'))) {
        throw new Error(`${path.join(dir, file)} already defines nvidia.com/gpu devices (a real GPU host): the stand-in CDI spec would clash with it`);
      }
    }
  }
  const devices = Array.from({ length: STAND_IN_GPUS }, (_, i) => `  - name: "${i}"\n    containerEdits:\n      env: ["EF_STAND_IN_GPU_${i}=present"]\n`).join('');
  await mkdir(CDI_DIR, { recursive: true });
  await writeFile(CDI_SPEC, `cdiVersion: "0.5.0"\nkind: nvidia.com/gpu\ndevices:\n${devices}`);
}
