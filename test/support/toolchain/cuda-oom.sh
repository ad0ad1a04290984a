#!/usr/bin/env bash
# The end of a real PyTorch CUDA out-of-memory failure (torch 2.x wording), then python's exit status 1.
cat >&2 <<'MSG'
Traceback (most recent call last):
  File "/app/tensorrt_llm/examples/quantization/quantize.py", line 151, in <module>
    quantize_and_export(**vars(args))
  File "/usr/local/lib/python3.12/dist-packages/torch/nn/modules/module.py", line 1340, in to
    return t.to(device, dtype if t.is_floating_point() or t.is_complex() else None, non_blocking)
torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 896.00 MiB. GPU 0 has a total capacity of 79.25 GiB of which 512.00 MiB is free. Including non-PyTorch memory, this process has 78.73 GiB memory in use. Of the allocated memory 77.91 GiB is allocated by PyTorch, and 312.45 MiB is reserved by PyTorch but unallocated. If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.  See documentation for Memory Management  (https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)
MSG
exit 1
