"""Asking question sets and judging the answers: where a set runs, and what each answer earns.

Every case is answered exactly as ``qa ask --json`` answers it
(``Assistant.open(settings).ask(question, k=k)``), so every figure of the report
(:mod:`qa.evaluation.metrics`) can be recounted from ``qa ask -k K --json`` on the
same questions.

Which corpus a set is asked against (:func:`resolve_target`):

1. a ``corpus/`` folder next to the JSONL file (``bench/squad/questions.jsonl`` →
   ``bench/squad/corpus/``); its index is built on demand and cached in
   ``<cache root>/<set folder>-<hash of the corpus path>/`` (the caller names
   the cache root; ``qa eval`` uses ``eval/cache`` under the current directory)
   and brought up to date (incrementally) before each run;
2. else ``--corpus DIR`` without ``--index``: the same cached index, for DIR;
3. else the corpus and index of the settings (``./corpus`` and ``./index``,
   ``$QA_CORPUS``/``$QA_INDEX``, ``--corpus``/``--index``), used as they are.

In cases 1 and 2 the settings' index is used instead of a cached one when it already
holds that corpus as it is now, built with the same settings. Cached indexes share
their vectors (``<cache root>/embeddings``, see :mod:`qa.index.embed_cache`): a text embedded
for one is never embedded again for another.

A passage contains an answer when the answer string occurs in its quote after
lower-casing and collapsing whitespace; a citation is valid when its quote is
exactly ``qa.text.quote_text`` of its file at ``[start:end]`` (whitespace
collapsed within lines, line breaks kept).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from qa.config import Settings
from qa.errors import CorpusError
from qa.evaluation.metrics import build_report
from qa.evaluation.records import EvalReport, Outcome, SetRun
from qa.evaluation.sets import EvalSet
from qa.patterns import LazyPattern
from qa.records import Answer, Citation, EvalCase, IndexReport
from qa.text import counted, normalise, quote_text

if TYPE_CHECKING:
    from qa.index.indexing import ProgressSink
    from qa.search.assistant import Assistant
    from qa.search.conversation import Conversation

_MARKER = LazyPattern(r"\[(\d+)\]")


def contains_answer(text: str, answers: Iterable[str]) -> bool:
    """Whether ``text`` contains one of ``answers`` after :func:`normalise`."""
    haystack = normalise(text)
    return any((needle := normalise(a)) and needle in haystack for a in answers)


# ---------------------------------------------------------------- where a set runs


@dataclass(frozen=True, slots=True)
class EvalTarget:
    """The settings a set is answered with; ``build`` when its index is ours to update;
    ``origin`` says where the index comes from, as ``qa eval`` reports it."""

    settings: Settings
    build: bool
    origin: str = "used as it is"


def sibling_corpus(set_path: Path) -> Path | None:
    """The ``corpus/`` folder next to a set file, if there is one."""
    candidate = set_path.parent / "corpus"
    return candidate if candidate.is_dir() else None


def cache_dir(set_path: Path, corpus_dir: Path, root: Path) -> Path:
    """Where the index of a set's own corpus is cached: ``<root>/<set folder>-<hash>``."""
    digest = hashlib.sha256(str(corpus_dir.resolve()).encode()).hexdigest()[:10]
    label = set_path.resolve().parent.name or "set"
    return root / f"{label}-{digest}"


def resolve_target(
    set_path: Path,
    base: Settings,
    *,
    corpus: Path | None = None,
    index: Path | None = None,
    cache_root: Path,
) -> EvalTarget:
    """Which corpus and index ``set_path`` is asked against (see the module docstring).

    ``corpus`` and ``index`` are the folders the user named explicitly, if any;
    ``cache_root`` holds the indexes built for sets and, in ``embeddings/``, the vectors
    they share. A set's corpus that the settings' index (``./index`` unless named) already
    holds as it is now, built with the same settings, is answered from that index.
    """
    own = sibling_corpus(set_path)
    corpus_dir = own if own is not None else (corpus if index is None else None)
    if corpus_dir is None:
        return EvalTarget(base, False)
    from qa.index.indexing import index_is_current

    existing = replace(base, corpus_dir=corpus_dir)
    if index_is_current(existing):
        return EvalTarget(existing, False, "already up to date for this corpus")
    cached = replace(
        existing,
        index_dir=cache_dir(set_path, corpus_dir, cache_root),
        embedding_cache=base.embedding_cache or cache_root / "embeddings",
    )
    return EvalTarget(
        cached, True, f"built for this set; shared vectors in {cached.embedding_cache}"
    )


# ---------------------------------------------------------------- running and judging


class CorpusText:
    """The text view citations point into, read once per file from a corpus folder."""

    def __init__(self, corpus_dir: Path):
        self._corpus_dir = corpus_dir
        self._texts: dict[str, str | None] = {}

    def text(self, relative: str) -> str | None:
        """The decoded text of a corpus file, None when it cannot be read."""
        if relative not in self._texts:
            from qa.ingest.reader import UnusableFileError, read_corpus_file

            try:
                self._texts[relative] = read_corpus_file(self._corpus_dir / relative, relative).text
            except UnusableFileError:
                self._texts[relative] = None
        return self._texts[relative]


def citation_problem(answer: Answer, corpus: CorpusText) -> str | None:
    """Why the answer's citations are not valid, or None when they are."""
    listed = {c.marker for c in answer.citations}
    for marker in _MARKER.findall(answer.text):
        if int(marker) not in listed:
            return f"marker [{marker}] has no citation"
    for citation in (*answer.citations, *answer.passages):
        text = corpus.text(citation.path)
        if text is None:
            return f"[{citation.marker}] cites {citation.path}, which cannot be read"
        if quote_text(text[citation.start : citation.end]) != citation.quote:
            return (
                f"[{citation.marker}] quote differs from {citation.path}"
                f"[{citation.start}:{citation.end}]"
            )
    return None


def judge(case: EvalCase, answer: Answer, latency_ms: float, corpus: CorpusText) -> Outcome:
    """Score one answer against its case."""
    answer_rank = next(
        (i for i, p in enumerate(answer.passages, 1) if contains_answer(p.quote, case.answers)),
        None,
    )
    expected_file_rank = next(
        (i for i, p in enumerate(answer.passages, 1) if p.path in case.expected_files), None
    )
    reply_hit = (
        not case.unanswerable
        and not answer.abstained
        and contains_answer(answer.text, case.answers)
    )
    date_ok: bool | None = None
    if case.date is not None:
        shown = _first_cited(answer.citations, case.expected_files)
        date_ok = (
            shown is not None
            and shown.published is not None
            and shown.published == date.fromisoformat(case.date)
        )
    return Outcome(
        case,
        answer,
        latency_ms,
        answer_rank,
        expected_file_rank,
        reply_hit,
        citation_problem(answer, corpus),
        date_ok,
    )


def _first_cited(citations: Sequence[Citation], expected_files: Sequence[str]) -> Citation | None:
    if not expected_files:
        return citations[0] if citations else None
    return next((c for c in citations if c.path in expected_files), None)


def run_set(
    eval_set: EvalSet,
    assistant: Assistant,
    *,
    k: int,
    progress: ProgressSink | None = None,
) -> SetRun:
    """Ask every case of ``eval_set`` with ``k`` passages and judge the answers."""
    corpus = CorpusText(assistant.settings.corpus_dir)
    if eval_set.cases:
        assistant.ask(eval_set.cases[0].question, k=k)  # warm-up: load the model untimed
    if progress is not None:
        progress.start(f"evaluating {eval_set.name}", len(eval_set.cases))
    outcomes = []
    conversation: Conversation | None = None
    try:
        for case in eval_set.cases:
            began = time.perf_counter()
            if case.dialogue is None:
                answer = assistant.ask(case.question, k=k)
            else:
                if case.case_id.endswith("#1") or conversation is None:
                    conversation = assistant.conversation()
                answer = conversation.ask(case.question, k=k)
            latency_ms = (time.perf_counter() - began) * 1000
            outcomes.append(judge(case, answer, latency_ms, corpus))
            if progress is not None:
                progress.advance(1)
    finally:
        if progress is not None:
            progress.finish()
    return SetRun(eval_set, assistant.settings, tuple(outcomes))


def evaluate_sets(
    sets: Sequence[EvalSet],
    settings: Settings,
    *,
    cache_root: Path,
    corpus: Path | None = None,
    index: Path | None = None,
    progress: Callable[[], ProgressSink] | None = None,
    announce: Callable[[str], None] | None = None,
) -> EvalReport:
    """Ask every set against its corpus (indexed on demand, see ``resolve_target``) with
    ``settings.k`` passages and report the metrics. Indexes built for sets live under
    ``cache_root``. ``announce`` hears which corpus and
    index a set uses when they are built for it; ``progress`` makes a progress sink."""
    from qa.search.assistant import Assistant

    runs = []
    for eval_set in sets:
        target = resolve_target(
            eval_set.path, settings, corpus=corpus, index=index, cache_root=cache_root
        )
        check_sources_present(eval_set, target.settings.corpus_dir)
        if announce is not None:
            announce(
                f"{eval_set.name}: corpus {target.settings.corpus_dir}, "
                f"index {target.settings.index_dir} ({target.origin})"
            )
        built = prepare_index(target, progress() if progress else None)
        if built is not None and announce is not None:
            announce(
                f"{eval_set.name}: {counted(built.embedded, 'text')} embedded, "
                f"{built.cached} taken from the shared vectors"
                + ("" if built.wrote else "; the index was up to date")
            )
        assistant = Assistant.open(target.settings)
        try:
            sink = progress() if progress else None
            runs.append(run_set(eval_set, assistant, k=settings.k, progress=sink))
            alone = eval_set.asked_alone()
            if alone.cases:
                sink = progress() if progress else None
                runs.append(run_set(alone, assistant, k=settings.k, progress=sink))
        finally:
            assistant.close()
    return build_report(runs, settings.k)


def check_sources_present(eval_set: EvalSet, corpus_dir: Path) -> None:
    """Raise CorpusError when the set names source files and none of them is in
    ``corpus_dir``: its questions are about another corpus, and every figure would be
    measured against the wrong articles."""
    sources = {f for case in eval_set.cases for f in case.expected_files}
    if sources and not any((corpus_dir / f).is_file() for f in sources):
        example = min(sources)
        raise CorpusError(
            f"{eval_set.name}: none of the {counted(len(sources), 'file')} its questions cite "
            f"(e.g. {example}) is in the corpus {corpus_dir}; put its articles in a corpus/ "
            "folder beside the set, or name their folder with --corpus"
        )


def prepare_index(target: EvalTarget, progress: ProgressSink | None = None) -> IndexReport | None:
    """Build or update a cached index when the target owns one (None when it does not)."""
    if not target.build:
        return None
    from qa.index.indexing import update_index

    return update_index(target.settings, progress=progress)
