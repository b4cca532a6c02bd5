"""Make on-topic unanswerable questions by construction: swap one constraint of an
answerable question for a value of the same kind its answer's article never names.

    python eval/make_constraint_swaps.py eval/corpus.jsonl corpus eval/constraint_swaps.jsonl
    python eval/make_constraint_swaps.py eval/squad/questions.jsonl eval/squad/corpus \\
        eval/squad/constraint_swaps.jsonl

For each answerable question of a set (in order, seeded, so the output is the same on
every run), the first constraint found of these kinds is swapped:

- a **year** (``2017``) for another year: one of the corpus's own years when one fits,
  else a year 1–9 years away;
- a **country** (from the world list in ``qa.search.lexicon.COUNTRIES``) for
  another country, preferring countries other articles of the corpus name (the hard
  case: "neighbouring Tajikistan" stands somewhere in the corpus);
- a **place, person or organisation** name (``qa.search.name_kinds``) for a name of the
  same kind taken from another article of the corpus.

The new value must not occur anywhere in the question's answer article(s), and no
article of the corpus may hold both the new value and one of the question's answers
(else the swapped question could have an answer after all). Questions with no such
constraint, or no value that passes, are left out. Each line keeps the source
question's half: ``tune`` or ``test`` when the source set is tagged, else the source's
position (even: tune), as eval/calibrate_abstention.py splits untagged sets. The line
records what was swapped (``swapped``: kind, from, to) and its source question's id.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qa.search.lexicon import COUNTRIES
from qa.search.name_kinds import Vocabulary, entity_spans

_YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-4]\d)\b")
_KINDS = ("place", "person", "organisation")
_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_TITLES = "Mr|Ms|Mrs|Dr|President|Minister|Prime Minister|General|Professor|Senator|Governor"
_SAYING = "said|says|told|added|explained|wrote|argued|noted|claimed|stated"


def corpus_texts(corpus: Path) -> dict[str, str]:
    """Each corpus file's text, by its path relative to the corpus folder."""
    return {
        path.relative_to(corpus).as_posix(): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(corpus.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def kind_of(name: str, kind: str, everything: str) -> str | None:
    """The kind of a name ``name_kinds`` calls ``kind``, when the corpus bears it out:
    a place as it is; an organisation of capitalised words (and "of", "for", "and"); a
    person of two or three capitalised words whose surname the corpus uses with a title
    or a verb of saying ("Mr Atambayev", "Atambayev said"). Else None: not swapped."""
    words = name.split()
    if kind == "place":
        return kind
    organisation = all(_WORD.fullmatch(w) or w in ("of", "for", "and") for w in words)
    if kind == "organisation" and len(words) >= 2 and words[0] != "The" and organisation:
        return kind
    if kind == "person" and 2 <= len(words) <= 3 and all(_WORD.fullmatch(w) for w in words):
        last = re.escape(words[-1])
        if re.search(rf"\b(?:{_TITLES})\.? {last}\b|\b{last},? (?:{_SAYING})\b", everything):
            return kind
    return None


def names_by_kind(texts: dict[str, str]) -> dict[str, dict[str, set[str]]]:
    """kind → name → the files naming it, for the names of every corpus file whose kind
    ``kind_of`` tells."""
    everything = "\n".join(texts.values())
    found: dict[str, dict[str, set[str]]] = {kind: {} for kind in _KINDS}
    for path, text in texts.items():
        for start, end, guess in entity_spans(text, Vocabulary()):
            name = " ".join(text[start:end].split())
            kind = kind_of(name, guess, everything)
            if kind is not None:
                found[kind].setdefault(name, set()).add(path)
    return found


def _absent(value: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.I) is None


def swap(
    question: str,
    answers: list[str],
    sources: list[str],
    texts: dict[str, str],
    names: dict[str, dict[str, set[str]]],
    years: list[str],
    rng: random.Random,
) -> tuple[str, str, str, str] | None:
    """(new question, kind, old value, new value), or None when no constraint can be swapped."""
    own = "\n".join(texts.get(s, "") for s in sources)
    if not own:
        return None

    def fits(value: str) -> bool:
        if not _absent(value, own) or not _absent(value, question):
            return False
        return not any(
            not _absent(value, text) and any(a and a.lower() in text.lower() for a in answers)
            for text in texts.values()
        )

    candidates: list[tuple[int, int, str]] = [
        (m.start(), m.end(), "year") for m in _YEAR.finditer(question)
    ]
    for start, end, guess in entity_spans(question, Vocabulary()):
        name = question[start:end]
        kind = "country" if name.lower() in COUNTRIES else kind_of(name, guess, own)
        if kind is not None:
            candidates.append((start, end, kind))
    rng.shuffle(candidates)
    for start, end, kind in candidates:
        old = question[start:end]
        if kind == "year":
            new = _other_year(old, years, fits, rng)
        elif kind == "country":
            named = [c for c in names["place"] if c.lower() in COUNTRIES and c != old]
            others = sorted(c.title() for c in COUNTRIES if c.title() not in named)
            rng.shuffle(named)
            rng.shuffle(others)
            new = next((c for c in [*named, *others] if fits(c)), None)
        else:
            pool = sorted(
                n for n, files in names[kind].items() if n != old and not files & set(sources)
            )
            rng.shuffle(pool)
            new = next((n for n in pool if fits(n)), None)
        if new is not None:
            return question[:start] + new + question[end:], kind, old, new
    return None


def _other_year(
    old: str, years: list[str], fits: Callable[[str], bool], rng: random.Random
) -> str | None:
    """A year near ``old`` that fits: one the corpus names, else one 1–9 years away."""
    nearby = [y for y in years if y != old and abs(int(y) - int(old)) <= 15]
    rng.shuffle(nearby)
    offsets = [d for d in range(-9, 10) if d]
    rng.shuffle(offsets)
    return next((y for y in [*nearby, *(str(int(old) + d) for d in offsets)] if fits(y)), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("set", type=Path, help="a question set with answerable questions")
    parser.add_argument("corpus", type=Path, help="the corpus folder its sources are in")
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()

    texts = corpus_texts(args.corpus)
    names = names_by_kind(texts)
    years = sorted({y for text in texts.values() for y in _YEAR.findall(text)})
    rng = random.Random(args.seed)
    lines = [json.loads(line) for line in args.set.read_text().splitlines() if line.strip()]
    tagged = any("tune" in item.get("tags", ()) or "test" in item.get("tags", ()) for item in lines)
    out: list[dict[str, Any]] = []
    for position, item in enumerate(lines):
        if item.get("unanswerable") or not item.get("sources"):
            continue
        half = (
            ("tune" if "tune" in item.get("tags", ()) else "test")
            if tagged
            else ("tune" if position % 2 == 0 else "test")
        )
        swapped = swap(item["question"], item["answers"], item["sources"], texts, names, years, rng)
        if swapped is None:
            continue
        question, kind, old, new = swapped
        out.append(
            {
                "id": f"swap-{item['id']}",
                "question": question,
                "answers": [],
                "sources": [],
                "unanswerable": True,
                "tags": ["constraint-swap", kind, half],
                "swapped": {"kind": kind, "from": old, "to": new, "source": item["id"]},
            }
        )
    args.output.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out))
    counts = {h: sum(h in o["tags"] for o in out) for h in ("tune", "test")}
    kinds = {
        k: sum(o["swapped"]["kind"] == k for o in out)
        for k in sorted({o["swapped"]["kind"] for o in out})
    }
    print(f"{len(out)} swapped questions from {len(lines)} ({counts}; {kinds})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
