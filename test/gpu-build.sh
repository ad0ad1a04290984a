#!/usr/bin/env bash
# `build` on the GPU machine, through the committed bundle in native runtime (run from the repository
# root there, with .gpu/ carried: see .gpu/README.md). Real: nvidia-smi, the pre-flight, ModelOpt's
# calibration and unified export on the GPU, the local store, resolve --download's verification.
# Stand-ins: the hub (the model is generated there and pre-fills cache-dir, as on an offline runner,
# so `hf` is never called) and trtllm-serve for the smoke start (test/support/bin/trtllm-serve).
set -uo pipefail
root=$(pwd)
OUT=${OUT:-/tmp/ef-out}; mkdir -p "$OUT"
work=/tmp/ef-build; rm -rf "$work"; mkdir -p "$work/ws" "$work/serve-bin"
rev=0e9e39f249a16976918f6564b8830bc894c89659
export PYTHONUNBUFFERED=1
step() { echo; echo "=== $* ($(date -u +%T))"; }
timed() { local t0=$EPOCHREALTIME; "$@"; local rc=$?; echo "[rc=$rc, $(awk "BEGIN{printf \"%.2f\", $EPOCHREALTIME - $t0}") s] $*"; return $rc; }
ef() { node "$root/dist/cli.js" "$@" --matrix m.yml --store "$work/store" --runtime native --work-dir "$work/work" --cache-dir "$work/cache"; }
{
  step "machine"; date -u; nvidia-smi --query-gpu=index,name,uuid,compute_cap,memory.total,memory.used,driver_version,pci.bus_id --format=csv
  step "setup"; timed . "$root/.gpu/setup.sh"; node --version
  # trtllm-serve alone (the stand-ins' nvidia-smi must not shadow the real one).
  ln -s "$root/test/support/bin/trtllm-serve" "$root/test/support/bin/_standin.py" "$work/serve-bin/"
  export PATH=$PATH:$work/serve-bin
  step "model, pre-filled into cache-dir as an offline runner's"
  model=$work/cache/models/acme/tiny-llama/$rev
  timed python3 "$root/test/support/make_tiny_llama.py" "$model" --calib "$work/ws/calib.jsonl"
  python3 - "$model" acme/tiny-llama $rev <<'PY'
import json, os, sys
d, source, rev = sys.argv[1:]
files = sorted(os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs)
json.dump({"source": source, "revision": rev, "files": [{"path": f, "size": os.path.getsize(os.path.join(d, f))} for f in files]}, open(os.path.join(d, ".engine-forge-complete.json"), "w"))
PY
  cat >"$work/ws/m.yml" <<EOF
version: 1
toolchains:
  trtllm: { version: 1.2.0, image: nvcr.io/nvidia/tensorrt-llm/release:1.2.0, backend: pytorch }
  vllm: { version: 0.11.0, image: vllm/vllm-openai:v0.11.0 }
gpus:
  h200: { runs-on: [self-hosted, gpu-h200], count: 2 }
  a100-80gb: { runs-on: [self-hosted, gpu-a100], count: 1 }
models:
  tiny:
    source: acme/tiny-llama
    revision: $rev
    version: 1.0.0
    max-input-len: 256
    max-seq-len: 512
    calibration: { dataset: calib.jsonl, size: 32 }
matrix:
  model: [tiny]
  gpu: [h200, a100-80gb]
  precision: [fp8, bf16]
  batch: ["1-64"]
  tp: [1, 2]
  exclude: [{ gpu: a100-80gb, tp: 2 }, { gpu: a100-80gb, precision: fp8 }]
EOF
  cd "$work/ws"
  step "(a) pre-flight: an h200 cell is accepted (the bf16 PyTorch cell builds), an a100-80gb cell and a TP 2 cell are refused"
  timed ef build --cell tiny/a100-80gb/bf16/tp1/b1-64 --publish false
  timed ef build --cell tiny/h200/bf16/tp2/b1-64 --publish false
  timed ef build --cell tiny/h200/bf16/tp1/b1-64
  step "(b) plan → the fp8 checkpoint (real ModelOpt calibration on the GPU) → the fp8 PyTorch cell → resolve --download"
  ef plan --json >"$OUT/plan.json"; node -e 'const p=require(process.argv[1]); console.log(JSON.stringify(p.checkpoints?.map?.((c)=>[c.id,c.status]) ?? p.counts))' "$OUT/plan.json"
  timed ef build --cell '{"checkpoint":"tiny/fp8"}' --json >"$OUT/checkpoint.json"
  timed ef build --cell '{"cells":["tiny/h200/fp8/tp1/b1-64"]}' --json >"$OUT/engine-fp8.json"
  node "$root/dist/cli.js" resolve --store "$work/store" --model 'tiny@^1' --gpu h200 --precision fp8 --download "$work/resolved" --json >"$OUT/resolve.json"; echo "resolve rc=$?"
  ls -la "$work/resolved"; cat "$work/resolved/serve.yaml" "$work/resolved/engine-forge.json"
  ck=$(ls -d "$work"/cache/checkpoints/tiny/fp8/*/); ls -la "$ck"; cat "$ck/hf_quant_config.json"
  find "$work/store" -name '*.json' -path '*manifests*' | while read -r f; do echo "--- $f"; cat "$f"; echo; done >"$OUT/manifests.txt"
} 2>&1 | tee "$OUT/gpu-build.log"
