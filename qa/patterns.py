"""Regular expressions compiled on first use, so that importing a module costs nothing.

A module-level pattern is written ``_WORD = LazyPattern(r"\\w+", re.I)`` instead of
``re.compile(r"\\w+", re.I)``: compiling the package's hundred-odd patterns took about a
tenth of a cold ``qa ask``, and most of them serve questions other than the one asked.

Compiling the ones a question does use still cost a cold ``qa ask`` about a tenth of its
work (the large word lists most), so what ``re`` compiles them to is kept between runs, as
Python keeps bytecode: :class:`CompiledPatterns` stores each pattern's program beside the
package's bytecode, and a later process builds the same ``re.Pattern`` from it without
parsing and compiling the pattern again.
"""

from __future__ import annotations

import array
import atexit
import importlib
import importlib.util
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, AnyStr, Generic

#: What a stored program was made by: the interpreter and its regular expression engine.
#: A file made by any other is not read.
_ENGINE = importlib.import_module("_sre")
_MADE_BY = (sys.version, _ENGINE.MAGIC, _ENGINE.CODESIZE)
#: More stored patterns than this (a working copy whose patterns changed many times) and
#: the file starts again from this run's.
_MOST_STORED = 2000

#: A stored program: flags, the engine's code (as machine words), the number of groups,
#: group names to numbers, and numbers to names; the arguments of the engine's compile.
_Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def _program_of(pattern: str | bytes, flags: int) -> _Program:
    """What ``re.compile(pattern, flags)`` hands the engine (as ``re._compiler.compile``)."""
    parser, compiler = (
        importlib.import_module("re._parser"),
        importlib.import_module("re._compiler"),
    )
    tree = parser.parse(pattern, flags)
    code = compiler._code(tree, flags)
    names: dict[str, int] = dict(tree.state.groupdict)
    numbers: list[str | None] = [None] * tree.state.groups
    for name, number in names.items():
        numbers[number] = name
    words = array.array("I", code).tobytes()
    return (flags | tree.state.flags, words, tree.state.groups - 1, names, tuple(numbers))


def _pattern_from(pattern: Any, program: _Program) -> Any:
    """The ``re.Pattern`` built by the engine from a stored program."""
    flags, words, groups, names, numbers = program
    code = array.array("I", words).tolist()
    return _ENGINE.compile(pattern, flags, code, groups, names, numbers)


class CompiledPatterns:
    """Patterns' compiled programs, read from ``path`` and saved there again at exit.

    :meth:`compile` answers exactly as ``re.compile`` does; a pattern whose program is
    stored is built from it (about a hundredth of the work of compiling it). Patterns
    compiled anew are added to the file when the process exits, each checked first to
    build a pattern equal to ``re.compile``'s (same flags, same program). A file that cannot
    be read, was made by another interpreter or is damaged counts as empty; nothing is
    written where Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``) or cannot write.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[tuple[str | bytes, int], _Program] | None = None
        self.compiled_anew: list[tuple[str | bytes, int]] = []

    def compile(self, pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
        """``re.compile(pattern, flags)``, from the stored program when there is one."""
        flags = int(flags)
        program = self._stored_programs().get((pattern, flags))
        if program is not None:
            try:
                compiled: re.Pattern[AnyStr] = _pattern_from(pattern, program)
                return compiled
            except (TypeError, ValueError, RuntimeError, OverflowError):
                pass  # a damaged entry: compile as re does
        compiled = re.compile(pattern, flags)
        if self.path is not None and not sys.dont_write_bytecode:
            if not self.compiled_anew:
                atexit.register(self.save)
            self.compiled_anew.append((pattern, flags))
        return compiled

    def save(self) -> None:
        """Add the patterns compiled anew to the file (written whole, then renamed into place)."""
        if self.path is None or not self.compiled_anew:
            return
        programs = self._read()
        if len(programs) + len(self.compiled_anew) > _MOST_STORED:
            programs = {}
        for pattern, flags in self.compiled_anew:
            try:
                program = _program_of(pattern, flags)
                if _pattern_from(pattern, program) == re.compile(pattern, flags):
                    programs[(pattern, flags)] = program
            except Exception:  # an engine other than CPython 3.11's: store nothing
                return
        self.compiled_anew = []
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps((_MADE_BY, programs)))
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)

    def _stored_programs(self) -> dict[tuple[str | bytes, int], _Program]:
        if self._stored is None:
            self._stored = self._read()
        return self._stored

    def _read(self) -> dict[tuple[str | bytes, int], _Program]:
        if self.path is None:
            return {}
        try:
            made_by, programs = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if made_by != _MADE_BY or not isinstance(programs, dict):
            return {}
        return programs


def _beside_the_bytecode() -> Path | None:
    """Where this module's compiled patterns are kept: its bytecode's path, ending ``.regex``."""
    if array.array("I").itemsize != _ENGINE.CODESIZE:
        return None
    try:
        return Path(importlib.util.cache_from_source(__file__)).with_suffix(".regex")
    except (NotImplementedError, ValueError):
        return None


#: The package's compiled patterns, shared by every :class:`LazyPattern`.
COMPILED = CompiledPatterns(_beside_the_bytecode())


class LazyPattern(Generic[AnyStr]):
    """A ``re.Pattern`` (of text or of bytes) that compiles itself the first time it is used.

    It offers the methods of ``re.Pattern`` the package calls. After the first call the
    compiled pattern's own bound methods are stored on the instance, where they shadow the
    methods below, so later calls cost what ``re.Pattern`` costs.
    """

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern: AnyStr = pattern
        self._flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"

    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled now if this is its first use)."""
        if self._compiled is None:
            compiled = COMPILED.compile(self.pattern, self._flags)
            vars(self).update(
                search=compiled.search,
                match=compiled.match,
                fullmatch=compiled.fullmatch,
                finditer=compiled.finditer,
                findall=compiled.findall,
                sub=compiled.sub,
                subn=compiled.subn,
                split=compiled.split,
            )
            self._compiled = compiled
        return self._compiled

    @property
    def flags(self) -> int:
        """The flags of the compiled pattern (``re.UNICODE`` included, as ``re`` adds it)."""
        return self.compiled().flags

    def search(
        self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[AnyStr] | None:
        """``re.Pattern.search``."""
        return self.compiled().search(string, pos, endpos)

    def match(
        self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[AnyStr] | None:
        """``re.Pattern.match``."""
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[AnyStr] | None:
        """``re.Pattern.fullmatch``."""
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(
        self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[AnyStr]]:
        """``re.Pattern.finditer``."""
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """``re.Pattern.findall``."""
        return self.compiled().findall(string, pos, endpos)

    def sub(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> AnyStr:
        """``re.Pattern.sub``."""
        return self.compiled().sub(repl, string, count)

    def subn(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> tuple[AnyStr, int]:
        """``re.Pattern.subn``."""
        return self.compiled().subn(repl, string, count)

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        """``re.Pattern.split``."""
        return self.compiled().split(string, maxsplit)
