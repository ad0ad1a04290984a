import { createHash } from 'node:crypto';
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
    for (const capture of ['nvidia-smi-h200.csv', 'nvidia-smi-a100-80gbx4.csv', 'nvidia-smi-h100x8.csv']) {
      await copyFile(path.join(FIXTURES, capture), path.join(root, 'fixtures', capture));
    }
    await writeFile(
      path.join(dir, 'Containerfile'),
      'FROM scratch\nCOPY rootfs/ /\nENV PATH=/usr/local/bin:/usr/bin:/bin EF_FAKE_SMI_CSV=/fixtures/nvidia-smi-h200.csv NVIDIA_VISIBLE_DEVICES=all\n',
    );
    await execa('buildah', ['build', '--file', path.join(dir, 'Containerfile'), '--tag', reference, dir], { env });
    await execa('buildah', ['push', reference, `docker://${reference}`], { env });
    return reference;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
