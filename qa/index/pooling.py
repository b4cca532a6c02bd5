"""Window vectors pooled from the vectors of the sentences a window holds.

A chunk's window is a run of whole sentences of one article, each the anchor of a
chunk of its own. Embedding only the sentences reads each token once, where
embedding every window as a text of its own reads it about five times (a sentence
sits in its neighbours' windows too). A window's vector is then a weighted mean of
its sentences' vectors, L2-normalised: each sentence weighs its number of tokens (as
the model's own mean pooling weighs them), the anchor three times, and a neighbour
half as much for each sentence between it and the anchor. The weights were chosen on
the tuning halves of the SQuAD and bundled question sets (``eval/bench_index.py
--quality pooled --half tune``): an unweighted mean lost SQuAD hit@1 against windows
embedded whole, the anchor-centred mean did not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qa.records import Chunk

#: How many times its token count the anchor sentence weighs.
ANCHOR_WEIGHT = 3.0
#: Each sentence between a neighbour and the anchor multiplies the neighbour's weight by this.
NEIGHBOUR_DECAY = 0.5


def pooled_window_vectors(
    chunks: Sequence[Chunk], sentence_vectors: np.ndarray, tokens: Sequence[int]
) -> np.ndarray:
    """One vector per chunk, pooled from the vectors of the chunks of its article whose
    anchor sentences lie inside its window (``tokens``: each anchor sentence's length)."""
    pooled = np.zeros((len(chunks), sentence_vectors.shape[1]), dtype=np.float32)
    by_article: dict[str, list[int]] = {}
    for position, chunk in enumerate(chunks):
        by_article.setdefault(chunk.article_id, []).append(position)
    for positions in by_article.values():
        positions.sort(key=lambda p: chunks[p].sentence_start)
        starts = np.array([chunks[p].sentence_start for p in positions])
        ends = np.array([chunks[p].sentence_end for p in positions])
        vectors = sentence_vectors[positions]
        lengths = np.array([tokens[p] for p in positions], dtype=np.float32)
        for anchor, position in enumerate(positions):
            chunk = chunks[position]
            first = int(np.searchsorted(starts, chunk.start, "left"))
            last = int(np.searchsorted(ends, chunk.end, "right"))
            weights = lengths[first:last] * NEIGHBOUR_DECAY ** np.abs(
                np.arange(first, last) - anchor
            )
            weights[anchor - first] *= ANCHOR_WEIGHT
            pooled[position] = weights @ vectors[first:last]
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.where(norms > 0, norms, 1)
