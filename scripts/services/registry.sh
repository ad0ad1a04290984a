#!/usr/bin/env bash
# An OCI registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1 with a filesystem root,
# plus the builder tools the image tests use (buildah, podman, skopeo, busybox-static for the stand-in base).
# Idempotent: installs missing Debian packages, starts the registry unless it already answers, and
# writes .engine-forge/services/registry.env.
#
# The registry speaks plain HTTP, so it is marked insecure the way a user would mark theirs: in a
# containers registries.conf (CONTAINERS_REGISTRIES_CONF), which buildah, podman and skopeo all read.
#
# Tunables (env): EF_REGISTRY_PORT (5055).
set -euo pipefail

name=registry
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=/tmp/engine-forge-services/$name
port=${EF_REGISTRY_PORT:-5055}
addr=127.0.0.1:$port
env_dir="$repo_root/.engine-forge/services"
env_file="$env_dir/$name.env"
registries_conf="$dir/registries.conf"

log() { echo "[$name] $*" >&2; }

registry_up() { [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$addr/v2/") == 200 ]]; }

write_env() {
  mkdir -p "$env_dir"
  cat >"$env_file" <<ENV
export EF_REGISTRY=$addr
export CONTAINERS_REGISTRIES_CONF=$registries_conf
ENV
  log "ready at $addr (env in $env_file)"
}

missing=()
for pkg in docker-registry buildah podman skopeo busybox-static; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$dir/data"
cat >"$registries_conf" <<CONF
# Written by scripts/services/registry.sh: the loopback test registry speaks plain HTTP.
unqualified-search-registries = []

[[registry]]
location = "$addr"
insecure = true
CONF

if registry_up; then
  write_env
  exit 0
fi

# Stop a leftover of an earlier, broken start (by pid file only: never by process name).
if [[ -f $dir/registry.pid ]]; then
  kill "$(cat "$dir/registry.pid")" 2>/dev/null || true
  sleep 1
fi

cat >"$dir/config.yml" <<CONF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $addr
CONF

setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
echo $! >"$dir/registry.pid"

for _ in $(seq 1 100); do
  if registry_up; then
    write_env
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null; then
    log "docker-registry exited; its log:"
    cat "$dir/registry.log" >&2
    exit 1
  fi
  sleep 0.1
done
log "docker-registry did not answer on $addr within 10 s; its log:"
cat "$dir/registry.log" >&2
exit 1
