"""A tiny, randomly initialised DistilBERT and a WordPiece tokenizer trained on the given texts.

The transformer tests fine-tune this instead of a pretrained checkpoint, so they run offline in
seconds. It is a real DistilBERT (same classes, same files on disk as `distilbert-base-uncased`),
just small and untrained: `base_model` pointing at its directory is the only difference from a
real run.
"""

from collections.abc import Iterable
from pathlib import Path

import torch
from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors, trainers
from tokenizers.models import WordPiece
from transformers import DistilBertConfig, DistilBertForSequenceClassification, PreTrainedTokenizerFast

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build(texts: Iterable[str], directory: Path, *, vocab_size: int = 600, seed: int = 0) -> Path:
    """Write the tiny model and its tokenizer to `directory` (made if missing); return it."""
    tokenizer = Tokenizer(WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.train_from_iterator(list(texts), trainers.WordPieceTrainer(vocab_size=vocab_size,
                                                                          special_tokens=SPECIAL))
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]",
                                   cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]",
                                   model_max_length=256, model_input_names=["input_ids", "attention_mask"])
    torch.manual_seed(seed)
    config = DistilBertConfig(vocab_size=tokenizer.get_vocab_size(), dim=32, hidden_dim=64, n_layers=2,
                              n_heads=2, max_position_embeddings=256, dropout=0.0, attention_dropout=0.0,
                              seq_classif_dropout=0.0, pad_token_id=tokenizer.token_to_id("[PAD]"))
    directory.mkdir(parents=True, exist_ok=True)
    DistilBertForSequenceClassification(config).save_pretrained(directory)
    fast.save_pretrained(directory)
    return directory
