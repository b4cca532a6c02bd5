"""Whether an index fits the settings: decided here, by one rule, for readers and writers.

An index is made by a recipe: a model (its name and weights), the precision its
passages were embedded at, and the chunking that cut them. Each use of an index
needs part of that recipe to match the settings:

* answering questions needs the same model and chunking: questions are embedded
  by the model the settings name, and passages are what that chunking cuts;
* reusing stored vectors for the next build needs the same model, weights,
  precision and way of embedding: vectors embedded one text at a time are kept by
  text, so they survive a change of chunking (windows pooled from their sentences are
  pooled again at each build); late-chunked vectors (pooled from the text around
  them) survive only the same chunking.

The first part that differs is said in words. A reader then refuses the index
(``run qa index --rebuild``); a writer embeds everything again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from qa.errors import IndexIncompatibleError
from qa.index.embed import canonical_model_name
from qa.storage.contract import REBUILD

if TYPE_CHECKING:
    from qa.config import Settings
    from qa.index.embed import ModelSpec
    from qa.storage.contract import Manifest

Aspect = Literal["model", "weights", "precision", "embedding", "chunking"]
#: What answering questions from an index needs to match.
ANSWERING: tuple[Aspect, ...] = ("model", "chunking")
#: What reusing an index's vectors needs to match.
REUSING: tuple[Aspect, ...] = ("model", "weights", "precision", "embedding")


def mismatch(
    manifest: Manifest,
    settings: Settings,
    aspects: Sequence[Aspect],
    *,
    weights_sha256: str | None = None,
) -> str | None:
    """How the index's recipe differs from the settings' in ``aspects``, or None.

    Weights are compared only when ``weights_sha256`` is given (finding them hashes
    the model's files).
    """
    model = canonical_model_name(settings.model)
    chunking = settings.chunking_signature()
    for aspect in aspects:
        if aspect == "model" and manifest.model != model:
            return f"the index was built with model {manifest.model!r}, not {model!r}"
        if aspect == "weights" and weights_sha256 not in (None, manifest.weights_sha256):
            return (
                f"the index was built from other weights of {model!r} "
                f"(sha256 {manifest.weights_sha256[:12]}…, not {str(weights_sha256)[:12]}…)"
            )
        if aspect == "precision" and manifest.precision != settings.precision:
            return f"the index was embedded in {manifest.precision}, not {settings.precision}"
        if aspect == "embedding" and _embedding(manifest.chunking) != _embedding(chunking):
            return (
                f"the index's passages were {_embedding(manifest.chunking)}, "
                f"not {_embedding(chunking)}"
            )
        if (
            aspect == "embedding"
            and chunking.get("late_chunking")
            and manifest.chunking != chunking
        ):
            return "late-chunked vectors depend on the chunking, which changed"
        if aspect == "chunking" and manifest.chunking != chunking:
            differ = sorted(
                k
                for k in {*manifest.chunking, *chunking}
                if manifest.chunking.get(k) != chunking.get(k)
            )
            built = ", ".join(f"{k}={manifest.chunking.get(k, 'none')}" for k in differ)
            wanted = ", ".join(f"{k}={chunking.get(k, 'none')}" for k in differ)
            return f"the index was built with chunking {built}, not {wanted}"
    return None


def _embedding(chunking: dict[str, int]) -> str:
    """How the passages' vectors were made, in words."""
    if chunking.get("late_chunking"):
        return "late-chunked"
    if chunking.get("pooled_windows"):
        return "embedded as sentences, windows pooled from them"
    return "embedded one text at a time"


def check_compatible(manifest: Manifest, settings: Settings) -> None:
    """Raise IndexIncompatibleError when the index cannot answer questions with ``settings``."""
    reason = mismatch(manifest, settings, ANSWERING)
    if reason is not None:
        raise IndexIncompatibleError(f"{reason}; {REBUILD}")


def vectors_reusable(manifest: Manifest, settings: Settings, model: ModelSpec) -> bool:
    """Whether the next build may take the index's vectors instead of embedding again."""
    return mismatch(manifest, settings, REUSING, weights_sha256=model.weights_sha256) is None
