#!/usr/bin/env python3
"""engine-forge's quantizer: calibrate a Hugging Face model with NVIDIA ModelOpt, export it.

Only ModelOpt's public API is used:
  quantize       load the model at its source dtype, modelopt.torch.quantization.quantize() with
                 the precision's config and a forward loop over the calibration data, then
                 modelopt.torch.export.export_hf_checkpoint() (a unified HF checkpoint that
                 TensorRT-LLM's PyTorch backend, vLLM and SGLang load), plus the tokenizer files and
                 a small JSON record. --save-modelopt-state also keeps the calibrated ModelOpt
                 state (modelopt.torch.opt.save) for `export-trtllm`.
  export-trtllm  restore that state onto the source model (modelopt.torch.opt.restore) and write a
                 TensorRT-LLM checkpoint for a given TP/PP without calibrating again
                 (export_tensorrt_llm_checkpoint: ModelOpt < 0.49 only).

Exit status: 0 done, 1 a failure with a message on stderr, 2 bad flags (argparse).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

PROG = "engine_forge_quantize.py"
# engine-forge precision → ModelOpt config name (modelopt.torch.quantization).
CONFIGS = {
    "fp8": "FP8_DEFAULT_CFG",
    "int8_sq": "INT8_SMOOTHQUANT_CFG",
    "int8_wo": "INT8_WEIGHT_ONLY_CFG",
    "int4_wo": "INT4_BLOCKWISE_WEIGHT_ONLY_CFG",
    "int4_awq": "INT4_AWQ_CFG",
    "w4a8_awq": "W4A8_AWQ_BETA_CFG",
    "nvfp4": "NVFP4_DEFAULT_CFG",
}
KV_CONFIGS = {"fp8": "FP8_KV_CFG"}
STATE_FILE = "modelopt_state.pth"
RECORD_FILE = "engine_forge_quantize.json"
# Copied beside the weights so the checkpoint is self-contained for serving.
TOKENIZER_FILES = (
    "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model",
    "vocab.json", "merges.txt", "added_tokens.json", "chat_template.jinja", "generation_config.json",
)
TEXT_KEYS = ("text", "content", "article", "prompt")


class Failure(Exception):
    """A failure the user can act on: printed as one line, exit status 1."""


def fail(message: str) -> None:
    raise Failure(message)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    q = sub.add_parser("quantize", help="calibrate and export a unified HF checkpoint")
    q.add_argument("--model-dir", required=True, help="the source HF model directory")
    q.add_argument("--output-dir", required=True, help="where the unified checkpoint is written")
    q.add_argument("--precision", required=True, help="one of: " + ", ".join(CONFIGS))
    q.add_argument("--kv-cache-dtype", choices=sorted(KV_CONFIGS), default=None)
    q.add_argument("--calib-dataset", required=True,
                   help="a local .jsonl/.json/.txt file, or a HF dataset id (needs `datasets`)")
    q.add_argument("--calib-size", type=int, default=512, help="calibration samples (512)")
    q.add_argument("--calib-max-seq-len", type=int, default=512, help="tokens per sample (512)")
    q.add_argument("--batch-size", type=int, default=1)
    q.add_argument("--device", choices=("cuda", "cpu"), default="cuda",
                   help="cpu runs ModelOpt's fake-quant kernels on the CPU (slow; for tests)")
    q.add_argument("--save-modelopt-state", action="store_true",
                   help=f"also write {STATE_FILE} for export-trtllm (source-dtype weights + scales)")
    q.add_argument("--seed", type=int, default=1234)

    e = sub.add_parser("export-trtllm", help="TensorRT-LLM checkpoint from a saved ModelOpt state")
    e.add_argument("--model-dir", required=True, help="the source HF model directory")
    e.add_argument("--quantized-dir", required=True, help=f"a `quantize` output holding {STATE_FILE}")
    e.add_argument("--output-dir", required=True)
    e.add_argument("--tp-size", type=int, default=1)
    e.add_argument("--pp-size", type=int, default=1)
    e.add_argument("--decoder-type", default=None, help="ModelOpt decoder type (default: detected)")
    e.add_argument("--device", choices=("cuda", "cpu"), default="cuda")

    args = parser.parse_args(argv)
    if args.command == "quantize":
        if args.precision not in CONFIGS:
            parser.error(f"argument --precision: unsupported precision {args.precision!r} "
                         f"(choose from {', '.join(CONFIGS)}; fp16/bf16 need no quantization)")
        for flag in ("calib_size", "calib_max_seq_len", "batch_size"):
            if getattr(args, flag) < 1:
                parser.error(f"argument --{flag.replace('_', '-')}: must be at least 1, got {getattr(args, flag)}")
    elif args.tp_size < 1 or args.pp_size < 1:
        parser.error(f"argument --tp-size/--pp-size: must be at least 1, got {args.tp_size}/{args.pp_size}")
    return args


def check_model_dir(model_dir: str) -> Path:
    path = Path(model_dir)
    if not (path / "config.json").is_file():
        fail(f"model not found: {model_dir!r} has no config.json (expected a downloaded HF model directory)")
    return path


def check_device(device: str):
    import torch

    if device == "cuda" and not torch.cuda.is_available():
        fail("no CUDA device: torch.cuda.is_available() is False "
             f"(torch {torch.__version__}, CUDA_VISIBLE_DEVICES={os.environ.get('CUDA_VISIBLE_DEVICES', '<unset>')}); "
             "calibration needs a GPU that holds the model")
    return torch


def load_model(model_dir: Path, device: str):
    """The model at its source dtype, and its tokenizer."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    kwargs = {"dtype": "auto"}
    if device == "cuda":
        try:
            import accelerate  # noqa: F401  (device_map spreads a large model over the visible GPUs)
            kwargs["device_map"] = "auto"
        except ImportError:
            pass
    model = AutoModelForCausalLM.from_pretrained(model_dir, **kwargs)
    if "device_map" not in kwargs:
        model = model.to(device)
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


def read_texts(dataset: str, size: int) -> list[str]:
    """Calibration texts: a local JSONL/JSON/text file, else a HF dataset id."""
    path = Path(dataset)
    if path.is_file():
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            rows = []
            for number, line in enumerate(raw.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    fail(f"calibration file {dataset}:{number}: not JSON ({err.msg})")
        elif path.suffix == ".json":
            rows = json.loads(raw)
            if not isinstance(rows, list):
                fail(f"calibration file {dataset}: expected a JSON array of samples")
        else:
            rows = [line for line in raw.splitlines() if line.strip()]
        texts = [text_of(row, f"calibration file {dataset}") for row in rows]
    elif path.suffix in (".jsonl", ".json", ".txt") or os.sep in dataset and path.parent.is_dir():
        fail(f"calibration file not found: {dataset!r}")
    else:
        texts = read_hub_dataset(dataset, size)
    texts = [t for t in texts if t.strip()]
    if not texts:
        fail(f"calibration data {dataset!r} holds no text")
    return texts[:size]


def text_of(row, where: str) -> str:
    if isinstance(row, str):
        return row
    if isinstance(row, dict):
        for key in TEXT_KEYS:
            if isinstance(row.get(key), str):
                return row[key]
    fail(f"{where}: a sample has none of the keys {', '.join(TEXT_KEYS)}: {json.dumps(row)[:80]}")
    return ""


def read_hub_dataset(dataset: str, size: int) -> list[str]:
    try:
        import datasets
    except ImportError:
        fail(f"calibration dataset {dataset!r} is not a local file, and reading a Hugging Face dataset "
             "needs the `datasets` package, which is not installed: install it, or point "
             "calibration.dataset at a .jsonl/.txt file in the repository")
    name, _, config = dataset.partition(":")
    ds = datasets.load_dataset(name, config or None, split="train", streaming=True)
    texts = []
    for row in ds:
        texts.append(text_of(row, f"dataset {dataset}"))
        if len(texts) >= size:
            break
    return texts


def quant_config(mtq, precision: str, kv_cache_dtype: str | None):
    import copy

    config = copy.deepcopy(getattr(mtq, CONFIGS[precision]))
    if kv_cache_dtype:
        kv = getattr(mtq, KV_CONFIGS[kv_cache_dtype])["quant_cfg"]
        # ModelOpt ≥ 0.4x keeps quant_cfg as an ordered list (later entries win); older as a dict.
        if isinstance(config["quant_cfg"], list):
            config["quant_cfg"] = list(config["quant_cfg"]) + list(kv)
        else:
            config["quant_cfg"].update(kv)
    return config


def forward_loop_over(texts: list[str], tokenizer, batch_size: int, max_len: int):
    def forward_loop(model):
        import torch

        device = next(model.parameters()).device
        with torch.no_grad():
            for start in range(0, len(texts), batch_size):
                batch = tokenizer(texts[start:start + batch_size], return_tensors="pt", padding=True,
                                  truncation=True, max_length=max_len)
                model(input_ids=batch["input_ids"].to(device),
                      attention_mask=batch["attention_mask"].to(device))

    return forward_loop


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("nvidia-modelopt", "torch", "transformers"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def copy_tokenizer(model_dir: Path, output_dir: Path) -> list[str]:
    copied = []
    for name in TOKENIZER_FILES:
        source = model_dir / name
        if source.is_file() and not (output_dir / name).exists():
            shutil.copy2(source, output_dir / name)
            copied.append(name)
    return copied


def quantize(args: argparse.Namespace) -> None:
    started = time.monotonic()
    model_dir = check_model_dir(args.model_dir)
    texts = read_texts(args.calib_dataset, args.calib_size)
    torch = check_device(args.device)
    import modelopt.torch.opt as mto
    import modelopt.torch.quantization as mtq
    from modelopt.torch.export import export_hf_checkpoint

    torch.manual_seed(args.seed)
    phases = {}
    tick = time.monotonic()
    model, tokenizer = load_model(model_dir, args.device)
    source_dtype = str(next(model.parameters()).dtype).replace("torch.", "")
    phases["load"] = time.monotonic() - tick

    tick = time.monotonic()
    config = quant_config(mtq, args.precision, args.kv_cache_dtype)
    model = mtq.quantize(model, config, forward_loop_over(texts, tokenizer, args.batch_size, args.calib_max_seq_len))
    phases["calibrate"] = time.monotonic() - tick

    output_dir = Path(args.output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    if args.save_modelopt_state:
        # Before the export, which folds scales into the weights in place.
        tick = time.monotonic()
        mto.save(model, output_dir / STATE_FILE)
        phases["save_state"] = time.monotonic() - tick

    tick = time.monotonic()
    export_hf_checkpoint(model, export_dir=str(output_dir))
    tokenizer_files = copy_tokenizer(model_dir, output_dir)
    phases["export"] = time.monotonic() - tick

    record = {
        "tool": PROG,
        "versions": versions(),
        "precision": args.precision,
        "config": CONFIGS[args.precision],
        "kv_cache_config": KV_CONFIGS.get(args.kv_cache_dtype) if args.kv_cache_dtype else None,
        "source_dtype": source_dtype,
        "calibration": {"dataset": args.calib_dataset, "size": args.calib_size, "samples": len(texts),
                        "max_seq_len": args.calib_max_seq_len, "batch_size": args.batch_size},
        "device": args.device if args.device == "cpu" else torch.cuda.get_device_name(0),
        "modelopt_state": STATE_FILE if args.save_modelopt_state else None,
        "tokenizer_files": tokenizer_files,
        "seconds": {name: round(value, 3) for name, value in phases.items()}
        | {"total": round(time.monotonic() - started, 3)},
    }
    (output_dir / RECORD_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record))


def export_trtllm(args: argparse.Namespace) -> None:
    started = time.monotonic()
    model_dir = check_model_dir(args.model_dir)
    state = Path(args.quantized_dir) / STATE_FILE
    if not state.is_file():
        fail(f"{state} not found: run `quantize --save-modelopt-state` first")
    torch = check_device(args.device)
    import modelopt.torch.opt as mto
    from modelopt.torch import export as mte

    if not hasattr(mte, "export_tensorrt_llm_checkpoint"):
        fail(f"this ModelOpt ({versions()['nvidia-modelopt']}) has no export_tensorrt_llm_checkpoint "
             "(removed in 0.49): use a toolchain with ModelOpt < 0.49 for the engine path")
    model, _ = load_model(model_dir, args.device)
    dtype = next(model.parameters()).dtype
    model = mto.restore(model, state)
    decoder_type = args.decoder_type or mte.model_utils.get_model_type(model)
    if decoder_type is None:
        fail(f"cannot tell ModelOpt's decoder type for {type(model).__name__}: pass --decoder-type")
    with torch.inference_mode():
        mte.export_tensorrt_llm_checkpoint(model, decoder_type, dtype=dtype, export_dir=args.output_dir,
                                           inference_tensor_parallel=args.tp_size,
                                           inference_pipeline_parallel=args.pp_size)
    print(json.dumps({"tool": PROG, "command": "export-trtllm", "tp_size": args.tp_size, "pp_size": args.pp_size,
                      "decoder_type": decoder_type, "seconds": round(time.monotonic() - started, 3)}))


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        (quantize if args.command == "quantize" else export_trtllm)(args)
    except Failure as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
