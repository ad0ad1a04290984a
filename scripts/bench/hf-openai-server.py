"""A minimal OpenAI-compatible completions server over Hugging Face transformers on a GPU, for
measuring `bench --endpoint` against real decoding where vLLM and TensorRT-LLM are not installed
(the GPU machine has torch + transformers, no model hub). It generates a small Llama with random
weights on the spot and a word-level tokenizer, then serves /health, /v1/models and streaming
/v1/completions with exact usage; `ignore_eos` is honoured by min_new_tokens = max_tokens.
Requests run concurrently, each its own generate() on the GPU (no continuous batching).
Usage: python3 hf-openai-server.py PORT [HIDDEN LAYERS]"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast, TextIteratorStreamer

port = int(sys.argv[1])
hidden = int(sys.argv[2]) if len(sys.argv) > 2 else 2048
layers = int(sys.argv[3]) if len(sys.argv) > 3 else 16
MODEL = f"tiny-llama-h{hidden}-l{layers}"
torch.manual_seed(0)
vocab = ["[UNK]", "[EOS]"] + [f"w{i}" for i in range(32000 - 2)]
tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
tok.decoder = decoders.WordPiece(prefix="##")
tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", eos_token="[EOS]")
config = LlamaConfig(vocab_size=32000, hidden_size=hidden, intermediate_size=hidden * 4, num_hidden_layers=layers,
                     num_attention_heads=hidden // 128, num_key_value_heads=max(1, hidden // 512), max_position_embeddings=4096,
                     eos_token_id=1, bos_token_id=0, pad_token_id=0)
model = LlamaForCausalLM(config).to(dtype=torch.bfloat16, device="cuda").eval()
print(f"{MODEL}: {sum(p.numel() for p in model.parameters()) / 1e6:.0f}M parameters on {torch.cuda.get_device_name(0)}", flush=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/v1/models":
            self.send_json(200, {"object": "list", "data": [{"id": MODEL, "object": "model", "owned_by": "engine-forge"}]})
        else:
            self.send_json(404, {"detail": "Not Found"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if self.path != "/v1/completions":
            return self.send_json(404, {"detail": "Not Found"})
        words = str(body.get("prompt", "")).split()
        ids = [hash(w) % 31998 + 2 for w in words] or [2]
        n = int(body.get("max_tokens") or 16)
        inputs = torch.tensor([ids], device="cuda")
        streamer = TextIteratorStreamer(tokenizer, skip_prompt=True)
        counted = {"n": 0}

        def run():
            with torch.inference_mode():
                out = model.generate(inputs, attention_mask=torch.ones_like(inputs), max_new_tokens=n,
                                     min_new_tokens=n if body.get("ignore_eos") else 0, do_sample=False, streamer=streamer)
            counted["n"] = out.shape[1] - inputs.shape[1]

        thread = threading.Thread(target=run)
        thread.start()
        if not body.get("stream"):
            thread.join()
            return self.send_json(200, {"object": "text_completion", "model": MODEL, "choices": [{"index": 0, "text": "", "finish_reason": "length"}]})
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def event(payload):
            data = f"data: {payload if isinstance(payload, str) else json.dumps(payload)}\n\n".encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()

        created = int(time.time())
        for text in streamer:
            if text:
                event({"object": "text_completion", "created": created, "model": MODEL,
                       "choices": [{"index": 0, "text": text, "finish_reason": None}]})
        thread.join()
        if (body.get("stream_options") or {}).get("include_usage"):
            event({"object": "text_completion", "created": created, "model": MODEL, "choices": [],
                   "usage": {"prompt_tokens": len(ids), "completion_tokens": counted["n"], "total_tokens": len(ids) + counted["n"]}})
        event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
print(f"serving {MODEL} on http://127.0.0.1:{port}", flush=True)
server.serve_forever()
