#!/usr/bin/env bash
# actionlint (rhysd/actionlint), for the test that lints the README's workflow: built with
# `go install` into .engine-forge/bin/actionlint. Idempotent: does nothing when that binary already
# reports the pinned version. Without Go, installs Debian's golang-go; GOTOOLCHAIN=auto lets an
# older go fetch the toolchain actionlint's go.mod asks for (through the Go module proxy).
#
# Tunables (env): EF_ACTIONLINT_VERSION (v1.7.12; "latest" for the newest release).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version=${EF_ACTIONLINT_VERSION:-v1.7.12}
bin_dir="$repo_root/.engine-forge/bin"
binary="$bin_dir/actionlint"

log() { echo "[actionlint] $*" >&2; }

if [[ -x $binary && $version != latest ]] && "$binary" -version 2>/dev/null | head -n1 | grep -qx "$version"; then
  exit 0
fi

if ! command -v go >/dev/null; then
  [[ -x /usr/local/go/bin/go ]] && export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null; then
  log "Go is missing: installing Debian's golang-go"
  sudo=; [[ $(id -u) == 0 ]] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq golang-go >/dev/null
fi

log "go install github.com/rhysd/actionlint/cmd/actionlint@$version → $binary"
mkdir -p "$bin_dir"
GOBIN="$bin_dir" GOTOOLCHAIN=auto GOFLAGS=-buildvcs=false go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
"$binary" -version | head -n1 >&2
