#!/usr/bin/env bash
# Idempotent: a venv with an established OpenAI load generator (AIPerf, else guidellm) for
# `npm run bench client`, which compares engine-forge's generator with it. Prints the venv path.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${EF_BENCH_VENV:-$root/.engine-forge/bench-venv}"
# The first interpreter that actually runs (a pyenv shim may exist without its version active).
py="${EF_BENCH_PYTHON:-}"
if [ -z "$py" ]; then
  for c in python3.12 python3.13 python3.11 python3.10 python3; do
    if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then py="$c"; break; fi
  done
fi
[ -n "$py" ] || { echo "no Python 3.10+ found for the bench client venv (set EF_BENCH_PYTHON)" >&2; exit 1; }
if [ -x "$venv/bin/aiperf" ] || [ -x "$venv/bin/guidellm" ]; then echo "$venv"; exit 0; fi
"$py" -m venv "$venv" >&2
"$venv/bin/pip" install --quiet --upgrade pip >&2
if ! "$venv/bin/pip" install --quiet aiperf >&2; then
  echo "aiperf did not install; trying guidellm" >&2
  "$venv/bin/pip" install --quiet guidellm >&2
fi
echo "$venv"
