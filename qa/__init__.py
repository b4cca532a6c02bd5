"""qa: a local, source-cited question-answering assistant over a folder of news articles.

The public API is re-exported here; everything else is private to its module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa.config import Settings
    from qa.errors import (
        ConfigError,
        CorpusError,
        EvalFormatError,
        IndexBusyError,
        IndexIncompatibleError,
        IndexMissingError,
        IndexUnusableError,
        ModelError,
        QAError,
    )
    from qa.index.indexing import update_index
    from qa.records import (
        Answer,
        Article,
        ArticleSummary,
        Chunk,
        Citation,
        EvalCase,
        Hit,
        IndexReport,
        Passage,
    )
    from qa.search.assistant import Assistant
    from qa.search.retrieve import SearchFilters

# Names are imported on first use: ``qa ask`` should not pay for indexing's imports.
_HOMES = {
    "Assistant": "qa.search.assistant",
    "Settings": "qa.config",
    "update_index": "qa.index.indexing",
    "SearchFilters": "qa.search.retrieve",
    **dict.fromkeys(
        ["ConfigError", "CorpusError", "EvalFormatError", "IndexBusyError",
         "IndexIncompatibleError", "IndexMissingError", "IndexUnusableError", "ModelError",
         "QAError"],
        "qa.errors",
    ),
    **dict.fromkeys(
        ["Answer", "Article", "ArticleSummary", "Chunk", "Citation", "EvalCase", "Hit",
         "IndexReport", "Passage"],
        "qa.records",
    ),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'qa' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Answer",
    "Article",
    "ArticleSummary",
    "Assistant",
    "Chunk",
    "Citation",
    "ConfigError",
    "CorpusError",
    "EvalCase",
    "EvalFormatError",
    "Hit",
    "IndexBusyError",
    "IndexIncompatibleError",
    "IndexMissingError",
    "IndexReport",
    "IndexUnusableError",
    "ModelError",
    "Passage",
    "QAError",
    "SearchFilters",
    "Settings",
    "update_index",
]
