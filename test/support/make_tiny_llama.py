#!/usr/bin/env python3
"""A small Llama-shaped model with random weights, a tokenizer trained on a few lines, and a
calibration JSONL: what a real quantization run needs where no hub can be reached.

usage: make_tiny_llama.py OUT_DIR [--layers 2] [--hidden 256] [--dtype bfloat16] [--calib FILE]
                          [--hub-sha COMMIT]
--hub-sha makes OUT_DIR a repository of the `hf` stand-in's hub (EF_FAKE_HUB=<hub>, OUT_DIR =
<hub>/ORG/NAME), so `hf download ORG/NAME --revision COMMIT --local-dir DIR` fetches it as a runner would.
Dimensions are multiples of 128 so every ModelOpt format (FP8, INT4 AWQ blocks of 128) applies.
"""
import argparse
import json
import sys
import time
from pathlib import Path

LINES = [
    "The quick brown fox jumps over the lazy dog.",
    "Engines are built once per GPU family, precision and tensor-parallel size.",
    "A quantized checkpoint depends on the model, its revision and the calibration data.",
    "Calibration runs the model over a few hundred samples to record activation ranges.",
    "TensorRT-LLM serves the checkpoint; the store keeps it keyed by what went into it.",
    "Hopper GPUs run FP8 matrix multiplications at twice the rate of BF16.",
    "Pack my box with five dozen liquor jugs.",
    "How vexingly quick daft zebras jump!",
]


def main(argv):
    parser = argparse.ArgumentParser(prog="make_tiny_llama.py")
    parser.add_argument("out_dir")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--dtype", default="bfloat16", choices=("bfloat16", "float16", "float32"))
    parser.add_argument("--calib", default=None, help="also write this many-line calibration JSONL")
    parser.add_argument("--calib-lines", type=int, default=64)
    parser.add_argument("--hub-sha", default=None, help="also write .hub.json naming this commit")
    args = parser.parse_args(argv)
    started = time.monotonic()

    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers, decoders
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    raw = Tokenizer(models.BPE(unk_token="<unk>"))
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.decoder = decoders.ByteLevel()
    raw.train_from_iterator(LINES * 4, trainers.BpeTrainer(
        vocab_size=384, special_tokens=["<unk>", "<s>", "</s>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=raw, unk_token="<unk>", bos_token="<s>",
                                        eos_token="</s>", pad_token="</s>")
    tokenizer.save_pretrained(out)

    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=512,  # ≥ the tokenizer's, a multiple of 128
        hidden_size=args.hidden, intermediate_size=args.hidden * 2, num_hidden_layers=args.layers,
        num_attention_heads=max(2, args.hidden // 64), num_key_value_heads=max(1, args.hidden // 128),
        max_position_embeddings=2048, bos_token_id=1, eos_token_id=2, pad_token_id=2,
        tie_word_embeddings=False,
    )
    model = LlamaForCausalLM(config).to(getattr(torch, args.dtype))
    model.save_pretrained(out, safe_serialization=True)

    if args.calib:
        with open(args.calib, "w", encoding="utf-8") as f:
            for i in range(args.calib_lines):
                f.write(json.dumps({"text": f"{LINES[i % len(LINES)]} {LINES[(i * 3 + 1) % len(LINES)]}"}) + "\n")
    if args.hub_sha:
        (out / ".hub.json").write_text(json.dumps({"sha": args.hub_sha, "refs": {"main": args.hub_sha}, "gated": False}))
    params = sum(p.numel() for p in model.parameters())
    print(json.dumps({"model_dir": str(out), "params": params, "dtype": args.dtype,
                      "seconds": round(time.monotonic() - started, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
