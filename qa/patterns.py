"""Regular expressions compiled on first use, so that importing a module costs nothing.

A module-level pattern is written ``_WORD = LazyPattern(r"\\w+", re.I)`` instead of
``re.compile(r"\\w+", re.I)``: compiling the package's hundred-odd patterns took about a
tenth of a cold ``qa ask``, and most of them serve questions other than the one asked.

Compiling the ones a question does use still cost a cold ``qa ask`` about a sixth of its
work (the large word lists most), so what ``re`` compiles them to is kept between runs, as
Python keeps bytecode (:mod:`qa.startup_cache`): a later process builds the same
``re.Pattern`` from the stored program without parsing and compiling the pattern again.
"""

from __future__ import annotations

import array
import importlib
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, AnyStr, Generic

from qa.startup_cache import StartupCache, beside_bytecode

_ENGINE = importlib.import_module("_sre")

#: A stored program: flags, the engine's code (as machine words), the number of groups,
#: group names to numbers, and numbers to names; the arguments of the engine's compile.
_Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


def _program_of(pattern: str | bytes, flags: int) -> _Program | None:
    """What ``re.compile(pattern, flags)`` hands the engine (as ``re._compiler.compile``),
    or None when the pattern built from it would not equal ``re.compile``'s."""
    parser = importlib.import_module("re._parser")
    compiler = importlib.import_module("re._compiler")
    tree = parser.parse(pattern, flags)
    code = compiler._code(tree, flags)
    names: dict[str, int] = dict(tree.state.groupdict)
    numbers: list[str | None] = [None] * tree.state.groups
    for name, number in names.items():
        numbers[number] = name
    words = array.array("I", code).tobytes()
    program = (flags | tree.state.flags, words, tree.state.groups - 1, names, tuple(numbers))
    # equal patterns have equal flags, pattern text and engine code
    return program if _pattern_from(pattern, program) == re.compile(pattern, flags) else None


def _pattern_from(pattern: Any, program: _Program) -> Any:
    """The ``re.Pattern`` built by the engine from a stored program."""
    flags, words, groups, names, numbers = program
    code = array.array("I", words).tolist()
    return _ENGINE.compile(pattern, flags, code, groups, names, numbers)


class CompiledPatterns:
    """Patterns' compiled programs, kept between runs in ``path``.

    :meth:`compile` answers exactly as ``re.compile`` does; a pattern whose program was kept
    by an earlier run is built from it (about a hundredth of the work of compiling it).
    Patterns compiled anew are kept at exit, each checked first to build a pattern equal to
    ``re.compile``'s (same flags, same program).
    """

    def __init__(self, path: Path | None) -> None:
        # An engine that does not say these (another interpreter, a later CPython) keeps
        # nothing: every pattern is then compiled by ``re.compile`` alone.
        size, magic = getattr(_ENGINE, "CODESIZE", None), getattr(_ENGINE, "MAGIC", None)
        usable = path if magic is not None and array.array("I").itemsize == size else None
        self.programs = StartupCache(usable, (sys.version, magic, size))

    def compile(self, pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
        """``re.compile(pattern, flags)``, from the kept program when there is one."""
        flags = int(flags)
        program = self.programs.get((pattern, flags))
        if program is not None:
            try:
                compiled: re.Pattern[AnyStr] = _pattern_from(pattern, program)
                return compiled
            except (TypeError, ValueError, RuntimeError, OverflowError):
                pass  # a damaged entry: compile as re does
        compiled = re.compile(pattern, flags)
        self.programs.add((pattern, flags), lambda: _program_of(pattern, flags))
        return compiled

    def save(self) -> None:
        """Keep the programs of the patterns compiled anew (done at exit)."""
        self.programs.save()


#: The package's compiled patterns, shared by every :class:`LazyPattern`.
COMPILED = CompiledPatterns(beside_bytecode(__file__, ".regex"))


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
