"""Regular expressions compiled on first use, so that importing a module costs nothing.

A module-level pattern is written ``_WORD = LazyPattern(r"\\w+", re.I)`` instead of
``re.compile(r"\\w+", re.I)``: compiling the package's hundred-odd patterns took about a
tenth of a cold ``qa ask``, and most of them serve questions other than the one asked.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Generic


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
            compiled = re.compile(self.pattern, self._flags)
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
