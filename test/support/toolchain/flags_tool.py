#!/usr/bin/env python3
"""A tool with a real argparse command line, like trtllm-build: an unknown flag exits 2 with usage."""
import argparse

parser = argparse.ArgumentParser(prog="trtllm-build")
parser.add_argument("--checkpoint_dir", required=True)
parser.add_argument("--output_dir", required=True)
parser.add_argument("--max_batch_size", type=int, default=2048)
args = parser.parse_args()
print(f"built {args.checkpoint_dir} -> {args.output_dir} (max_batch_size {args.max_batch_size})")
