"""A local word-level Hugging Face tokenizer for the bench's reference client (AIPerf loads a
tokenizer even when it uses the server's token counts, and this machine reaches no model hub).
One token per whitespace-separated word: the same count the stand-in server reports.
Usage: python make-tokenizer.py OUT_DIR"""
import sys
from pathlib import Path

from tokenizers import Tokenizer, models, pre_tokenizers, decoders
from transformers import PreTrainedTokenizerFast

out = Path(sys.argv[1])
if (out / "tokenizer.json").is_file():
    sys.exit(0)
words = ["[UNK]", "tok"]  # every other word is [UNK]: still one token per word
tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
tok.decoder = decoders.WordPiece(prefix="##")  # joins words with spaces
PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]").save_pretrained(str(out))
