"""Malformed and hostile inputs, one table row each: every bad file is named in one line
(with its line where there is one), the good file beside it is still read, nothing
crashes or hangs.

Most rows go through the ingest layer directly (no model); ``test_qa_index_…`` runs the
real ``qa index`` and ``qa ask`` once over a corpus mixing every poison file with good ones.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import signal
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qa.config import Settings
from qa.errors import CorpusError, EvalFormatError
from qa.evaluation.sets import load_set
from qa.ingest import reader as ingest
from qa.ingest.reader import IngestResult, ingest_corpus
from qa.ui.cli import main

GOOD = (
    "Border raid frees workers\n\n"
    "Police in Almaty freed 12 women held by a recruiting agency on Monday, the ministry said. "
    "The women had been promised work in Dubai.\n"
)
GOOD_FILE = "good.txt"
SENTENCE = "The ministry said that 7000 women were helped by the new programme in Tashkent."
FRENCH = "Le café de la gare a fermé. Les employés sont très déçus, dit le député."
RUSSIAN = "Полиция Алматы освободила двенадцать женщин, сообщило министерство."
#: The longest any single case may take before it counts as a hang.
HANG_SECONDS = 60

Content = bytes | Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile input: the files it adds beside the good one and what must happen.

    ``expect`` is ``skip`` (the file is left out with a line naming it), ``warn`` (read,
    with a warning line naming it), ``named`` (either of the two), ``lines`` (read, with
    some of its lines left out, each named with its number), ``ok`` (read as it is) or
    ``ignored`` (not an article file: passed over in silence). ``says`` must be in the
    line; ``holds`` in the text read.
    """

    name: str
    files: dict[str, Content]
    expect: str
    says: str = ""
    holds: str = ""


def text(value: str) -> bytes:
    return value.encode("utf-8")


def front(yaml: str, body: str = GOOD) -> bytes:
    return text(f"---\n{yaml}\n---\n{body}")


def jsonl(*records: str) -> bytes:
    return text("\n".join(records) + "\n")


def good_line(**fields: object) -> str:
    return json.dumps({"text": SENTENCE, **fields})


ALIAS_BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(8)]
)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _link(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(GOOD)


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def _random_bytes(seed: int, size: int = 4096) -> bytes:
    return random.Random(seed).randbytes(size)


def _cases() -> Iterator[Case]:
    # --- empty, whitespace, NUL, binary ------------------------------------------------
    for suffix in (".txt", ".md", ".html", ".jsonl"):
        yield Case(f"empty{suffix}", {f"empty{suffix}": b""}, "skip", "is empty")
        yield Case(f"blank{suffix}", {f"blank{suffix}": b" \n\t\r\n  \n"}, "skip", "is empty")
        yield Case(f"bom_only{suffix}", {f"bom{suffix}": codecs.BOM_UTF8}, "skip", "is empty")
        yield Case(
            f"nul_start{suffix}", {f"nul{suffix}": b"\x00" + text(GOOD)}, "skip", "is binary"
        )
        yield Case(
            f"nul_late{suffix}",
            {f"nul{suffix}": text(GOOD * 200) + b"\x00tail\n"},
            "skip",
            "a NUL byte on line 601",
        )
        for seed in range(3):
            yield Case(
                f"random_bytes_{seed}{suffix}",
                {f"random{suffix}": _random_bytes(seed)},
                "skip",
                "is binary",
            )
    for name, data in {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30,
        "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + _random_bytes(9, 500),
        "elf": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 100,
        "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02",
        "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + _random_bytes(3, 300),
        "controls": bytes(range(1, 32)) * 40,
    }.items():
        yield Case(f"binary_{name}.txt", {f"{name}.txt": data}, "skip", "is binary")
    # --- sizes and long lines -------------------------------------------------------------
    yield Case(
        "over_size_limit",
        {"huge.txt": _sparse(ingest.MAX_FILE_BYTES + 1)},
        "skip",
        "is too large (20.0 MiB; the limit is 20 MiB)",
    )
    yield Case(
        "long_line_without_punctuation",
        {"long.txt": text("Almaty " + "women ministry border police " * 60_000)},
        "named_or_ok",
    )
    yield Case("long_line_without_spaces", {"long.txt": b"x" * 2_000_000}, "named_or_ok")
    yield Case(
        "many_short_lines", {"lines.txt": text("Police freed women.\n" * 200_000)}, "named_or_ok"
    )
    # --- encodings ------------------------------------------------------------------------
    yield Case("latin1", {"fr.txt": FRENCH.encode("latin-1")}, "warn", "Windows-1252", "café")
    yield Case(
        "cp1252", {"fr.txt": (GOOD + FRENCH + " — €5").encode("cp1252")}, "warn", "1252", "€5"
    )
    yield Case(
        "cp1251",
        {"ru.txt": (GOOD + (RUSSIAN + " ") * 3).encode("cp1251")},
        "warn",
        "Windows-1251",
        "Алматы",
    )
    for codec in ("koi8_r", "cp866", "shift_jis", "gb2312", "euc_kr", "iso8859_7", "mac_roman"):
        sample = {"shift_jis": "日本の警察は発表した。", "gb2312": "警方宣布了消息。"}.get(
            codec,
            {"euc_kr": "경찰이 발표했다.", "iso8859_7": "Η αστυνομία ανακοίνωσε."}.get(
                codec, RUSSIAN if codec in ("koi8_r", "cp866") else FRENCH
            ),
        )
        yield Case(f"legacy_{codec}", {f"{codec}.txt": sample.encode(codec)}, "named")
    yield Case(
        "mixed_utf8_and_latin1",
        {"mixed.txt": text("Déjà vu in Almaty.\n" + GOOD) + FRENCH.encode("latin-1")},
        "warn",
        "is UTF-8 except for bytes on line 5 (byte 0xe9)",
    )
    yield Case(
        "invalid_utf8_continuation",
        {"bad.txt": text(GOOD) + b"\x80\x81\x82 broken\n"},
        "named",
    )
    yield Case("overlong_utf8", {"bad.txt": text(GOOD) + b"\xc0\xaf\xe0\x80\xaf\n"}, "named")
    yield Case("utf8_bom", {"bom.txt": codecs.BOM_UTF8 + text(GOOD)}, "ok", holds="Border raid")
    for codec, bom in (
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ):
        for suffix in (".txt", ".md", ".jsonl"):
            body = GOOD if suffix != ".jsonl" else good_line() + "\n"
            yield Case(
                f"{codec}_bom{suffix}",
                {f"wide{suffix}": bom + body.encode(codec)},
                "ok",
                holds="women",
            )
        yield Case(
            f"{codec}_bom_truncated",
            {"wide.txt": bom + (GOOD + "é").encode(codec)[:-1]},
            "skip",
            "byte-order mark but is not valid",
        )
    for codec in ("utf-16-le", "utf-16-be"):
        yield Case(
            f"{codec}_without_bom",
            {"wide.txt": GOOD.encode(codec)},
            "warn",
            codec.upper(),
            "Border raid",
        )
        yield Case(
            f"{codec}_without_bom_russian",
            {"wide.txt": (GOOD + RUSSIAN).encode(codec)},
            "warn",
            codec.upper(),
            "Алматы",
        )
    # --- terminal escapes in text are read (shown safely later, see test_terminal_safety) --
    yield Case(
        "escape_sequences_in_text",
        {"esc.txt": text("Title \x1b[2J\x1b]0;owned\x07\n\n" + GOOD)},
        "ok",
        holds="\x1b[2J",
    )
    # --- broken HTML ----------------------------------------------------------------------
    for name, html in {
        "unclosed_tags": "<html><body><p>" + GOOD + "<div><span><b>",
        "only_script": "<html><script>alert(1)</script><style>p{}</style></html>",
        "no_body": "<html><head><title>Nothing</title></head></html>",
        "comment_only": "<!-- " + GOOD + " -->",
        "deep_nesting": "<div>" * 20_000 + GOOD + "</div>" * 20_000,
        "bad_entities": "<p>" + GOOD + " &#xd800; &#99999999; &bogus; &#0;</p>",
        "huge_attribute": '<p title="' + "x" * 1_000_000 + '">' + GOOD + "</p>",
        "not_html_at_all": GOOD,
        "svg_and_iframe": '<svg onload="x"><script>1</script></svg><iframe src="file:///etc/passwd">',
        "cdata_and_pi": "<?xml version='1.0'?><![CDATA[" + GOOD + "]]><?php echo 1; ?>",
    }.items():
        yield Case(f"html_{name}", {f"{name}.html": text(html)}, "named_or_ok")
    # --- JSON Lines -----------------------------------------------------------------------
    bad_lines = {
        "invalid_json": ("{not json", "is not valid JSON (column 2)"),
        "trailing_comma": ('{"text": "a",}', "is not valid JSON"),
        "single_quotes": ("{'text': 'a'}", "is not valid JSON"),
        "unterminated": ('{"text": "a', "is not valid JSON"),
        "a_number": ("42", "is a number, not a JSON object with a text field"),
        "a_string": ('"just text"', "is a string, not a JSON object"),
        "an_array": ('["text"]', "is an array, not a JSON object"),
        "null": ("null", "is a null, not a JSON object"),
        "true": ("true", "is a boolean, not a JSON object"),
        "no_text": ('{"title": "x"}', 'has no "text" field'),
        "empty_text": ('{"text": "  "}', 'has an empty "text" field'),
        "text_number": ('{"text": 5}', 'has a "text" field that is a number, not text'),
        "text_object": ('{"text": {"a": 1}}', 'has a "text" field that is an object, not text'),
        "text_array": ('{"text": ["a"]}', 'has a "text" field that is an array, not text'),
        "text_null": ('{"text": null}', 'has no "text" field'),
        "text_surrogate": ('{"text": "bad \\ud800 x"}', "unpaired surrogate"),
        "text_low_surrogate": ('{"text": "bad \\udc00 x"}', "unpaired surrogate"),
        "text_nul": ('{"text": "a\\u0000b"}', "NUL character"),
        "huge_integer": ('{"text": "a", "n": ' + "9" * 5000 + "}", "too many digits"),
        "huge_integer_title": ('{"text": "a", "title": ' + "1" * 5000 + "}", "too many digits"),
        "deep_nesting": ('{"text": "a", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "deeply"),
        "title_nan": ('{"text": "a", "title": NaN}', "has a title that is not text (nan)"),
        "title_infinity": ('{"text": "a", "title": Infinity}', "not text (inf)"),
        "title_huge_float": ('{"text": "a", "title": 1e999}', "not text (inf)"),
        "title_object": ('{"text": "a", "title": {"a": 1}}', "title that is an object"),
        "title_array": ('{"text": "a", "title": ["a"]}', "title that is an array"),
        "title_bool": ('{"text": "a", "title": true}', "title that is a boolean"),
        "title_surrogate": ('{"text": "a", "title": "\\ud800"}', "unpaired surrogate"),
        "outlet_object": ('{"text": "a", "outlet": {"name": "x"}}', "outlet that is an object"),
        "author_nested": ('{"text": "a", "author": [["x"]]}', "author that is an array"),
        "author_objects": ('{"text": "a", "authors": [{"n": 1}]}', "author that is an object"),
        "date_impossible": ('{"text": "a", "published": "2020-02-30"}', "impossible date"),
        "date_month_13": ('{"text": "a", "date": "2021-13-01"}', "impossible date '2021-13-01'"),
        "date_zero": ('{"text": "a", "date": "0000-00-00"}', "impossible date"),
        "date_words": ('{"text": "a", "published": "yesterday"}', "not an ISO date"),
        "date_number": ('{"text": "a", "published": 20200230}', "not an ISO date"),
        "date_object": ('{"text": "a", "published": {"y": 2020}}', "date that is an object"),
        "date_array": ('{"text": "a", "published": [2020]}', "date that is an array"),
        "date_nan": ('{"text": "a", "published": NaN}', "not an ISO date"),
    }
    for name, (line, says) in bad_lines.items():
        yield Case(
            f"jsonl_{name}",
            {"feed.jsonl": jsonl(good_line(title="First"), line, good_line(title="Third"))},
            "lines",
            f"line 2|{says}",
        )
        yield Case(f"jsonl_only_{name}", {"only.jsonl": jsonl(line)}, "skip", says)
    yield Case(
        "jsonl_crlf_and_blank_lines",
        {"feed.jsonl": text(good_line() + "\r\n\r\n" + good_line(title="B") + "\r\n")},
        "ok",
        holds="7000 women",
    )
    yield Case(
        "jsonl_duplicate_keys",
        {"feed.jsonl": text('{"text": "First text here.", "text": "' + SENTENCE + '"}\n')},
        "ok",
        holds="7000 women",
    )
    yield Case(
        "jsonl_escapes_in_title",
        {"feed.jsonl": jsonl(good_line(title="\u001b]8;;file:///etc/passwd\u0007x"))},
        "ok",
    )
    # --- front matter ---------------------------------------------------------------------
    bad_front = {
        "date_feb_30": ("published: 2020-02-30", "has an impossible date '2020-02-30'"),
        "date_feb_29_non_leap": ("date: 2019-02-29", "impossible date '2019-02-29'"),
        "date_april_31": ("published: 2021-04-31", "impossible date"),
        "date_month_0": ("published: 2021-00-10", "impossible date"),
        "date_with_time": ("published: 2020-02-30T10:00:00Z", "impossible date"),
        "date_words": ("published: last tuesday", "not an ISO date"),
        "date_list": ("published: [2020-01-01]", "date that is an array"),
        "date_mapping": ("published: {year: 2020}", "date that is an object"),
        "date_bool": ("published: yes", "date that is a boolean"),
        "title_list": ("title: [a, b]", "title that is an array"),
        "title_mapping": ("title: {a: 1}", "title that is an object"),
        "title_bool": ("title: true", "title that is a boolean"),
        "title_nan": ("title: .nan", "title that is not text (nan)"),
        "title_inf": ("title: .inf", "not text (inf)"),
        "title_huge_int": ("title: " + "9" * 5000, "holds a value YAML cannot read"),
        "title_surrogate": ('title: "\\ud800"', "unpaired surrogate"),
        "unknown_field": ("colour: red", "unknown field 'colour'"),
        "python_tag": ("title: !!python/object/apply:os.system ['true']", "not valid YAML"),
        "python_name": ("title: !!python/name:os.system ''", "not valid YAML"),
        "custom_tag": ("title: !shout hello", "not valid YAML"),
        "binary_tag": ("title: !!binary aGVsbG8=", "title that is a binary value"),
        "set_tag": ("title: !!set {a, b}", "title that is a set"),
        "alias": ("x: &t Hello\ntitle: *t", "uses a YAML alias on line 3"),
        "merge_key": ("base: &b {title: x}\n<<: *b", "uses a YAML alias"),
        "alias_bomb": (ALIAS_BOMB, "aliases are not accepted"),
        "deep_nesting": ("title: " + "[" * 20_000 + "]" * 20_000, "nests too deeply"),
        "tab_indent": ("title:\n\t- x", "is not valid YAML (line 3)"),
        "unbalanced": ("title: [unclosed", "is not valid YAML"),
        "a_list": ("- a\n- b", "front matter that is not a mapping of fields"),
        "a_scalar": ("just words", "front matter that is not a mapping of fields"),
        "huge": ("title: " + "x" * 1_100_000, "larger than 1024 KiB"),
        "duplicate_document": ("title: a\n---\ntitle: b", ""),
        "complex_key": ("? [a, b]\n: c", "not valid YAML"),
    }
    for name, (yaml, says) in bad_front.items():
        for suffix in (".md", ".txt"):
            expect = "ok" if name == "duplicate_document" else "skip"
            yield Case(f"front_{name}{suffix}", {f"fm{suffix}": front(yaml)}, expect, says)
    yield Case("front_valid_dates", {"fm.md": front("published: 2020-02-29\ntitle: Leap")}, "ok")
    yield Case("front_unclosed", {"fm.md": text("---\ntitle: x\n" + GOOD)}, "ok")
    # --- metadata.yaml --------------------------------------------------------------------
    for name, (yaml, says) in bad_front.items():
        if name in ("duplicate_document", "a_scalar", "a_list", "unknown_field"):
            continue
        entry = "\n".join("  " + line for line in yaml.splitlines())
        yield Case(
            f"sidecar_{name}",
            {"metadata.yaml": text(f"{GOOD_FILE}:\n{entry}\n")},
            "sidecar",
            says.split(" on line")[0].split(" (line")[0],
        )
    sidecars: tuple[tuple[str, bytes, str], ...] = (
        ("not_a_mapping", b"- a\n- b\n", "must map file paths or article ids to fields"),
        ("entry_not_mapping", text(f"{GOOD_FILE}: hello\n"), "is not a mapping of fields"),
        ("not_utf8", b"good.txt:\n  title: caf\xe9\n", "is not UTF-8 text (line 2)"),
        ("binary", b"\x00\x01\x02", "is not valid YAML"),
    )
    for name, sidecar, says in sidecars:
        yield Case(f"sidecar_{name}", {"metadata.yaml": sidecar}, "sidecar", says)
    yield Case("sidecar_fifo", {"metadata.yaml": _fifo}, "ignored")
    # --- odd names ------------------------------------------------------------------------
    for name in (
        "new\nline.txt",
        "-rf.txt",
        "--corpus.txt",
        " leading space.txt",
        "trailing space.txt ",
        "back\\slash.txt",
        "colon:name.txt",
        "[bold]markup[-bold].txt",
        "esc\x1b[2J.txt",
        "bell\x07.txt",
        "tab\tname.txt",
        "UPPER.TXT",
        "mixed.Md",
        "emoji 📰.txt",
        "nfd cafe\u0301.txt",
        "x" * 250 + ".txt",
        "ends.with.many.dots...txt",
    ):
        yield Case(f"name_{name[:40]!r}", {name: text(GOOD)}, "ok")
    yield Case(
        "name_not_utf8", {os.fsdecode(b"caf\xe9.txt"): text(GOOD)}, "skip", "not valid UTF-8"
    )
    yield Case("name_hidden", {".hidden.txt": text(GOOD)}, "ignored")
    yield Case("name_only_extension", {".txt": text(GOOD)}, "ignored")
    yield Case("name_unsupported", {"scan.pdf": b"%PDF", "notes": text(GOOD)}, "ignored")
    yield Case(
        "name_same_stem",
        {"good.md": text(GOOD)},
        "clash",
        "good.txt: has the same name as good.md but another extension; rename one of them",
    )
    # --- not regular files ----------------------------------------------------------------
    yield Case("fifo", {"pipe.txt": _fifo}, "skip", "is not a regular file (a FIFO)")
    yield Case("fifo_jsonl", {"pipe.jsonl": _fifo}, "skip", "is not a regular file (a FIFO)")
    yield Case("socket", {"sock.txt": _socket}, "skip", "is not a regular file (a socket)")
    yield Case("symlink_loop", {"loop.txt": _link("loop.txt")}, "skip", "a symbolic link")
    yield Case(
        "symlink_pair_loop",
        {"a.txt": _link("b.txt"), "b.txt": _link("a.txt")},
        "skip",
        "a symbolic link",
    )
    yield Case("symlink_dangling", {"gone.txt": _link("nowhere.txt")}, "skip", "a symbolic link")
    yield Case("symlink_outside", {"secret.txt": _link("/etc/hostname")}, "skip", "symbolic link")
    yield Case("symlink_folder", {"up": _link("..")}, "skip", "a symbolic link")
    yield Case("symlink_self_folder", {"here": _link(".")}, "skip", "a symbolic link")
    yield Case("folder_named_like_file", {"folder.txt": _folder}, "ok")
    yield Case("device", {"null.txt": _link("/dev/null")}, "skip", "a symbolic link")


CASES = list(_cases())
#: The cases with the largest inputs (seconds each to read).
_SLOW = ("long_line", "many_short_lines", "html_deep_nesting", "html_huge_attribute")


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """Fail (instead of blocking the suite) when one case runs past HANG_SECONDS."""

    def hung(*_: object) -> None:
        raise TimeoutError(f"hung for more than {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def build(root: Path, files: dict[str, Content]) -> Path:
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    (corpus / GOOD_FILE).write_text(GOOD, encoding="utf-8")
    for name, content in files.items():
        path = corpus / name
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)
    return corpus


def lines_for(result: IngestResult, name: str) -> list[str]:
    """Every line the user is told about ``name`` (skipped or warned)."""
    shown = name.encode("utf-8", "backslashreplace").decode("utf-8")
    told = [f"{s.path}: {s.reason}" for s in result.skipped if s.path.startswith(shown)]
    told += [f"{w.path}: {w.message}" for w in result.warnings if w.path == shown]
    return told


@pytest.mark.parametrize(
    "case",
    [
        # the largest inputs take seconds each: make test runs them, make test-fast does not
        pytest.param(case, marks=pytest.mark.slow) if case.name.startswith(_SLOW) else case
        for case in CASES
    ],
    ids=[case.name for case in CASES],
)
def test_a_hostile_file_is_named_and_the_good_file_still_read(case: Case, tmp_path: Path) -> None:
    corpus = build(tmp_path, case.files)
    result = ingest_corpus(corpus)
    assert f"{Path(GOOD_FILE).stem}#1" in {a.article_id for a in result.articles}
    everything = [*result.skipped, *result.warnings]
    assert all(
        "\n" not in f"{getattr(s, 'reason', '')}{getattr(s, 'message', '')}" for s in everything
    )
    read = {source.path: source for source in result.files}
    for name in case.files:
        told = lines_for(result, name)
        kept = read.get(name)
        if case.expect == "clash":
            assert lines_for(result, GOOD_FILE) == [case.says]
        elif case.expect == "ignored":
            assert not told and kept is None
        elif case.expect == "sidecar":
            told = lines_for(result, "metadata.yaml")
            assert len(told) == 1 and case.says in told[0], told
        elif case.expect == "skip":
            assert kept is None and len(told) >= 1, told
            assert case.says in told[0], told
        elif case.expect == "warn":
            assert kept is not None and len(told) == 1 and case.says in told[0], told
        elif case.expect == "lines":
            line, says = case.says.split("|")
            assert kept is not None and told == [f"{name} {line}: {told[0].split(': ', 1)[1]}"]
            assert says in told[0], told
            assert len(kept.articles) == 2
        elif case.expect == "named":
            assert told, f"{name} was neither read cleanly nor named"
        elif case.expect == "named_or_ok":
            assert kept is not None or told
        else:
            assert case.expect == "ok" and not [t for t in told if "skipped" in t]
            if kept is not None:
                assert not told, told
        if case.holds and kept is not None:
            assert case.holds in kept.text


def test_the_suite_has_at_least_200_cases() -> None:
    assert len(CASES) >= 200


def test_a_corpus_of_only_unusable_files_names_them(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"")
    os.mkfifo(corpus / "b.txt")
    with pytest.raises(CorpusError) as raised:
        ingest_corpus(corpus)
    assert str(raised.value) == (
        f"no usable article in {corpus} (b.txt is not a regular file (a FIFO); a.txt is empty)"
    )


def test_symlinks_are_followed_only_when_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD.replace("Almaty", "Osh"))
    corpus = build(tmp_path, {"secret.txt": _link(str(outside)), "loop": _link(".")})
    result = ingest_corpus(corpus)
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("loop", "a symbolic link (pass --follow-symlinks to index its target)"),
        ("secret.txt", "a symbolic link (pass --follow-symlinks to index its target)"),
    ]
    followed = ingest_corpus(corpus, follow_symlinks=True)
    assert [(s.path, s.reason) for s in followed.skipped] == [
        ("loop", "is a link to a folder already read")
    ]
    assert "Osh" in {s.path: s.text for s in followed.files}["secret.txt"]


# --- malformed evaluation sets ----------------------------------------------------------

EVAL_LINE = json.dumps(
    {"id": "q1", "question": "How many women?", "answers": ["12"], "sources": ["good#1"]}
)
BAD_EVAL_LINES = {
    "invalid_json": ("{oops", "not valid JSON"),
    "not_object": ("[1, 2]", "not a JSON object"),
    "missing_question": ('{"id": "x", "answers": ["a"], "sources": []}', "missing field"),
    "question_number": (
        '{"id": "x", "question": 5, "answers": ["a"], "sources": []}',
        "'question' must be a non-empty string",
    ),
    "answers_string": (
        '{"id": "x", "question": "q", "answers": "a", "sources": []}',
        "'answers' must be a list of strings",
    ),
    "huge_number": ('{"id": ' + "9" * 5000 + "}", "a number with too many digits"),
    "deep_nesting": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "nan_id": ('{"id": NaN, "question": "q", "answers": ["a"], "sources": []}', "'id' must be"),
    "surrogate_question": (
        '{"id": "x", "question": "\\ud800?", "answers": ["a"], "sources": []}',
        "unpaired surrogate",
    ),
    "bad_date": (
        '{"id": "x", "question": "q", "answers": ["a"], "sources": [], "date": "2020-02-30"}',
        "is not an ISO 8601 date",
    ),
    "duplicate_id": (EVAL_LINE, "duplicate id 'q1' (first on line 1)"),
}


@pytest.mark.parametrize("name", BAD_EVAL_LINES)
def test_a_malformed_eval_line_is_named_with_its_line(name: str, tmp_path: Path) -> None:
    line, says = BAD_EVAL_LINES[name]
    path = tmp_path / "set.jsonl"
    path.write_text(f"{EVAL_LINE}\n\n{line}\n", encoding="utf-8")
    loaded = load_set(path)
    assert [case.case_id for case in loaded.cases] == ["q1"]
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(f"{path}:3: ") and says in loaded.problems[0]


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("fifo", _fifo, "it is not a regular file (a FIFO)"),
        ("folder", lambda p: p.mkdir(), "it is a directory"),
        ("missing", lambda p: None, "it does not exist"),
        ("not_utf8", lambda p: p.write_bytes(b"ok\xfa"), "not UTF-8 text (byte 2)"),
    ],
)
def test_an_unreadable_eval_set_is_one_error_naming_it(
    name: str, make: Callable[[Path], None], says: str, tmp_path: Path
) -> None:
    path = tmp_path / "set.jsonl"
    make(path)
    with pytest.raises(EvalFormatError) as raised:
        load_set(path)
    assert str(raised.value) == f"cannot read evaluation set {path}: {says}"


# --- end to end: the real qa index and qa ask over every poison file at once ---------------


def test_qa_index_names_every_poison_file_and_still_answers_from_the_good_one(
    corpus_copy: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = build(
        tmp_path / "mixed", {"metadata.yaml": text(f"{GOOD_FILE}:\n  date: 2020-02-30\n")}
    )
    expected_named = 0
    for number, case in enumerate(CASES):
        if case.expect in ("sidecar", "ignored", "clash") or case.name.startswith(_SLOW):
            continue
        folder = corpus / f"case{number:03d}"
        folder.mkdir()
        for name, content in case.files.items():
            content(folder / name) if callable(content) else (folder / name).write_bytes(content)
        expected_named += case.expect in ("skip", "warn", "lines")
    where = ["--corpus", str(corpus), "--index", str(corpus_copy.index_dir)]

    assert main(["index", *where]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if not line.endswith("…")]
    assert all(line.startswith("warning: ") for line in err), [
        line for line in err if not line.startswith("warning: ")
    ]
    named = [line for line in err if line.startswith(("warning: skipped case", "warning: case"))]
    assert len(named) >= expected_named
    assert (
        "warning: skipped metadata.yaml line 1: has an impossible date '2020-02-30'"
        in "\n".join(err)
    )
    assert not [line for line in err if "unexpected" in line or "report this" in line]

    assert main(["ask", "How many women did police in Almaty free?", *where, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert not answer["abstained"]
    assert any("freed 12 women" in c["quote"] for c in answer["citations"])
