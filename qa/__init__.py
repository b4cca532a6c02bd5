"""qa: a local, source-cited question-answering assistant over a folder of news articles.

The public API is re-exported here; everything else is private to its module.
"""

from __future__ import annotations

from qa.assistant import Assistant, SourceSummary
from qa.config import Settings
from qa.errors import (
    ConfigError,
    CorpusError,
    EvalFormatError,
    IndexBusyError,
    IndexIncompatibleError,
    IndexMissingError,
    ModelError,
    QAError,
)
from qa.indexing import IndexReport, update_index
from qa.records import Answer, Article, Chunk, Citation, EvalCase, Hit
from qa.retrieve import SearchFilters

__all__ = [
    "Answer",
    "Article",
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
    "ModelError",
    "QAError",
    "SearchFilters",
    "Settings",
    "SourceSummary",
    "update_index",
]
