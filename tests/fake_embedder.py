"""A deterministic stand-in for the embedding model, for tests of seams that do not
depend on meaning (storage, indexing bookkeeping, front ends).

Each word is hashed to one of ``dimension`` axes with a sign; a text's vector is
the normalised sum of its words' axes. Texts sharing words are near, others are
nearly orthogonal; no model is loaded, and a vector never depends on its batch.

Pass it where an embedder is injected::

    update_index(settings, embedder_factory=FakeEmbedder)
    Assistant.open(settings, embedder=FakeEmbedder())
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from qa.config import DEFAULT_MODEL
from qa.index.embed import ModelSpec, Progress

_WORD = re.compile(r"\w+")
#: Recorded as the weights of an index it built, so it never passes for the real model's.
FAKE_WEIGHTS_SHA256 = "0" * 64


class FakeEmbedder:
    """Hashed bag of words → L2-normalised float32 vectors (an ``Embedder``)."""

    def __init__(self, model: ModelSpec | None = None, *, dimension: int = 384):
        self._model = model or ModelSpec(DEFAULT_MODEL, "", FAKE_WEIGHTS_SHA256)
        self._dimension = dimension

    @property
    def model(self) -> ModelSpec:
        return self._model

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """One unit vector per text; a text without words gets the first axis."""
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.casefold()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                axis = int.from_bytes(digest[:4], "little") % self._dimension
                vectors[row, axis] += 1.0 if digest[4] & 1 else -1.0
            norm = float(np.linalg.norm(vectors[row]))
            if norm:
                vectors[row] /= norm
            else:
                vectors[row, 0] = 1.0
        if progress is not None and len(texts):
            progress(len(texts))
        return vectors
