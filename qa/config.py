"""Settings: where the corpus and index live, which model, how to chunk and rank.

Defaults suit the bundled corpus; environment variables (``QA_CORPUS``,
``QA_INDEX``, ``QA_STORE``, ``QA_MODEL``, ``QA_K``, ``QA_PRECISION``, ``QA_EMBEDDING_CACHE``,
``QA_LATE_CHUNKING``, ``QA_POOLED_WINDOWS``)
override them, and command-line flags override both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from qa.errors import ConfigError

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
#: How the index embeds passages: the exported model quantized to int8 (the default: about
#: 2.5 times as fast, the same hit@5 on the benchmarks) or as is. Questions are always embedded
#: with the unquantized export, which matches sentence-transformers (cosine ≥ 0.999).
PRECISIONS = ("int8", "fp32")
#: The most passages a question may ask for.
MAX_K = 100


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that shapes indexing and answering.

    The chunking fields are recorded in the index manifest: an index built
    with other values must be rebuilt before it is used.
    """

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    model: str = DEFAULT_MODEL
    window_words: int = 110
    #: Windows are grown around every n-th sentence; each sentence shows the window that
    #: centres it best (see qa.index.chunking.chunk_article). 1: a window per sentence.
    window_stride: int = 1
    #: Pool window and sentence vectors from one pass of the model over the text
    #: (qa.index.late_chunking) instead of embedding each as a text of its own: about
    #: seven times faster to index, but SQuAD hit@1 falls by about 0.04, so it is off.
    late_chunking: bool = False
    #: Embed each sentence alone and pool a window's vector from those of the sentences it
    #: holds (qa.index.pooling) instead of embedding the window as a text of its own: each
    #: token is read once instead of about five times, at the same hit@1 and hit@5. Off by
    #: default: the replies' sentence choice, fitted on windows embedded whole, then finds
    #: fewer answers (SQuAD tuning half: 711 of 758 in the reply against 701).
    pooled_windows: bool = False
    max_tokens: int = 256
    k: int = 5
    precision: str = "int8"
    #: Where the index lives: None for ``index_dir``, or a ``postgresql://`` URL
    #: (qa.storage.backends).
    store: str | None = None
    follow_symlinks: bool = False  # index the targets of symbolic links inside the corpus
    #: A folder of vectors kept across index folders (None: only an interrupted run's own);
    #: texts embedded before by the same model, weights and precision are taken from it.
    embedding_cache: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from the environment, then from explicit ``overrides`` (None = keep)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if "QA_CORPUS" in env:
            values["corpus_dir"] = Path(env["QA_CORPUS"])
        if "QA_INDEX" in env:
            values["index_dir"] = Path(env["QA_INDEX"])
        if env.get("QA_STORE"):
            values["store"] = env["QA_STORE"]
        if "QA_MODEL" in env:
            values["model"] = env["QA_MODEL"]
        if env.get("QA_EMBEDDING_CACHE"):
            values["embedding_cache"] = Path(env["QA_EMBEDDING_CACHE"])
        if "QA_LATE_CHUNKING" in env:
            values["late_chunking"] = _switched_on(env["QA_LATE_CHUNKING"])
        if "QA_POOLED_WINDOWS" in env:
            values["pooled_windows"] = _switched_on(env["QA_POOLED_WINDOWS"])
        if "QA_PRECISION" in env:
            values["precision"] = env["QA_PRECISION"]
        if "QA_K" in env:
            try:
                values["k"] = parse_k(env["QA_K"])
            except ValueError as error:
                raise ConfigError(f"QA_K {error}") from None
        values.update({key: value for key, value in overrides.items() if value is not None})
        settings = replace(cls(), **values)
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ConfigError when a value is out of range."""
        try:
            parse_k(self.k)
        except ValueError as error:
            raise ConfigError(f"k {error}") from None
        if self.window_words < 10:
            raise ConfigError(f"window_words must be at least 10, not {self.window_words}")
        if self.window_stride < 1:
            raise ConfigError(f"window_stride must be at least 1, not {self.window_stride}")
        if self.precision not in PRECISIONS:
            raise ConfigError(
                f"precision must be one of {', '.join(PRECISIONS)}, not {self.precision!r}"
            )
        if self.max_tokens < 32:
            raise ConfigError(f"max_tokens must be at least 32, not {self.max_tokens}")
        if self.store is not None and not self.store.startswith(("postgresql://", "postgres://")):
            raise ConfigError(
                f"the store must be a postgresql:// URL, not {self.store!r}; leave --store and "
                "QA_STORE unset to keep the index in the index folder"
            )

    def chunking_signature(self) -> dict[str, int]:
        """What decides chunk boundaries, as stored in the manifest: these settings and
        the version of the chunking rules."""
        from qa.index.chunking import CHUNKING_VERSION

        signature = {
            "window_words": self.window_words,
            "max_tokens": self.max_tokens,
            "version": CHUNKING_VERSION,
        }
        if self.window_stride != 1:  # indexes from before strides keep their signature
            signature["window_stride"] = self.window_stride
        if self.late_chunking:  # pools windows of its own
            signature["late_chunking"] = 1
        elif self.pooled_windows:
            signature["pooled_windows"] = 1
        return signature


def _switched_on(value: str) -> bool:
    """An environment switch's value: anything but empty, 0, no or false turns it on."""
    return value.lower() not in ("", "0", "no", "false")


def parse_k(value: str | int) -> int:
    """A number of passages per question (1 to :data:`MAX_K`), from text or a number.

    Raise ValueError with the end of a sentence about ``k`` for people:
    ``must be a whole number, not 'x'`` or ``must be between 1 and 100, not 0``.
    """
    try:
        k = int(value)
    except ValueError:
        raise ValueError(f"must be a whole number, not {value!r}") from None
    if not 1 <= k <= MAX_K:
        raise ValueError(f"must be between 1 and {MAX_K}, not {k}")
    return k
