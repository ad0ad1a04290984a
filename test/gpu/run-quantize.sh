#!/usr/bin/env bash
# One real quantization run on the GPU machine: bash .gpu/run-quantize.sh (OUT set by the device tool).
# Generates a small random Llama, quantizes it with engine_forge_quantize.py (fp8 + fp8 KV cache, then
# int4_awq), exports a TP-2 TensorRT-LLM checkpoint from the saved ModelOpt state, checks the error
# paths, and writes the log and the small JSON outputs to $OUT.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/ef-out}; mkdir -p "$OUT"
work=/tmp/ef-gpu; rm -rf "$work"; mkdir -p "$work"
export PYTHONUNBUFFERED=1
q="python3 $here/engine_forge_quantize.py"
step() { echo; echo "=== $* ($(date -u +%T))"; }
timed() { local t0=$EPOCHREALTIME; "$@"; local rc=$?; echo "[rc=$rc, $(awk "BEGIN{printf \"%.2f\", $EPOCHREALTIME - $t0}") s] $*"; return $rc; }
{
  step "machine"; date -u; uname -r; nvidia-smi
  nvidia-smi --query-gpu=index,name,uuid,compute_cap,memory.total,memory.used,driver_version,pci.bus_id --format=csv
  step "setup"; timed . "$here/setup.sh"
  python3 -c 'import sys,torch,transformers,modelopt; print(sys.version.split()[0], "torch", torch.__version__, "cuda", torch.version.cuda, "transformers", transformers.__version__, "modelopt", modelopt.__version__)'
  node --version
  step "model"; timed python3 "$here/make_tiny_llama.py" "$work/tiny-llama" --calib "$work/calib.jsonl"
  ls -la "$work/tiny-llama"
  step "quantize fp8 + fp8 KV"
  timed $q quantize --model-dir "$work/tiny-llama" --output-dir "$work/fp8" --precision fp8 --kv-cache-dtype fp8 \
    --calib-dataset "$work/calib.jsonl" --calib-size 64 --save-modelopt-state
  ls -la "$work/fp8"; cat "$work/fp8/hf_quant_config.json"
  python3 - "$work/fp8" >"$OUT/fp8-tensors.json" <<'PY'
import json, sys, glob
from safetensors import safe_open
out = {}
for f in sorted(glob.glob(sys.argv[1] + "/*.safetensors")):
    with safe_open(f, "pt") as s:
        for k in s.keys():
            t = s.get_slice(k); out[k] = [t.get_dtype(), t.get_shape()]
json.dump(out, sys.stdout, indent=1)
PY
  head -c 1500 "$OUT/fp8-tensors.json"; echo
  step "export-trtllm tp2 from the saved state (no calibration)"
  timed $q export-trtllm --model-dir "$work/tiny-llama" --quantized-dir "$work/fp8" --output-dir "$work/fp8-trtllm-tp2" --tp-size 2
  ls -la "$work/fp8-trtllm-tp2"
  step "quantize int4_awq"
  timed $q quantize --model-dir "$work/tiny-llama" --output-dir "$work/int4_awq" --precision int4_awq \
    --calib-dataset "$work/calib.jsonl" --calib-size 32
  ls -la "$work/int4_awq"; cat "$work/int4_awq/hf_quant_config.json"
  step "error paths"
  $q quantize --model-dir "$work/tiny-llama" --output-dir "$work/x" --precision bf16 --calib-dataset "$work/calib.jsonl"; echo "rc=$?"
  $q quantize --model-dir "$work/missing" --output-dir "$work/x" --precision fp8 --calib-dataset "$work/calib.jsonl"; echo "rc=$?"
  CUDA_VISIBLE_DEVICES= $q quantize --model-dir "$work/tiny-llama" --output-dir "$work/x" --precision fp8 --calib-dataset "$work/calib.jsonl"; echo "rc=$?"
  $q quantize --model-dir "$work/tiny-llama" --output-dir "$work/x" --precision fp8 --calib-dataset some-org/some-dataset; echo "rc=$?"
  step "done"
} 2>&1 | tee "$OUT/gpu-run.log"
cp "$work/fp8/engine_forge_quantize.json" "$OUT/fp8-record.json" 2>/dev/null
cp "$work/fp8/hf_quant_config.json" "$OUT/fp8-hf_quant_config.json" 2>/dev/null
cp "$work/fp8/config.json" "$OUT/fp8-config.json" 2>/dev/null
cp "$work/fp8-trtllm-tp2/config.json" "$OUT/fp8-trtllm-tp2-config.json" 2>/dev/null
cp "$work/int4_awq/engine_forge_quantize.json" "$OUT/int4_awq-record.json" 2>/dev/null
cp "$work/int4_awq/hf_quant_config.json" "$OUT/int4_awq-hf_quant_config.json" 2>/dev/null
exit 0
