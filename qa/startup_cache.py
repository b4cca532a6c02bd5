"""Compiling that every start of ``qa`` repeats identically, kept between runs as bytecode is.

Python keeps each module's compiled bytecode in ``__pycache__`` so that a new process does
not compile the module again. Two more kinds of compiling happen at every start and give the
same result each time: the package's regular expressions (:mod:`qa.patterns`) and the
methods ``dataclasses`` writes as source text for each record type (``__init__``,
``__repr__``, ``__eq__``, ...: about 240 small functions for a cold ``qa ask``, an eighth of
its work). A :class:`StartupCache` keeps such results in a file beside the package's
bytecode: read on first use, added to when the process exits, written only where Python
writes bytecode. :func:`keep_dataclass_code` makes ``dataclasses`` run the code compiled in
an earlier run from the same text, so the classes are the same, defined with less work.
"""

from __future__ import annotations

import atexit
import dataclasses
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


#: Code compiled from the source text ``dataclasses`` writes, by that text.
DATACLASS_CODE = StartupCache(
    beside_bytecode(__file__, ".dataclasses"), (sys.version, importlib.util.MAGIC_NUMBER)
)


def _exec_kept_code(
    source: Any, globals: dict[str, Any] | None = None, locals: Any = None, /
) -> None:
    """``exec``, running the code kept for a source text instead of compiling it again."""
    if isinstance(source, str):
        text = source
        kept = DATACLASS_CODE.get(text)
        if isinstance(kept, bytes):  # each kept marshalled alone: read only those used
            code = marshal.loads(kept)
        else:
            # as exec(text) in dataclasses compiles it: that module has no __future__ imports
            code = compile(text, "<string>", "exec", dont_inherit=True)
            DATACLASS_CODE.add(text, lambda: marshal.dumps(code))
        source = code
    exec(source, globals, locals)


def keep_dataclass_code() -> None:
    """Make ``dataclasses`` run kept code for the methods it writes (its module-level name
    ``exec`` then means :func:`_exec_kept_code`, which it looks up before the builtin)."""
    vars(dataclasses).setdefault("exec", _exec_kept_code)
