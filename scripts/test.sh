#!/usr/bin/env bash
# The README's test command: installs what is missing, starts every service the suite needs,
# then runs the whole suite on Node 24. Safe to run again: service scripts are idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/vitest ] || npm ci
mkdir -p .engine-forge/services
for service in scripts/services/*.sh; do
  [ -e "$service" ] || continue
  echo "starting $(basename "$service" .sh)"
  bash "$service"
done
for envfile in .engine-forge/services/*.env; do
  [ -e "$envfile" ] || continue
  set -a; source "$envfile"; set +a
done
exec npx vitest run "$@"
