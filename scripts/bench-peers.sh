#!/usr/bin/env bash
# The S3 tools `npm run bench` measures engine-forge against, installed where it looks for them.
# Idempotent: installs only what is missing.
#   AWS CLI v2   /usr/bin/aws (Debian's awscli package is v2; a pip-installed v1 earlier on PATH
#                must not stand in for it, so the bench calls /usr/bin/aws by path)
#   rclone       /usr/bin/rclone (Debian)
#   s5cmd        .engine-forge/bench-peers/bin/s5cmd, github.com/peak/s5cmd/v2 at $S5CMD_VERSION
#                (default v2.3.0). `go install …@latest` first; where the module proxy refuses the
#                version list (@latest and go install's deprecation check need it), the pinned
#                version is fetched with `go mod download` (checked against the checksum database)
#                and built in place.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$repo_root/.engine-forge/bench-peers/bin"
log() { echo "[bench-peers] $*" >&2; }

missing=()
if ! /usr/bin/aws --version 2>/dev/null | grep -q '^aws-cli/2\.'; then missing+=(awscli); fi
if ! command -v /usr/bin/rclone >/dev/null; then missing+=(rclone); fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$bin/s5cmd" ]; then
  command -v go >/dev/null || { log "go is needed to install s5cmd (https://go.dev/dl/)"; exit 1; }
  log "installing s5cmd with go"
  mkdir -p "$bin"
  if ! GOBIN="$bin" go install github.com/peak/s5cmd/v2@latest 2>/dev/null; then
    dir=$(cd /tmp && go mod download -json "github.com/peak/s5cmd/v2@${S5CMD_VERSION:-v2.3.0}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    (cd "$dir" && GOFLAGS=-mod=mod go build -o "$bin/s5cmd" .)
  fi
fi

log "$(/usr/bin/aws --version 2>&1 | cut -d' ' -f1), $(/usr/bin/rclone version 2>/dev/null | head -1), s5cmd $("$bin/s5cmd" version)"
