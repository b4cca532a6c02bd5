"""Module-level regular expressions compile on first use and behave as ``re.compile``'s."""

from __future__ import annotations

import gc
import importlib
import marshal
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import qa
from qa.patterns import CompiledPatterns, LazyPattern


def test_a_lazy_pattern_compiles_only_when_first_used() -> None:
    pattern = LazyPattern(r"(\w+)@(\w+)", re.I)
    assert vars(pattern)["_compiled"] is None
    assert pattern.pattern == r"(\w+)@(\w+)"
    assert pattern.search("mail ANN@example now") is not None
    assert vars(pattern)["_compiled"] == re.compile(r"(\w+)@(\w+)", re.I)


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


def package_patterns() -> list[LazyPattern[str]]:
    """Every module-level pattern of the package (each module imported)."""
    for module_info in pkgutil.walk_packages(qa.__path__, "qa."):
        if module_info.name != "qa.__main__":  # it runs the command line
            importlib.import_module(module_info.name)
    return [value for value in gc.get_objects() if type(value) is LazyPattern]


def test_every_pattern_of_the_package_built_from_its_stored_program_is_the_one_re_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    patterns = package_patterns()
    assert len(patterns) > 100
    first_run = CompiledPatterns(tmp_path / "patterns.regex")
    for pattern in patterns:
        first_run.compile(pattern.pattern, pattern._flags)
    first_run.save()

    next_run = CompiledPatterns(tmp_path / "patterns.regex")
    for pattern in patterns:
        built = next_run.compile(pattern.pattern, pattern._flags)
        # equal patterns have the same pattern text, flags and engine program
        assert built == re.compile(pattern.pattern, pattern._flags), pattern.pattern
        assert built.groupindex == re.compile(pattern.pattern, pattern._flags).groupindex
    assert next_run.programs.new == {}  # every one came from the file


def test_a_stored_pattern_matches_as_re_compiles_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    text, names = "Mr Ann Lee said on 3 May 2010 that 1,200 left.", r"(?P<who>[A-Z]\w+) (\w+) said"
    first_run = CompiledPatterns(tmp_path / "p.regex")
    first_run.compile(names, re.I)
    first_run.compile(rb"\d+")
    first_run.save()
    next_run = CompiledPatterns(tmp_path / "p.regex")
    stored, expected = next_run.compile(names, re.I), re.compile(names, re.I)
    assert [m.groups() for m in stored.finditer(text)] == [("Ann", "Lee")]
    assert [m.groupdict() for m in stored.finditer(text)] == [
        m.groupdict() for m in expected.finditer(text)
    ]
    assert next_run.compile(rb"\d+").findall(text.encode()) == [b"3", b"2010", b"1", b"200"]
    assert next_run.programs.new == {}


def test_a_damaged_or_foreign_file_of_compiled_patterns_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "patterns.regex"
    valid = CompiledPatterns(path)
    valid.compile(r"\w+")
    valid.save()
    made_by = marshal.loads(path.read_bytes())[0]
    program: tuple[object, ...] = (32, b"\x00\x01", 0, {}, ())  # not a valid engine program
    for content in (
        b"not marshal data",
        marshal.dumps((("another python", 1, 4), {(r"\w+", 0): program})),
        marshal.dumps([1, 2, 3]),
    ):
        path.write_bytes(content)
        assert CompiledPatterns(path).compile(r"\w+").findall("two words") == ["two", "words"]
    path.write_bytes(marshal.dumps((made_by, {(r"\w+", 0): program})))
    assert CompiledPatterns(path).compile(r"\w+").findall("two words") == ["two", "words"]


def test_no_file_of_compiled_patterns_is_written_where_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    patterns = CompiledPatterns(tmp_path / "patterns.regex")
    patterns.compile(r"\d+")
    patterns.save()
    assert not (tmp_path / "patterns.regex").exists()


def test_an_engine_that_does_not_say_its_code_size_keeps_no_compiled_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    engine = importlib.import_module("_sre")
    monkeypatch.delattr(engine, "CODESIZE")
    monkeypatch.delattr(engine, "MAGIC")
    patterns = CompiledPatterns(tmp_path / "patterns.regex")
    assert patterns.compile(r"\d+").findall("3 May 2010") == ["3", "2010"]
    patterns.save()
    assert not (tmp_path / "patterns.regex").exists()
