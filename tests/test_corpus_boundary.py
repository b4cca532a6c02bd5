"""The corpus folder is a boundary: nothing is read through a link by default, nothing is
written outside the corpus and the index, and `qa add` never evicts or half-copies."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from qa.config import Settings
from qa.ingest.adding import add_to_corpus, remove_partial_copies
from qa.ui.cli import main

SECRET = "The vault code is SECRET-TOKEN-4711, said the minister on Monday in Astana."
ARTICLE = (
    "Border raid frees workers\n\n"
    "Police in Osh freed 14 men held by a recruiting agency on Friday, the ministry said.\n"
)


def fingerprint(root: Path, *, leave_out: tuple[Path, ...]) -> dict[str, str]:
    """Every file and link under ``root`` (not following links) with a hash of its bytes."""
    seen: dict[str, str] = {}
    for folder, folders, names in os.walk(root):
        here = Path(folder)
        folders[:] = [n for n in folders if here / n not in leave_out]
        for name in [*names, *(n for n in folders if (here / n).is_symlink())]:
            path = here / name
            if path.is_symlink():
                seen[str(path)] = "link to " + os.readlink(path)
            elif path.is_file():
                seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                seen[str(path)] = "special"
    return seen


def test_nothing_outside_the_corpus_and_index_is_read_or_written(
    corpus_copy: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, index = corpus_copy.corpus_dir, corpus_copy.index_dir
    outside = tmp_path / "outside"
    (outside / "linked").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET)
    (outside / "linked" / "inner.txt").write_text(ARTICLE.replace("Osh", "Talas"))
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "linked").symlink_to(outside / "linked")
    incoming = tmp_path / "incoming" / "linked"  # a folder whose corpus name is a link there
    incoming.mkdir(parents=True)
    (incoming / "new.txt").write_text(ARTICLE)
    (incoming / "link.txt").symlink_to(outside / "secret.txt")
    os.mkfifo(incoming / "pipe.txt")
    where = ["--corpus", str(corpus), "--index", str(index)]
    before = fingerprint(tmp_path, leave_out=(corpus, index))

    commands = {
        "index": ["index", *where],
        "add": ["add", str(incoming), *where],
        "add through a link": ["add", str(outside / "linked" / "inner.txt"), *where],
        "ask": ["ask", "What is the vault code?", *where, "--json"],
        "sources": ["sources", *where, "--json"],
        "status": ["status", *where],
    }
    printed: dict[str, tuple[int, str, str]] = {}
    for name, argv in commands.items():
        code = main(argv)
        out, err = capsys.readouterr()
        printed[name] = (code, out, err)
        assert fingerprint(tmp_path, leave_out=(corpus, index)) == before, name
        assert "SECRET-TOKEN" not in out, name

    code, _, err = printed["index"]
    assert code == 0
    assert (
        "warning: skipped secret.txt: a symbolic link (pass --follow-symlinks to index its target)"
        in err
    )
    assert (
        "warning: skipped linked: a symbolic link (pass --follow-symlinks to index its target)"
        in err
    )
    code, _, err = printed["add"]
    assert code == 1
    assert (
        f"error: {incoming / 'new.txt'}: {corpus / 'linked'} is a symbolic link; not added" in err
    )
    assert f"warning: {incoming / 'link.txt'}: a symbolic link; left out" in err
    assert f"warning: {incoming / 'pipe.txt'}: not a regular file; left out" in err
    assert printed["add through a link"][0] == 0  # an explicit file is copied, not linked
    copied = corpus / "inner.txt"
    assert "Talas" in copied.read_text() and not copied.is_symlink()


def test_qa_add_never_evicts_an_article_of_the_same_name_and_another_extension(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "002_report.txt").write_text(ARTICLE)
    incoming = tmp_path / "002_report.md"
    incoming.write_text(ARTICLE.replace("Osh", "Naryn"))

    refused = add_to_corpus(corpus, [incoming])
    assert refused.problems == [
        f"{incoming}: the corpus already has 002_report.txt, whose articles have the same ids; "
        "rename it, or pass --replace to replace it"
    ]
    assert sorted(p.name for p in corpus.iterdir()) == ["002_report.txt"]

    replaced = add_to_corpus(corpus, [incoming], replace=True)
    assert (replaced.added, replaced.replaced) == ([], ["002_report.md"])
    assert sorted(p.name for p in corpus.iterdir()) == ["002_report.md"]


def test_what_a_killed_add_half_copied_is_removed_by_the_next_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    dead = corpus / "sub" / ".a.txt.qa-add-999999999-0123abcd"  # no such process
    alive = corpus / f".b.txt.qa-add-{os.getpid()}-0123abcd"  # a qa add still copying
    mine = corpus / ".notes.txt"  # the user's own hidden file
    for path in (dead, alive, mine):
        path.write_text("half")
    assert remove_partial_copies(corpus) == [dead]
    assert alive.exists() and mine.exists()


def test_qa_index_removes_partial_copies_too(corpus_copy: Settings) -> None:
    dead = corpus_copy.corpus_dir / ".c.txt.qa-add-999999999-0123abcd"
    dead.write_text("half")
    where = ["--corpus", str(corpus_copy.corpus_dir), "--index", str(corpus_copy.index_dir)]
    assert main(["index", *where]) == 0
    assert not dead.exists()
