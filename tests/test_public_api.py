"""The package's public surface: what `import qa` promises, and the error tree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import qa
from qa import errors


def test_every_public_name_resolves_to_the_object_of_its_home_module() -> None:
    for name in qa.__all__:
        value = getattr(qa, name)
        assert getattr(sys.modules[value.__module__], name) is value


def test_the_public_names_are_exactly_the_documented_ones() -> None:
    assert sorted(qa.__all__) == [
        "Answer", "Article", "ArticleSummary", "Assistant", "Chunk", "Citation", "ConfigError",
        "CorpusError", "EvalCase", "EvalFormatError", "Hit", "IndexBusyError",
        "IndexIncompatibleError", "IndexMissingError", "IndexReport", "IndexUnusableError",
        "ModelError", "Passage", "QAError", "SearchFilters", "Settings", "update_index",
    ]  # fmt: skip


def test_every_error_qa_raises_is_a_qa_error() -> None:
    raised = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, Exception)
    ]
    assert len(raised) >= 8
    assert all(issubclass(error, qa.QAError) for error in raised)


def test_importing_qa_and_its_help_stays_light() -> None:
    code = (
        "import sys, qa, qa.ui.cli, qa.ui.parser\n"
        "qa.ui.parser.build_parser()\n"
        "heavy = {'torch', 'sentence_transformers', 'faiss', 'onnxruntime', 'bm25s'}\n"
        "heavy |= {'numpy', 'rich'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr


def test_only_the_front_ends_import_rich() -> None:
    package = Path(qa.__file__).resolve().parent
    importers = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(r"^\s*(from|import) rich\b", path.read_text(), re.M)
    }
    assert importers == {"ui/cli.py", "ui/render.py", "ui/render_eval.py", "ui/repl.py"}
