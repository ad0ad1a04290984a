#!/usr/bin/env bash
# A Python virtual environment with the runpod SDK from PyPI, for testing engine-forge's Runpod
# worker (the handler the serving images run) in the SDK's local modes: --test_input and
# --rp_serve_api. Writes .engine-forge/services/runpod-venv.env (EF_RUNPOD_PYTHON) for the tests.
#
# Idempotent: a venv whose stamp matches the pinned set is kept.
# Tunables (env): EF_RUNPOD_VENV (default .engine-forge/runpod-venv), EF_PYTHON (python3),
# EF_RUNPOD_ENV_FILE (default .engine-forge/services/runpod-venv.env).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv=${EF_RUNPOD_VENV:-$repo_root/.engine-forge/runpod-venv}
python=${EF_PYTHON:-python3}
# The version the serving images install (src/image/runpod-worker.ts, RUNPOD_SDK_VERSION).
packages=(runpod==1.12.0)
stamp="$venv/.engine-forge-stamp"
want="${packages[*]}"
env_file=${EF_RUNPOD_ENV_FILE:-$repo_root/.engine-forge/services/runpod-venv.env}

log() { echo "[runpod-venv] $*" >&2; }

if ! [[ -x $venv/bin/python && -f $stamp && $(cat "$stamp") == "$want" ]]; then
  if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    log "installing Debian's python3-venv"
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  fi
  log "installing ${packages[*]} into $venv"
  [[ -x $venv/bin/python ]] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-cache-dir "${packages[@]}" >&2
  echo "$want" >"$stamp"
fi
mkdir -p "$(dirname "$env_file")"
echo "export EF_RUNPOD_PYTHON=$venv/bin/python" >"$env_file"
echo "$venv/bin/python"
