#!/usr/bin/env python3
"""Stand-in for TensorRT-LLM's examples/quantization/quantize.py (engine-era 1.x): the real flags,
calibrates (here: pretends to), writes a TensorRT-LLM checkpoint for the given TP/PP. See
test/support/bin/_standin.py for the failure modes the environment can trigger."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bin"))
import _standin as s  # noqa: E402

QFORMATS = {  # --qformat → (quant_algo, bytes per weight)
    "fp8": ("FP8", 1), "int8_sq": ("W8A8_SQ_PER_CHANNEL", 1), "int4_awq": ("W4A16_AWQ", 0.5),
    "w4a8_awq": ("W4A8_AWQ", 0.5), "nvfp4": ("NVFP4", 0.5), "int8_wo": ("W8A16", 1),
    "int4_wo": ("W4A16", 0.5), "full_prec": (None, 2),
}

parser = argparse.ArgumentParser(prog="quantize.py")
parser.add_argument("--model_dir", required=True)
parser.add_argument("--nemo_ckpt_path", default=None)
parser.add_argument("--decoder_type", default="gptnext")
parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
parser.add_argument("--device_map", default="auto", choices=["auto", "sequential", "cpu", "gpu"])
parser.add_argument("--calib_dataset", default="cnn_dailymail")
parser.add_argument("--calib_tp_size", type=int, default=1)
parser.add_argument("--calib_pp_size", type=int, default=1)
parser.add_argument("--dtype", default="auto", choices=["auto", "float16", "bfloat16", "float32"])
parser.add_argument("--qformat", default="full_prec", choices=sorted(QFORMATS))
parser.add_argument("--seed", type=int, default=1234)
parser.add_argument("--tokenizer_max_seq_length", type=int, default=2048)
parser.add_argument("--batch_size", type=int, default=1)
parser.add_argument("--calib_size", type=int, default=512)
parser.add_argument("--calib_max_seq_length", type=int, default=512)
parser.add_argument("--output_dir", default="exported_model")
parser.add_argument("--tp_size", type=int, default=1)
parser.add_argument("--pp_size", type=int, default=1)
parser.add_argument("--cp_size", type=int, default=1)
parser.add_argument("--awq_block_size", type=int, default=128)
parser.add_argument("--kv_cache_dtype", default=None, choices=["int8", "fp8", "nvfp4", None])
parser.add_argument("--quantize_lm_head", action="store_true", default=False)
parser.add_argument("--num_medusa_heads", type=int, default=4)
parser.add_argument("--trust_remote_code", default=False, action="store_true")
parser.add_argument("--low_cpu_mem_usage", default=False, action="store_true")
args = parser.parse_args()

s.banner()
model_dir = Path(args.model_dir)
if not (model_dir / "config.json").is_file():
    s.die(f"{args.model_dir} is not a Hugging Face model directory (no config.json)")
algo, bpp = QFORMATS[args.qformat]
kv = {"fp8": "FP8", "int8": "INT8", "nvfp4": "NVFP4"}.get(args.kv_cache_dtype)
print(f"Initializing model from {args.model_dir}", flush=True)
if algo:
    print(f"Starting calibration: {args.calib_size} samples of {args.calib_dataset}", flush=True)
s.fault_point("quantize.py")
s.write_checkpoint(model_dir, Path(args.output_dir), dtype=args.dtype, quant_algo=algo, kv_cache_quant_algo=kv,
                   tp=args.tp_size, pp=args.pp_size, weight_bytes_per_param=bpp, group_size=args.awq_block_size)
print(f"Quantized model exported to {args.output_dir} \nTotal time used 1.00 s.", flush=True)
