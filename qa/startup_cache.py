"""Compiling that every start of ``qa`` repeats identically, kept between runs as bytecode is.

Python keeps each module's compiled bytecode in ``__pycache__`` so that a new process does
not compile the module again. The package's regular expressions (:mod:`qa.patterns`) are
compiled at every start too, with the same result each time. A :class:`StartupCache` keeps
such results in a file beside the package's bytecode: read on first use, added to when the
process exits, written only where Python writes bytecode.

(The methods ``dataclasses`` writes for each record type are compiled at every start as
well, about an eighth of a cold ``qa ask``; keeping them would mean replacing the standard
library's ``dataclasses.exec`` for the whole process, every other library's classes
included, which a library imported by other programs should not do.)
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

#: More entries than this (a working copy whose code changed many times) and the file
#: starts again from this run's.
MOST_KEPT = 4000


class StartupCache:
    """Values computed from keys in earlier runs, in a file read once and added to at exit.

    ``made_by`` says what the values depend on besides their key (the interpreter's
    version, say): a file made by anything else counts as empty, and so does a file that
    cannot be read or is damaged. New values are written at exit, the file replaced whole
    (written beside it, then renamed), and never where Python writes no bytecode
    (``PYTHONDONTWRITEBYTECODE``) or the folder cannot be written.
    """

    def __init__(self, path: Path | None, made_by: tuple[Any, ...]) -> None:
        self.path = path
        self.made_by = made_by
        self._kept: dict[Any, Any] | None = None
        #: Keys computed in this process and how to compute the value to keep for each.
        self.new: dict[Hashable, Callable[[], Any]] = {}

    def get(self, key: Hashable) -> Any | None:
        """The value kept for ``key`` by an earlier run, or None."""
        if self._kept is None:
            self._kept = self._read()
        return self._kept.get(key)

    def add(self, key: Hashable, value: Callable[[], Any]) -> None:
        """Keep for later runs what ``value()`` returns for ``key`` (called at exit; a None
        or an exception keeps nothing)."""
        if self.path is None or sys.dont_write_bytecode:
            return
        if not self.new:
            atexit.register(self.save)
        self.new[key] = value

    def save(self) -> None:
        """Write the file with the new values added to those it holds now."""
        if self.path is None or not self.new:
            return
        kept = self._read()
        if len(kept) + len(self.new) > MOST_KEPT:
            kept = {}
        for key, value in self.new.items():
            try:
                computed = value()
            except Exception:  # the engine or interpreter changed: keep nothing for it
                computed = None
            if computed is not None:
                kept[key] = computed
        self.new = {}
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps((self.made_by, kept)))
            partial.replace(self.path)
        except (OSError, ValueError):
            partial.unlink(missing_ok=True)

    def _read(self) -> dict[Any, Any]:
        if self.path is None:
            return {}
        try:
            made_by, kept = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if made_by != self.made_by or not isinstance(kept, dict):
            return {}
        return kept


def beside_bytecode(module_file: str, suffix: str) -> Path | None:
    """The path of ``module_file``'s bytecode with ``suffix`` for ``.pyc`` (None where
    Python keeps no bytecode)."""
    try:
        return Path(importlib.util.cache_from_source(module_file)).with_suffix(suffix)
    except (NotImplementedError, ValueError):
        return None
