"""The exceptions ``qa`` raises; ``str(error)`` is a message fit for the user.

QAError
├── ConfigError          bad settings or arguments
├── CorpusError          missing or empty corpus directory
├── ModelError           the embedding model cannot be loaded or is not the expected one
├── IndexUnusableError          no index, an incompatible one, or a damaged one
│   ├── IndexMissingError
│   └── IndexIncompatibleError
├── IndexBusyError       another process is writing the index
└── EvalFormatError      an evaluation set that cannot be read at all
"""

from __future__ import annotations


class QAError(Exception):
    """Base class of every error ``qa`` reports to its user."""


class ConfigError(QAError):
    """A setting or an argument has a value ``qa`` cannot use."""


class CorpusError(QAError):
    """The corpus directory is missing, unreadable or holds no article."""


class ModelError(QAError):
    """The embedding model cannot be loaded, or its weights are not the expected ones."""


class IndexUnusableError(QAError):
    """The index directory cannot be used."""


class IndexMissingError(IndexUnusableError):
    """No index has been built in the index directory yet."""


class IndexIncompatibleError(IndexUnusableError):
    """The index was built differently (model, settings, schema) or is damaged."""


class IndexBusyError(QAError):
    """Another ``qa`` process holds the index's write lock."""


class EvalFormatError(QAError):
    """An evaluation set file cannot be read."""
