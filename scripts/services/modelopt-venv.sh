#!/usr/bin/env bash
# A Python virtual environment with NVIDIA ModelOpt, PyTorch and transformers, for running
# python/engine_forge_quantize.py for real on a machine without a GPU (ModelOpt's fake-quant
# kernels and the unified HF export have CPU paths). PyPI's Linux torch wheel pulls NVIDIA's CUDA
# libraries as dependencies (several GB); they are installed but never loaded without a GPU.
#
# Idempotent: a venv whose stamp matches the pinned set is kept. Prints the interpreter's path.
# Tunables (env): EF_MODELOPT_VENV (default .engine-forge/modelopt-venv), EF_PYTHON (python3).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv=${EF_MODELOPT_VENV:-$repo_root/.engine-forge/modelopt-venv}
python=${EF_PYTHON:-python3}
# The set the quantization script is tested with; ModelOpt 0.47 declares transformers <5.15.
packages=(nvidia-modelopt==0.47.0 'transformers>=4.57,<5.15' 'torch>=2.8' safetensors tokenizers requests)
stamp="$venv/.engine-forge-stamp"
want="${packages[*]}"

log() { echo "[modelopt-venv] $*" >&2; }

if [[ -x $venv/bin/python && -f $stamp && $(cat "$stamp") == "$want" ]]; then
  echo "$venv/bin/python"
  exit 0
fi

if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  log "installing Debian's python3-venv"
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
log "installing ${packages[*]} into $venv"
[[ -x $venv/bin/python ]] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-cache-dir "${packages[@]}" >&2
echo "$want" >"$stamp"
echo "$venv/bin/python"
