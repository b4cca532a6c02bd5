"""Articles written for a test module: indexed once with the real model, and asked questions
whose every citation is checked against the files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from qa.config import Settings
from qa.evaluation.run import CorpusText, citation_problem
from qa.index.indexing import update_index
from qa.ingest.reader import ingest_corpus
from qa.records import Answer, Article
from qa.search.assistant import Assistant


def assistant_over(root: Path, articles: Mapping[str, str]) -> Assistant:
    """An assistant over ``articles`` (file name: text), written and indexed under ``root``."""
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=root / "index")
    update_index(settings)
    return Assistant.open(settings)


def asked(assistant: Assistant, question: str, k: int = 5) -> Answer:
    """The answer to ``question``, after checking that every citation resolves to its span."""
    answer = assistant.ask(question, k=k)
    assert citation_problem(answer, CorpusText(assistant.settings.corpus_dir)) is None
    return answer


def ingested_story(root: Path, text: str, name: str = "story.txt") -> tuple[str, Article]:
    """The decoded text and the first article of one file ``name`` holding ``text``,
    written and ingested (not indexed) under ``root``."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    (parsed,) = ingest_corpus(corpus).files
    return parsed.text, parsed.articles[0]
