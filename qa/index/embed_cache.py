"""Vectors embedded by an indexing run that has not finished yet.

Embedding is the slow part of indexing. The indexer saves each finished
batch of vectors here as it goes, so a run that is killed or interrupted
costs only the batch in flight: the next run takes the saved vectors back
instead of embedding those texts again. Once a generation is written the
vectors live in it and the cache is deleted.

Layout: ``index/.embeddings-<model key>/batch-<id>.npz``, each file written
to a temporary name and renamed, so a batch file is whole or absent. The
folder is named after the model, its weights hash and the precision, so vectors
of another model are never mixed in. Only the holder of the index's write lock uses it.

A cache kept outside any index (``Settings.embedding_cache``, which ``qa eval`` sets
to ``eval/cache/embeddings``) is shared by the indexes that name it and never
deleted: a text embedded once for one index is not embedded again for another.
Writers only add whole files under new names, so indexes may share it at once.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from qa.files import writing_atomically
from qa.index.embed import ModelSpec

_PREFIX = ".embeddings-"


def text_key(text: str) -> bytes:
    """The key a text's vector is saved under: its sha256."""
    return hashlib.sha256(text.encode()).digest()


class EmbeddingCache:
    """The saved vectors of one model in one index directory."""

    def __init__(self, folder: Path):
        self.folder = folder

    @classmethod
    def for_model(
        cls, index_dir: Path, model: ModelSpec, precision: str, variant: str = ""
    ) -> EmbeddingCache:
        """The cache of ``model``'s vectors at ``precision`` in ``index_dir``; ``variant``
        names another way of embedding (late chunking with its chunking settings)."""
        identity = f"{model.name}\0{model.weights_sha256}\0{precision}"
        identity += f"\0{variant}" if variant else ""
        key = hashlib.sha256(identity.encode()).hexdigest()
        return cls(index_dir / f"{_PREFIX}{key[:16]}")

    def load(self, dimension: int | None = None) -> dict[bytes, np.ndarray]:
        """Every saved vector by text key; batches that cannot be read are ignored."""
        found: dict[bytes, np.ndarray] = {}
        if not self.folder.is_dir():
            return found
        for path in sorted(self.folder.glob("batch-*.npz")):
            try:
                with np.load(path, allow_pickle=False) as batch:
                    keys, vectors = batch["keys"], batch["vectors"]
            except (OSError, ValueError, KeyError, zipfile.BadZipFile):
                continue
            if vectors.ndim != 2 or keys.shape != (len(vectors), 32):
                continue
            if dimension is not None and vectors.shape[1] != dimension:
                continue
            found.update(zip((k.tobytes() for k in keys), vectors, strict=True))
        return found

    def __len__(self) -> int:
        return len(self.load())

    def save(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Save one batch of vectors, whole or not at all."""
        if not texts:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        keys = np.frombuffer(b"".join(text_key(t) for t in texts), dtype=np.uint8)
        keys = keys.reshape(len(texts), 32)
        target = self.folder / f"batch-{uuid.uuid4().hex}.npz"
        with writing_atomically(target, durable=True) as staging, staging.open("wb") as handle:
            np.savez(handle, keys=keys, vectors=np.asarray(vectors, dtype=np.float32))


def clear_caches(index_dir: Path) -> None:
    """Delete the saved vectors of every model (after a generation was written)."""
    if not index_dir.is_dir():
        return
    for folder in index_dir.glob(f"{_PREFIX}*"):
        shutil.rmtree(folder, ignore_errors=True)
