import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile, copyFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { builderEnv } from './registry.js';

const PYTHON = '/usr/bin/python3.11';
const STDLIB = '/usr/lib/python3.11';
/** Parts of the standard library no stand-in imports; left out to keep the base small. */
const STDLIB_SKIP = new Set(['test', 'idlelib', 'tkinter', 'turtledemo', 'ensurepip', 'lib2to3', 'pydoc_data', 'config-3.11-x86_64-linux-gnu', '__pycache__']);
const BUSYBOX_APPLETS = ['sh', 'env', 'cat', 'echo', 'sleep', 'ls', 'mkdir', 'rm', 'dirname', 'pwd', 'printf', 'test', '[', 'grep', 'wget', 'du'];
/** Changes with what this helper puts in the base (the tag is derived from it, so a rerun reuses only the same base). */
const BASE_LAYOUT = 'busybox+python3.11+wheel-libs/3';
const SUPPORT = path.resolve(import.meta.dirname, '../support');
/** PATH as NGC images set it; the nvidia-smi stand-in's captures; every GPU unless the run says otherwise. */
const STAND_IN_ENV = 'PATH=/usr/local/bin:/usr/bin:/bin EF_FAKE_SMI_CSV=/fixtures/nvidia-smi-h200.csv EF_FAKE_SMI_Q=/fixtures/nvidia-smi-q-h200.txt NVIDIA_VISIBLE_DEVICES=all';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** The pip package of the runpod venv (scripts/services/runpod-venv.sh). */
async function venvPip(): Promise<string> {
  const python = process.env.EF_RUNPOD_PYTHON;
  if (!python) throw new Error('EF_RUNPOD_PYTHON is not set: run `bash scripts/services/runpod-venv.sh && source .engine-forge/services/runpod-venv.env` (npm test does both)');
  const { stdout } = await execa(python, ['-c', 'import os, pip; print(os.path.dirname(pip.__file__))']);
  return stdout.trim();
}

/** The shared libraries `file` needs, as ldd resolves them on this host. */
async function sharedLibraries(files: string[]): Promise<string[]> {
  const { stdout } = await execa('ldd', files, { reject: false });
  const libs = new Set<string>();
  for (const match of stdout.matchAll(/(?:=>\s*)?(\/\S+\.so[^\s]*)\s+\(0x/g)) libs.add(match[1]!);
  return [...libs];
}

/**
 * A stand-in for NVIDIA's TensorRT-LLM release image, built FROM scratch here (no registry pull):
 * static busybox, this host's python3 with its standard library (the release image has python3),
 * and the stand-ins for `nvidia-smi` (answering from the captures under /fixtures, chosen with
 * EF_FAKE_SMI_CSV) and `trtllm-serve` on PATH. The nvidia-smi stand-in is POSIX sh under a bash
 * shebang; busybox has no bash, so its copy here starts with #!/bin/sh. Pushed to the test
 * registry under a tag derived from its contents, so a rerun reuses it.
 */
export async function pushTrtllmStandInBase(registry: string, options: { pip?: boolean } = {}): Promise<string> {
  if (!existsSync(PYTHON) || !existsSync(STDLIB)) throw new Error(`${PYTHON} and ${STDLIB} (Debian's python3.11) are needed for the stand-in TensorRT-LLM image: apt-get install python3.11`);
  const standIns = {
    'nvidia-smi': (await readFile(path.join(SUPPORT, 'bin/nvidia-smi'), 'utf8')).replace(/^#!.*\n/, '#!/bin/sh\n'),
    'trtllm-serve': await readFile(path.join(SUPPORT, 'bin/trtllm-serve'), 'utf8'),
    '_standin.py': await readFile(path.join(SUPPORT, 'bin/_standin.py'), 'utf8'),
  };
  // pip (the real one, from the runpod venv) for images whose Dockerfile installs the Runpod SDK.
  const pipDir = options.pip ? await venvPip() : undefined;
  // This host reaches PyPI through the CA bundle its own pip is told to trust: so does the image's pip.
  const bundlePath = process.env.PIP_CERT ?? '/etc/ssl/certs/ca-certificates.crt';
  const bundle = pipDir && existsSync(bundlePath) ? await readFile(bundlePath) : undefined;
  const hash = createHash('sha256').update(BASE_LAYOUT).update(JSON.stringify(standIns)).update(PYTHON).update(pipDir ?? '').update(bundle ?? '').digest('hex').slice(0, 12);
  const reference = `${registry}/nvidia/tensorrt-llm/release:standin-${options.pip ? 'pip-' : ''}${hash}`;
  const env = builderEnv();
  const present = await execa('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`], { env, reject: false });
  if (present.exitCode === 0) return reference;

  const dir = await mkdtemp(path.join(tmpdir(), 'ef-trtllm-base-'));
  try {
    const root = path.join(dir, 'rootfs');
    await stageRootfs(root, standIns, pipDir, bundle);
    await writeFile(
      path.join(dir, 'Containerfile'),
      `FROM scratch\nCOPY rootfs/ /\nENV ${STAND_IN_ENV}\n`,
    );
    await execa('buildah', ['build', '--file', path.join(dir, 'Containerfile'), '--tag', reference, dir], { env });
    await execa('buildah', ['push', reference, `docker://${reference}`], { env });
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The whole TensorRT-LLM toolchain as `build` runs it in a container, as a stand-in built locally
 * with podman (no registry): the base above plus `hf` and `trtllm-build`, the examples tree at
 * /app/tensorrt_llm/examples (where NVIDIA's release image has it) and the stand-in hub at /hub
 * (the `hf` stand-in's models: the container sees no host path but its mounts).
 */
export async function buildTrtllmToolchainImage(env: Record<string, string>): Promise<string> {
  if (!existsSync(PYTHON) || !existsSync(STDLIB)) throw new Error(`${PYTHON} and ${STDLIB} (Debian's python3.11) are needed for the stand-in TensorRT-LLM image: apt-get install python3.11`);
  const standIns: Record<string, string> = {
    'nvidia-smi': (await readFile(path.join(SUPPORT, 'bin/nvidia-smi'), 'utf8')).replace(/^#!.*\n/, '#!/bin/sh\n'),
  };
  for (const tool of ['trtllm-serve', 'trtllm-build', 'hf', '_standin.py']) standIns[tool] = await readFile(path.join(SUPPORT, 'bin', tool), 'utf8');
  const reference = `localhost/engine-forge-test/trtllm-toolchain:${randomBytes(4).toString('hex')}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'ef-trtllm-toolchain-'));
  try {
    const root = path.join(dir, 'rootfs');
    await stageRootfs(root, standIns, undefined, undefined);
    await cp(path.join(SUPPORT, 'trtllm-examples'), path.join(root, 'app/tensorrt_llm/examples'), { recursive: true, filter: (src) => path.basename(src) !== '__pycache__' });
    // The examples' stand-ins import _standin from bin/ beside examples/, as in test/support.
    await mkdir(path.join(root, 'app/tensorrt_llm/bin'), { recursive: true });
    await writeFile(path.join(root, 'app/tensorrt_llm/bin/_standin.py'), standIns['_standin.py']!);
    await cp(path.join(SUPPORT, 'hub'), path.join(root, 'hub'), { recursive: true });
    await writeFile(path.join(dir, 'Containerfile'), `FROM scratch\nCOPY rootfs/ /\nENV ${STAND_IN_ENV} EF_FAKE_HUB=/hub\n`);
    await execa('podman', ['build', '--file', path.join(dir, 'Containerfile'), '--tag', reference, dir], { env, extendEnv: false });
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `base` with variables baked in: the stand-ins' failure modes (EF_FAKE_SLOW, …), since a container
 * gets no host variable but those the toolchain names.
 */
export async function withImageEnv(env: Record<string, string>, base: string, vars: Record<string, string>): Promise<string> {
  const reference = `${base}-${randomBytes(3).toString('hex')}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'ef-trtllm-env-'));
  try {
    await writeFile(path.join(dir, 'Containerfile'), `FROM ${base}\nENV ${Object.entries(vars).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    await execa('podman', ['build', '--file', path.join(dir, 'Containerfile'), '--tag', reference, dir], { env, extendEnv: false });
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** busybox, python3 with its standard library and shared libraries, the stand-ins and the nvidia-smi captures. */
async function stageRootfs(root: string, standIns: Record<string, string>, pipDir: string | undefined, bundle: Buffer | undefined): Promise<void> {
  for (const d of ['bin', 'usr/bin', 'usr/local/bin', 'usr/lib', 'tmp', 'fixtures', 'lib64']) await mkdir(path.join(root, d), { recursive: true });
  await copyFile('/bin/busybox', path.join(root, 'bin/busybox'));
  for (const applet of BUSYBOX_APPLETS) await symlink('/bin/busybox', path.join(root, 'bin', applet));
  await symlink('/bin/busybox', path.join(root, 'usr/bin/env'));
  await copyFile(PYTHON, path.join(root, 'usr/bin/python3.11'));
  await chmod(path.join(root, 'usr/bin/python3.11'), 0o755);
  await symlink('python3.11', path.join(root, 'usr/bin/python3'));
  await cp(STDLIB, path.join(root, STDLIB.slice(1)), { recursive: true, filter: (src) => !STDLIB_SKIP.has(path.basename(src)) });
  const dynload = path.join(STDLIB, 'lib-dynload');
  const modules = (await execa('sh', ['-c', `ls ${dynload}/*.so`])).stdout.split('\n');
  // The system libraries the Runpod SDK's compiled wheels load (libgcc_s, libpthread, …): every real
  // base has them; found from the same wheels in the runpod venv.
  const wheels = pipDir ? (await execa('find', [path.dirname(pipDir), '-name', '*.so*', '-type', 'f'])).stdout.split('\n').filter(Boolean) : [];
  for (const lib of await sharedLibraries([PYTHON, ...modules, ...wheels])) {
    await mkdir(path.join(root, path.dirname(lib)), { recursive: true });
    await copyFile(lib, path.join(root, lib));
  }
  if (pipDir) {
    await cp(pipDir, path.join(root, 'usr/local/lib/python3.11/dist-packages/pip'), { recursive: true, filter: (src) => path.basename(src) !== '__pycache__' });
    if (bundle) {
      await mkdir(path.join(root, 'etc/ssl/certs'), { recursive: true });
      await writeFile(path.join(root, 'etc/ssl/certs/ca-certificates.crt'), bundle);
      await writeFile(path.join(root, 'etc/pip.conf'), '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n');
    }
  }
  for (const [name, text] of Object.entries(standIns)) await writeFile(path.join(root, 'usr/local/bin', name), text, { mode: 0o755 });
  for (const capture of ['nvidia-smi-h200.csv', 'nvidia-smi-a100-80gbx4.csv', 'nvidia-smi-h100x8.csv', 'nvidia-smi-q-h200.txt']) {
    await copyFile(path.join(FIXTURES, capture), path.join(root, 'fixtures', capture));
  }
}
