"""The facade every front end uses: ``Assistant.open(settings).ask(question)``."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from qa.config import Settings
from qa.errors import ConfigError, IndexIncompatibleError, IndexUnusableError
from qa.index.compatibility import check_compatible
from qa.index.embed import Embedder, import_question_embedder, question_embedder
from qa.ingest.freshness import corpus_drift
from qa.records import Answer, ArticleSummary, CorpusDrift, Passage
from qa.search.retrieve import FusionWeights, Retriever, SearchFilters
from qa.storage.backends import current_generation, open_storage
from qa.storage.contract import Storage
from qa.text import collapse_whitespace

if TYPE_CHECKING:
    from qa.records import Article
    from qa.search.answer import AnswerPolicy
    from qa.search.article_questions import ArticleNames
    from qa.search.conversation import Conversation

_T = TypeVar("_T")


class Assistant:
    """Answers questions from the current index, picking up a rebuilt index between questions.

    Each question is answered from one index generation from start to end,
    so an index rebuilt meanwhile is never mixed with the old one.
    """

    def __init__(
        self,
        settings: Settings,
        snapshot: Storage,
        *,
        embedder: Embedder | None = None,
        weights: FusionWeights | None = None,
        policy: AnswerPolicy | None = None,
    ):
        self.settings = settings
        self._snapshot = snapshot
        self._embedder = embedder
        self._loading: _InBackground[Embedder] | None = None
        self._weights = weights
        self._policy = policy
        self._names: tuple[Storage, ArticleNames] | None = None

    @classmethod
    def open(cls, settings: Settings, **options: object) -> Assistant:
        """Open the index of ``settings`` (its folder or its ``store`` database); raise
        IndexMissingError if none is built."""
        snapshot = open_storage(settings)
        check_compatible(snapshot.manifest, settings)
        return cls(settings, snapshot, **options)  # type: ignore[arg-type]

    @property
    def policy(self) -> AnswerPolicy:
        """How answers are composed: the one given, else the defaults."""
        if self._policy is None:
            from qa.search.answer import AnswerPolicy

            self._policy = AnswerPolicy()
        return self._policy

    @policy.setter
    def policy(self, policy: AnswerPolicy) -> None:
        self._policy = policy

    def load_model_ahead(self) -> None:
        """Start loading the question model on another thread; the first question waits for it.

        ONNX Runtime builds its session (the largest part of a cold start) without holding
        Python's interpreter lock, so a front end that calls this as soon as the index is
        open, then goes on importing what it needs, has both done in about the time of the
        longer. An error loading the model is raised by the question that needs it.
        """
        if self._embedder is None and self._loading is None:
            import_question_embedder(self.settings.index_dir, self._snapshot.manifest)
            self._loading = _InBackground(self._load_embedder)

    @property
    def snapshot(self) -> Storage:
        """The index generation the next question will be answered from."""
        self.refresh()
        return self._snapshot

    def refresh(self) -> bool:
        """Switch to a newer index generation if one was built; True when it switched."""
        latest = current_generation(self.settings)
        if latest is None or latest == self._snapshot.generation:
            return False
        try:
            fresh = open_storage(self.settings)
        except (IndexUnusableError, FileNotFoundError):
            return False  # a half-swapped or damaged index: keep answering from the old one
        try:
            check_compatible(fresh.manifest, self.settings)
        except IndexIncompatibleError:
            fresh.close()
            return False  # rebuilt for other settings: this session's settings still fit the old
        self._snapshot.close()
        self._snapshot = fresh
        return True

    def _query_embedder(self) -> Embedder:
        if self._embedder is None:
            loading, self._loading = self._loading, None
            self._embedder = loading.result() if loading else self._load_embedder()
        return self._embedder

    def _load_embedder(self) -> Embedder:
        return question_embedder(
            self.settings.index_dir, self._snapshot.manifest, self.settings.model
        )

    def ask(
        self,
        question: str,
        *,
        k: int | None = None,
        filters: SearchFilters | None = None,
        followed: Collection[str] = (),
    ) -> Answer:
        """Answer ``question`` with up to ``k`` passages, every claim cited; passages of the
        ``followed`` article ids (a conversation's last cited articles) rank a little higher."""
        # Imported on first use: while a model loaded ahead is still loading, if it is.
        from qa.search.answer import compose_answer
        from qa.search.attribution import holder_search_text

        began = time.perf_counter()
        question = collapse_whitespace(question)
        if not question:
            raise ConfigError("the question is empty")
        if not question.isascii() and any(0xD800 <= ord(ch) <= 0xDFFF for ch in question):
            # Undecodable bytes of a terminal or argv arrive as lone surrogates.
            raise ConfigError("the question is not valid UTF-8 text; type it again")
        snapshot = self.snapshot
        source = None
        if filters is None or not filters.active:
            # "What does Jane Doe's report say about …?" is asked of that report alone.
            source = self._named_article(snapshot, question)
            if source is not None:
                filters = replace(filters or SearchFilters(), article_id=source.article_id)
        embedder = self._query_embedder()
        loaded = time.perf_counter()
        vector = embedder.encode([question])[0]
        embedded = time.perf_counter()
        result = Retriever(snapshot, self._weights).search(
            vector, holder_search_text(question), k or self.settings.k, filters, followed
        )
        searched = time.perf_counter()
        notices = list(filters.notes) if filters is not None else []
        if source is not None:
            notices.append(f"searched only “{source.title}”, the article the question names")
        if filters is not None and filters.by_date and result.excluded_undated:
            notices.append(
                f"{result.excluded_undated} undated article(s) left out by the date filter"
            )
        if filters is not None and filters.active and not result.hits:
            notices.append(f"no article matches the filters ({filters.describe()})")
        timings = {
            "load_model": (loaded - began) * 1000,
            "embed": (embedded - loaded) * 1000,
            "search": (searched - embedded) * 1000,
        }
        drift = corpus_drift(self.settings.corpus_dir, snapshot.manifest.corpus_stamps)
        if drift is not None and drift.stale:
            notices.append(drift.notice())
        answer = compose_answer(
            question,
            result.hits,
            result.sentences,
            snapshot,
            timings,
            self.policy,
            tuple(notices),
            named_article=source,
        )
        if drift is not None and drift.stale:
            answer = mark_stale(answer, drift)
        timings["answer"] = (time.perf_counter() - searched) * 1000
        timings["total"] = (time.perf_counter() - began) * 1000
        return answer

    def _named_article(self, snapshot: Storage, question: str) -> Article | None:
        """The one article the question names as its source (``ArticleNames.named_in``)."""
        from qa.search.article_questions import ArticleNames

        if self._names is None or self._names[0] is not snapshot:
            self._names = (snapshot, ArticleNames.of(snapshot.articles()))
        return self._names[1].named_in(question)

    def newest_published(self) -> date | None:
        """The newest publication date of the indexed articles: relative dates count from it."""
        return max((a.published for a in self.snapshot.articles() if a.published), default=None)

    def conversation(self) -> Conversation:
        """A new conversation: follow-up questions are read in the light of earlier turns."""
        from qa.search.conversation import Conversation

        return Conversation(self)

    def article_summaries(self) -> list[ArticleSummary]:
        """Every indexed article with its number of chunks."""
        snapshot = self.snapshot
        counts = snapshot.chunk_counts()
        return [ArticleSummary(a, counts.get(a.article_id, 0)) for a in snapshot.articles()]

    def context(self, passage: Passage) -> tuple[str, int, int]:
        """The whole article text around a passage and the quote's offsets within it."""
        snapshot = self._snapshot
        raw = snapshot.file_text(passage.path)
        article = snapshot.article(passage.article_id)
        spans = [*article.header, *article.paragraphs]
        start = spans[0].start if spans else passage.start
        end = spans[-1].end if spans else passage.end
        return raw[start:end], passage.start - start, passage.end - start

    def close(self) -> None:
        """Release the index."""
        self._snapshot.close()


class _InBackground(Generic[_T]):
    """A call run on a thread of its own; ``result()`` waits for it, then returns what it
    returned or raises what it raised."""

    def __init__(self, call: Callable[[], _T]):
        self._outcome: tuple[_T | None, BaseException | None] = (None, None)
        self._thread = threading.Thread(target=self._run, args=(call,), name="qa-background")
        self._thread.start()

    def _run(self, call: Callable[[], _T]) -> None:
        try:
            self._outcome = (call(), None)
        except BaseException as error:  # handed to the caller of result()
            self._outcome = (None, error)

    def result(self) -> _T:
        """What the call returned (waiting for it to end), or raise what it raised."""
        self._thread.join()
        value, error = self._outcome
        if error is not None:
            raise error
        return cast(_T, value)


_P = TypeVar("_P", bound=Passage)


def mark_stale(answer: Answer, drift: CorpusDrift) -> Answer:
    """``answer`` with every citation and passage from a file changed since indexing marked."""

    def marked(passage: _P) -> _P:
        return replace(passage, stale=drift.state_of(passage.path))

    return replace(
        answer,
        citations=tuple(marked(c) for c in answer.citations),
        passages=tuple(marked(c) for c in answer.passages),
    )
