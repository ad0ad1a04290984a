#!/usr/bin/env bash
# podman as the toolchain tests run containers with it: podman, runc, catatonit (for --init) and
# busybox-static (the stand-in toolchain image is built FROM scratch around it, no registry needed).
# Idempotent: installs missing Debian packages and writes .engine-forge/services/container-runtime.env.
#
# What it configures is podman's own configuration, never the product's defaults:
# - a containers.conf selecting runc: crun refuses a host whose cgroup2 mount holds controllers
#   next to cgroup v1 ("cgroups in hybrid mode not supported"); runc runs both.
# - ulimits this host lets a container have: without CAP_SYS_RESOURCE nobody may raise a hard
#   limit, so NVIDIA's memlock=-1 (and rootful podman's own nofile/nproc defaults) cannot be set;
#   the tests hand these to the toolchain as ENGINE_FORGE_CONTAINER_ULIMITS, as a user would.
# The env names are EF_-prefixed so other tests' podman/buildah calls keep their own configuration.
set -euo pipefail

name=container-runtime
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=/tmp/engine-forge-services/$name
env_file="$repo_root/.engine-forge/services/$name.env"

log() { echo "[$name] $*" >&2; }

missing=()
for pkg in podman runc catatonit busybox-static; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$dir"
cat >"$dir/containers.conf" <<CONF
# Written by scripts/services/container-runtime.sh.
[engine]
runtime = "runc"
CONF

# CAP_SYS_RESOURCE is bit 24 of the effective capability set.
cap_eff=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
if (( (16#$cap_eff >> 24) & 1 )); then
  ulimits=""
else
  hard() { ulimit -H "$1"; }
  to_bytes() { [[ $1 == unlimited ]] && echo -1 || echo $(($1 * 1024)); }
  memlock=$(to_bytes "$(hard -l)")
  stack_hard=$(to_bytes "$(hard -s)")
  stack=67108864
  if ((stack_hard != -1 && stack_hard < stack)); then stack=$stack_hard; fi
  nofile=$(hard -n)
  # conmon caps the processes limit at pid_max: ask for no more than both allow.
  nproc=$(hard -u)
  pid_max=$(cat /proc/sys/kernel/pid_max)
  if [[ $nproc == unlimited ]] || ((nproc > pid_max)); then nproc=$pid_max; fi
  ulimits="memlock=$memlock:$memlock,stack=$stack,nofile=$nofile:$nofile,nproc=$nproc:$nproc"
fi

mkdir -p "$(dirname "$env_file")"
cat >"$env_file" <<ENV
export EF_PODMAN_CONTAINERS_CONF=$dir/containers.conf
export EF_CONTAINER_ULIMITS=$ulimits
ENV
log "ready (env in $env_file)"
