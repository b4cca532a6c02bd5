"""Write the BBC articles that ``eval/bbc/questions.jsonl`` asks about into ``eval/bbc/corpus/``.

Development checkout only: it reads ``../shared/bench/bbc/bbc-news.jsonl`` (928 BBC news
articles, sport and politics, for research use), which is not shipped, and so neither is the
corpus it writes (``eval/bbc/corpus/`` is git-ignored)::

    .venv/bin/python eval/bbc/make_corpus.py           # also checks questions.jsonl against it
    .venv/bin/qa eval eval/bbc/questions.jsonl --tag tune

The articles are a fixed, hand-chosen list (``ARTICLES``): each one was read in full and
chosen for what trips an answer box (figures for several countries, teams or years in one
article, quotations whose speaker is named in another sentence, several people, dates),
half sport, half politics.

The data set's text is lower-cased, its quotation marks and apostrophes are blanks, and the
headline runs into the first sentence. Each article is written as a ``.txt`` file the way
``qa`` reads one best: the headline on the first line (``ARTICLES`` gives it, as it
stands at the start of the text), a blank line, then the body, one paragraph per line
(the data set marks a paragraph's end by a full stop followed by two or more blanks). No
word is changed, added or removed; only where the text breaks into lines.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = PROJECT.parent / "shared" / "bench" / "bbc" / "bbc-news.jsonl"
DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"
QUESTIONS = Path(__file__).resolve().parent / "questions.jsonl"

#: The chosen articles: data-set id → headline, exactly as the text starts.
ARTICLES: dict[str, str] = {
    "bbc-0456": "moya clinches cup for spain",
    "bbc-0337": "desailly backs blues revenge trip",
    "bbc-0513": "poll explains free-kick decision",
    "bbc-0603": "legendary dutch boss michels dies",
    "bbc-0211": "giggs handed wales leading role",
    "bbc-0897": "celts savour grand slam prospect",
    "bbc-0128": "brown targets oaps and homebuyers",
    "bbc-0048": "hague s six-figure earnings shown",
    "bbc-0509": "blair  damaged  by blunkett row",
    "bbc-0032": "parties build up poll war chests",
    "bbc-0549": "ex-pm lord callaghan dies aged 92",
    "bbc-0631": "uk rebate  unjustified  - chirac",
    "bbc-0909": "goldsmith denies war advice claim",
    "bbc-0862": "student  inequality  exposed",
    "bbc-0873": "howard unveils tory asylum plans",
    "bbc-0257": "teenagers to be allowed to be mps",
    "bbc-0265": "voters  don t trust politicians",
    "bbc-0607": "tories  would cut number of mps",
    "bbc-0790": "moya suffers shock loss",
    "bbc-0146": "white admits to balco drugs link",
    "bbc-0877": "collins named uk athletics chief",
    "bbc-0488": "tv calls after carroll error",
    "bbc-0093": "aragones angered by racism fine",
    "bbc-0385": "wilkinson to lead england",
    "bbc-0172": "o gara revels in ireland victory",
    "bbc-0825": "kuznetsova  failed a drugs test",
    "bbc-0913": "henman decides to quit davis cup",
    "bbc-0803": "labour plans maternity pay rise",
    "bbc-0890": "women mps reveal sexist taunts",
    "bbc-0321": "guantanamo man  suing government",
}

#: A paragraph ends where a sentence's full stop (or ? or !) is followed by two or more blanks.
PARAGRAPH_END = re.compile(r"(?<=[.?!])\s{2,}")


def article_file(article_id: str, headline: str, text: str) -> str:
    """The ``.txt`` form of one article: its headline, a blank line, one paragraph a line."""
    if not text.startswith(headline + " "):
        raise ValueError(f"{article_id}: the text does not start with the headline {headline!r}")
    body = text[len(headline) :].strip()
    paragraphs = [part.strip() for part in PARAGRAPH_END.split(body)]
    return headline + "\n\n" + "\n\n".join(part for part in paragraphs if part) + "\n"


def normalise(text: str) -> str:
    """Lower-cased with whitespace collapsed: how ``qa eval`` matches answers."""
    return " ".join(text.lower().split())


def set_problems(questions: Path, corpus: Path) -> list[str]:
    """What is wrong with the question set against the written corpus: an answer (or a
    part of a multi-part answer) that its source does not hold, a source that is not
    there, or an article whose questions are not all in one half (tune/test)."""
    problems = []
    halves: dict[str, set[str]] = {}
    for number, line in enumerate(questions.read_text(encoding="utf-8").splitlines(), 1):
        case = json.loads(line)
        where = f"{questions.name}:{number} {case['id']}"
        half = {"tune", "test"} & set(case.get("tags", []))
        if len(half) != 1:
            problems.append(f"{where}: tagged neither or both of tune and test")
        for source in case["sources"]:
            halves.setdefault(source, set()).update(half)
            path = corpus / source
            if not path.is_file():
                problems.append(f"{where}: no source {source}")
                continue
            text = normalise(path.read_text(encoding="utf-8"))
            parts = [case["answers"], *case.get("parts", [])]
            missing = [a for part in parts for a in part if normalise(a) not in text]
            problems += [f"{where}: {source} does not hold {a!r}" for a in missing]
    split = [source for source, found in halves.items() if len(found) > 1]
    problems += [f"{source}: questions in both halves" for source in split]
    return problems


def main(argv: list[str] | None = None) -> int:
    """Write the chosen articles and check the question set against them; exit 1 when the
    data set is missing or lacks one of them, or the set has a problem (``set_problems``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="bbc-news.jsonl")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder to write")
    options = parser.parse_args(argv)
    if not options.source.is_file():
        print(
            f"{options.source}: not found (the BBC set needs the development checkout)",
            file=sys.stderr,
        )
        return 1
    texts: dict[str, str] = {}
    for line in options.source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    missing = [article_id for article_id in ARTICLES if article_id not in texts]
    if missing:
        print(f"{options.source}: no article {', '.join(missing)}", file=sys.stderr)
        return 1
    options.corpus.mkdir(parents=True, exist_ok=True)
    for stale in options.corpus.glob("bbc-*.txt"):
        if stale.stem not in ARTICLES:
            stale.unlink()
    for article_id, headline in ARTICLES.items():
        content = article_file(article_id, headline, texts[article_id])
        path = options.corpus / f"{article_id}.txt"
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    print(f"{options.corpus}: {len(ARTICLES)} articles")
    problems = set_problems(QUESTIONS, options.corpus)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
