"""Module-level regular expressions compile on first use and behave as ``re.compile``'s."""

from __future__ import annotations

import importlib
import pkgutil
import re

import qa
from qa.patterns import LazyPattern


def test_a_lazy_pattern_compiles_only_when_first_used() -> None:
    pattern = LazyPattern(r"(\w+)@(\w+)", re.I)
    assert vars(pattern)["_compiled"] is None
    assert pattern.pattern == r"(\w+)@(\w+)"
    assert pattern.search("mail ANN@example now") is not None
    assert vars(pattern)["_compiled"] is re.compile(r"(\w+)@(\w+)", re.I)


def test_every_method_of_a_lazy_pattern_answers_as_the_compiled_pattern_does() -> None:
    text = "Ann@bbc, bob@ITV; carol@sky and dan@cnn."
    for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
        lazy, compiled = LazyPattern(r"(\w+)@(\w+)", re.I), re.compile(r"(\w+)@(\w+)", re.I)
        for _ in range(2):  # before and after the lazy one has compiled
            if method in {"sub", "subn"}:
                arguments: tuple[object, ...] = (r"\2:\1", text, 2)
            elif method == "split":
                arguments = (text, 2)
            else:
                arguments = (text, 1, 30)
            got, expected = (getattr(p, method)(*arguments) for p in (lazy, compiled))
            if method == "finditer":
                got, expected = [m.span() for m in got], [m.span() for m in expected]
            elif method in {"search", "match", "fullmatch"}:
                got, expected = (m and m.span() for m in (got, expected))
            assert got == expected, method
    assert LazyPattern(r"a", re.I).flags == re.compile(r"a", re.I).flags


def test_a_lazy_pattern_of_bytes_matches_bytes() -> None:
    assert LazyPattern(rb"[\x80-\xff]").findall(b"caf\xc3\xa9") == [b"\xc3", b"\xa9"]


def test_no_module_of_the_package_compiles_a_regular_expression_when_imported() -> None:
    compiled_at_import = []
    for module_info in pkgutil.walk_packages(qa.__path__, "qa."):
        if module_info.name == "qa.__main__":  # it runs the command line
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            values = value if isinstance(value, (tuple, list, frozenset)) else (value,)
            flat = [v for item in values for v in (item if isinstance(item, tuple) else (item,))]
            if any(isinstance(v, re.Pattern) for v in flat):
                compiled_at_import.append(f"{module_info.name}.{name}")
    assert compiled_at_import == []
