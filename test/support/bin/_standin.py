"""Shared behaviour of the TensorRT-LLM / Hugging Face stand-ins (test/support/bin, trtllm-examples).

The stand-ins take the real tools' flags (argparse, so an unknown flag exits 2 with the usage), write
the real output layouts, and fail the real ways when the environment asks them to:

  EF_FAKE_FAIL   comma-separated TOOL=MODE: oom (CUDA out of memory text, exit 1), kill (SIGKILL
                 itself: exit 137 to a shell), enospc (No space left on device, exit 1), exit:N
  EF_FAKE_SLOW   comma-separated TOOL=SECONDS: sleep that long, silent, midway through the work
  EF_FAKE_TRTLLM_VERSION   the TensorRT-LLM version the tools claim (1.2.0)
  EF_FAKE_ENGINE_BYTES     bytes of each rank<N>.engine (default: its checkpoint rank's size);
                           files are sparse, so a 16 GiB engine costs nothing to make
  EF_FAKE_CKPT_BYTES       bytes of each rank<N>.safetensors (default: proportional to the model)

TOOL is the program's name: hf, trtllm-build, trtllm-serve, quantize.py, convert_checkpoint.py.
"""
import errno
import json
import os
import signal
import struct
import sys
import time
from pathlib import Path

VERSION = os.environ.get("EF_FAKE_TRTLLM_VERSION", "1.2.0")
BYTES_PER_PARAM = {"float16": 2, "bfloat16": 2, "float32": 4, "fp8": 1, "int8": 1, "int4": 0.5}


def _setting(name: str, tool: str):
    for item in os.environ.get(name, "").split(","):
        key, _, value = item.partition("=")
        if key.strip() == tool:
            return value.strip()
    return None


def fault_point(tool: str) -> None:
    """Where a tool dies or stalls when the environment says so (call once, midway through)."""
    slow = _setting("EF_FAKE_SLOW", tool)
    if slow:
        sys.stdout.flush()
        time.sleep(float(slow))
    mode = _setting("EF_FAKE_FAIL", tool)
    if not mode:
        return
    sys.stdout.flush()
    if mode == "oom":
        if tool == "trtllm-build":
            print("[TRT] [E] [resizingAllocator.cpp::allocate::74] Error Code 1: Cuda Runtime (out of memory)",
                  file=sys.stderr)
            print("[TRT] [E] [engineBuilder.cpp::buildEngine] Error Code 2: OutOfMemory (Requested size was "
                  "17179869184 bytes.)", file=sys.stderr)
        print("Traceback (most recent call last):", file=sys.stderr)
        print(f'  File "{sys.argv[0]}", line 1, in <module>', file=sys.stderr)
        print("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total "
              "capacity of 139.81 GiB of which 1.12 GiB is free. Including non-PyTorch memory, this process has "
              "138.67 GiB memory in use. Of the allocated memory 136.20 GiB is allocated by PyTorch, and 1.02 GiB "
              "is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting "
              "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for "
              "Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)",
              file=sys.stderr)
        sys.exit(1)
    if mode == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if mode == "enospc":
        print("Traceback (most recent call last):", file=sys.stderr)
        print(f'  File "{sys.argv[0]}", line 1, in <module>', file=sys.stderr)
        print(f"OSError: [Errno {errno.ENOSPC}] No space left on device", file=sys.stderr)
        sys.exit(1)
    if mode.startswith("exit:"):
        sys.exit(int(mode[5:]))
    raise SystemExit(f"{tool} stand-in: unknown EF_FAKE_FAIL mode {mode!r}")


def write_sparse_safetensors(path: Path, size: int, name: str = "weights") -> None:
    """A valid safetensors file of `size` bytes (one U8 tensor) whose data is a hole on disk."""
    header = None
    n = max(size, 0)
    for _ in range(3):  # the header's length depends on n, and n on the header's length
        text = json.dumps({name: {"dtype": "U8", "shape": [n], "data_offsets": [0, n]}}).encode()
        text += b" " * (-len(text) % 8)
        n = max(size - 8 - len(text), 0)
        header = text
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header)))
        f.write(header)
        f.truncate(8 + len(header) + n)


def write_sparse(path: Path, size: int, head: bytes = b"") -> None:
    with open(path, "wb") as f:
        f.write(head[:size])
        f.truncate(max(size, len(head[:size])))


def weights_bytes(model_dir: Path) -> int:
    return sum(p.stat().st_size for p in model_dir.glob("*.safetensors")) + \
        sum(p.stat().st_size for p in model_dir.glob("*.bin"))


def read_json(path: Path, what: str):
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        die(f"{what}: {path} not found")
    except json.JSONDecodeError as err:
        die(f"{what}: {path} is not JSON ({err})")


def die(message: str, status: int = 1):
    print("Traceback (most recent call last):", file=sys.stderr)
    print(f"AssertionError: {message}", file=sys.stderr)
    sys.exit(status)


def banner() -> None:
    print(f"[TensorRT-LLM] TensorRT-LLM version: {VERSION}", flush=True)


def source_dtype(hf_config: dict) -> str:
    return hf_config.get("torch_dtype") or hf_config.get("dtype") or "float16"


def write_checkpoint(model_dir: Path, output_dir: Path, *, dtype: str, quant_algo, kv_cache_quant_algo,
                     tp: int, pp: int, weight_bytes_per_param: float, group_size: int = 128) -> dict:
    """A TensorRT-LLM checkpoint: config.json (PretrainedConfig: architecture, dtype, quantization,
    mapping) and one rank<N>.safetensors per rank, sized like the real ones (sparse)."""
    hf = read_json(model_dir / "config.json", "model config")
    if dtype == "auto":
        dtype = source_dtype(hf)
        dtype = "float16" if dtype == "float32" else dtype
    world = tp * pp
    config = {
        "architecture": (hf.get("architectures") or ["LlamaForCausalLM"])[0],
        "dtype": dtype,
        "logits_dtype": "float32",
        "vocab_size": hf.get("vocab_size"),
        "hidden_size": hf.get("hidden_size"),
        "num_hidden_layers": hf.get("num_hidden_layers"),
        "num_attention_heads": hf.get("num_attention_heads"),
        "num_key_value_heads": hf.get("num_key_value_heads", hf.get("num_attention_heads")),
        "intermediate_size": hf.get("intermediate_size"),
        "max_position_embeddings": hf.get("max_position_embeddings"),
        "hidden_act": hf.get("hidden_act", "silu"),
        "position_embedding_type": "rope_gpt_neox",
        "quantization": {"quant_algo": quant_algo, "kv_cache_quant_algo": kv_cache_quant_algo,
                         "group_size": group_size, "has_zero_point": False, "pre_quant_scale": False,
                         "exclude_modules": ["lm_head"] if quant_algo else None},
        "mapping": {"world_size": world, "tp_size": tp, "pp_size": pp},
    }
    output_dir.mkdir(parents=True, exist_ok=True)
    (output_dir / "config.json").write_text(json.dumps(config, indent=4))
    fixed = os.environ.get("EF_FAKE_CKPT_BYTES")
    source_bpp = BYTES_PER_PARAM.get(source_dtype(hf), 2)
    per_rank = int(fixed) if fixed else int(weights_bytes(model_dir) * weight_bytes_per_param / source_bpp / world)
    for rank in range(world):
        write_sparse_safetensors(output_dir / f"rank{rank}.safetensors", max(per_rank, 64))
    return config
