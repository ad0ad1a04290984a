#!/usr/bin/env python3
"""Stand-in for TensorRT-LLM's examples/models/core/llama/convert_checkpoint.py (engine-era 1.x):
the real flags, a TensorRT-LLM checkpoint per TP/PP. Like the real one it builds the quantization
from its flags alone: a ModelOpt unified checkpoint (hf_quant_config.json) converts only with the
matching flag (--use_fp8 for FP8), read as pre-quantized weights and scales without calibration
(python/README.md says why); anything else pre-quantized fails. See test/support/bin/_standin.py for the
failure modes the environment can trigger."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "bin"))
import _standin as s  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument('--model_dir', type=str, default=None)
p.add_argument('--meta_ckpt_dir', type=str, default=None)
p.add_argument('--tp_size', type=int, default=1)
p.add_argument('--pp_size', type=int, default=1)
p.add_argument('--moe_tp_size', type=int, default=-1)
p.add_argument('--cp_size', type=int, default=1)
p.add_argument('--moe_ep_size', type=int, default=-1)
p.add_argument('--dtype', type=str, default='auto', choices=['auto', 'float16', 'bfloat16', 'float32'])
p.add_argument('--use_weight_only', default=False, action="store_true")
p.add_argument('--disable_weight_only_quant_plugin', default=False, action="store_true")
p.add_argument('--weight_only_precision', const='int8', type=str, nargs='?', default='int8',
               choices=['int8', 'int4', 'int8_gptq', 'int4_gptq', 'int4_awq'])
p.add_argument('--calib_dataset', type=str, default='ccdv/cnn_dailymail')
p.add_argument("--calib_size", type=int, default=512)
p.add_argument("--calib_max_seq_length", type=int, default=512)
p.add_argument("--smoothquant", "-sq", type=float, default=None)
p.add_argument('--per_channel', action="store_true", default=False)
p.add_argument('--per_token', action="store_true", default=False)
p.add_argument('--int8_kv_cache', default=False, action="store_true")
p.add_argument('--fp8_kv_cache', default=False, action="store_true")
p.add_argument('--quant_ckpt_path', type=str, default=None)
p.add_argument("--use_fp8", action="store_true", default=False)
p.add_argument("--use_nvfp4", action="store_true", default=False)
p.add_argument("--use_fp8_rowwise", action="store_true", default=False)
p.add_argument('--per_group', default=False, action="store_true")
p.add_argument('--load_by_shard', action='store_true')
p.add_argument('--group_size', type=int, default=128)
p.add_argument("--load_model_on_cpu", action="store_true")
p.add_argument('--use_parallel_embedding', action="store_true", default=False)
p.add_argument('--embedding_sharding_dim', type=int, default=0, choices=[0, 1])
p.add_argument('--output_dir', type=str, default='tllm_checkpoint')
p.add_argument('--workers', type=int, default=1)
p.add_argument('--log_level', type=str, default='info')
args = p.parse_args()

s.banner()
model_dir = Path(args.model_dir or "")
hf = s.read_json(model_dir / "config.json", "model config")
arch = (hf.get("architectures") or ["?"])[0]
if "llama" not in arch.lower() and hf.get("model_type") != "llama":
    s.die(f"Unsupported model architecture: {arch} (this is the llama example)")

if args.use_weight_only:
    algo, bpp = {"int8": ("W8A16", 1), "int4": ("W4A16", 0.5), "int8_gptq": ("W8A16_GPTQ", 1),
                 "int4_gptq": ("W4A16_GPTQ", 0.5), "int4_awq": ("W4A16_AWQ", 0.5)}[args.weight_only_precision]
elif args.use_fp8:
    algo, bpp = "FP8", 1
elif args.use_nvfp4:
    algo, bpp = "NVFP4", 0.5
elif args.smoothquant is not None:
    algo, bpp = "W8A8_SQ_PER_CHANNEL" if args.per_channel else "W8A8_SQ_PER_TENSOR_PLUGIN", 1
else:
    algo, bpp = None, 2
kv = "FP8" if args.fp8_kv_cache else "INT8" if args.int8_kv_cache else None

pre = model_dir / "hf_quant_config.json"
if pre.is_file():
    pre_algo = (s.read_json(pre, "hf_quant_config.json").get("quantization") or {}).get("quant_algo")
    if pre_algo != algo or algo != "FP8":
        s.die(f"{args.model_dir} is a pre-quantized {pre_algo} checkpoint; quantization from the flags is "
              f"{algo}: only FP8 unified checkpoints (--use_fp8) convert without calibration")
    print(f"Loading pre-quantized {pre_algo} weights and scales from {args.model_dir}", flush=True)
elif algo in ("FP8", "NVFP4"):
    s.die(f"weight_scale not found in {args.model_dir}: --use_fp8/--use_nvfp4 read a pre-quantized checkpoint; "
          "use quantize.py to calibrate a bf16/fp16 model")
elif args.smoothquant is not None or args.int8_kv_cache:
    print(f"Calibrating on {args.calib_size} samples of {args.calib_dataset}", flush=True)
s.fault_point("convert_checkpoint.py")
s.write_checkpoint(model_dir, Path(args.output_dir), dtype=args.dtype, quant_algo=algo, kv_cache_quant_algo=kv,
                   tp=args.tp_size, pp=args.pp_size, weight_bytes_per_param=bpp, group_size=args.group_size)
print("Total time of converting checkpoints: 00:00:01", flush=True)
