#!/usr/bin/env bash
# Ceph RGW (a production S3 implementation) on 127.0.0.1, single node.
# Idempotent: installs the Debian packages when missing, starts mon + osd + radosgw unless the
# gateway already answers, creates the test user, and writes .engine-forge/services/ceph-rgw.env.
#
# Tunables (env): CEPH_RGW_PORT (7480), CEPH_MON_PORT (6799), CEPH_OBJECTSTORE (bluestore or
# memstore), CEPH_STORE_GB (store capacity, default 12: a sparse file, but BlueStore spreads
# writes over it and never punches holes, so after heavy churn the whole size is on disk).
#
# BlueStore on a sparse file is the default, not memstore: memstore keeps every byte in the OSD's
# heap and does not give it back, so a few GiB of upload/delete churn (the benchmark moves tens of
# GiB) grew the OSD past 18 GB RSS on a 24 GB machine. BlueStore on a file keeps the OSD near its
# memory target (1 GiB here) and uses disk only for live data.
set -euo pipefail

name=ceph-rgw
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=/tmp/engine-forge-services/$name
rgw_port=${CEPH_RGW_PORT:-7480}
mon_port=${CEPH_MON_PORT:-6799}
objectstore=${CEPH_OBJECTSTORE:-bluestore}
store_bytes=$(( ${CEPH_STORE_GB:-12} * 1024 * 1024 * 1024 ))
access_key=engineforgetest
secret_key=engineforgetestsecret0123456789
endpoint="http://127.0.0.1:$rgw_port"
env_file="$repo_root/.engine-forge/services/$name.env"

log() { echo "[$name] $*" >&2; }

write_env() {
  mkdir -p "$(dirname "$env_file")"
  cat >"$env_file" <<ENV
export EF_S3_ENDPOINT=$endpoint
export EF_S3_ACCESS_KEY_ID=$access_key
export EF_S3_SECRET_ACCESS_KEY=$secret_key
export EF_S3_REGION=us-east-1
export EF_CEPH_CONF=$dir/ceph.conf
ENV
  log "ready at $endpoint (env in $env_file)"
}

# An S3 answer of any kind (even 403/404 XML) from the gateway means it is up.
rgw_up() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$endpoint/" | grep -qE '^(200|403|404)$'; }

if rgw_up && [[ -f $dir/ceph.conf ]]; then
  write_env
  exit 0
fi

missing=()
for pkg in ceph-mon ceph-osd radosgw ceph-common; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Stop leftovers of an earlier, broken start (by pid file only: never by process name).
stale=()
for pidfile in "$dir"/run/*.pid; do
  [[ -f $pidfile ]] && stale+=("$(cat "$pidfile")")
done
if ((${#stale[@]})); then
  kill "${stale[@]}" 2>/dev/null || true
  for _ in $(seq 40); do
    alive=0
    for pid in "${stale[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.25
  done
fi
rm -rf "$dir"
mkdir -p "$dir"/{mon.a,osd.0,run,log,rgw}

fsid=$(cat /proc/sys/kernel/random/uuid)
conf=$dir/ceph.conf
cat >"$conf" <<CONF
[global]
fsid = $fsid
mon host = [v1:127.0.0.1:$mon_port]
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
ms bind msgr2 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
run dir = $dir/run
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
keyring = /dev/null

[mon.a]
mon data = $dir/mon.a

[osd.0]
osd data = $dir/osd.0
osd objectstore = $objectstore
memstore device bytes = $store_bytes
bluestore block path = $dir/osd.0.block
bluestore block create = true
bluestore block size = $store_bytes
bluestore block db create = false
bluestore block wal create = false
osd memory target = 1073741824
bluestore cache autotune = true

[client.rgw]
# tcp_nodelay: as production gateways run; without it every small answer on a kept-alive
# connection waits ~40 ms (Nagle on the gateway × delayed ACK on the client).
rgw frontends = beast endpoint=127.0.0.1:$rgw_port tcp_nodelay=1
rgw data = $dir/rgw
rgw enable usage log = false
rgw thread pool size = 64
# Deleted objects' data is reclaimed by RGW's garbage collector, by default hours later; memstore
# holds it in RAM until then, so tests and the benchmark would run the store out of space.
rgw gc obj min wait = 0
rgw gc processor period = 10
CONF

c=(-c "$conf")
monmaptool "${c[@]}" --create --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
ceph-mon "${c[@]}" --mkfs -i a --monmap "$dir/monmap"
ceph-mon "${c[@]}" -i a
timeout 30 bash -c "until ceph ${c[*]} -s >/dev/null 2>&1; do sleep 0.5; done"
ceph "${c[@]}" osd create >/dev/null
ceph-osd "${c[@]}" -i 0 --mkfs 2>"$dir/log/osd-mkfs.log" || { cat "$dir/log/osd-mkfs.log" >&2; exit 1; }
ceph-osd "${c[@]}" -i 0
timeout 60 bash -c "until ceph ${c[*]} osd stat 2>/dev/null | grep -q '1 up'; do sleep 0.5; done"
radosgw "${c[@]}" -n client.rgw
timeout 90 bash -c "until curl -s -o /dev/null -m 2 $endpoint/; do sleep 0.5; done"
radosgw-admin "${c[@]}" user create --uid=engine-forge --display-name=engine-forge \
  --access-key="$access_key" --secret="$secret_key" >/dev/null
write_env
