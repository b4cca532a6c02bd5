"""Build or update the index from the corpus, embedding only text not seen before.

Every run re-reads and re-chunks the whole corpus (cheap), compares article
content hashes with the current index, reuses the stored vector of every
window and sentence whose text is unchanged (with ``pooled_windows``, of every
sentence: each window's vector is then pooled from its sentences', see
qa.index.pooling), embeds the rest, and writes a new generation that replaces the
old one atomically.

Vectors are saved in batches while they are embedded (see ``embed_cache``),
so a run that is killed half way leaves the index as it was and the next
run embeds only what the killed one had not finished.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

import numpy as np

from qa.config import Settings
from qa.errors import IndexIncompatibleError
from qa.files import copy_atomically
from qa.index.chunking import chunk_article
from qa.index.compatibility import vectors_reusable
from qa.index.embed import (
    EmbedderFactory,
    ModelSpec,
    load_tokenizer,
    model_max_tokens,
    passage_embedders,
    resolve_model,
)
from qa.index.embed_cache import EmbeddingCache, clear_caches, text_key
from qa.index.late_chunking import embed_late, token_encoder, vectors_by_place
from qa.index.pooling import pooled_window_vectors
from qa.ingest.adding import remove_partial_copies
from qa.ingest.freshness import stamp_corpus
from qa.ingest.reader import IngestResult, ingest_corpus
from qa.records import Article, Chunk, IndexReport
from qa.storage import backends
from qa.storage.contract import GenerationData, Manifest, Storage, vectors_by_text
from qa.storage.store import SCHEMA_VERSION, corpus_record
from qa.text import counted


class ProgressSink(Protocol):
    """Receives progress of long steps (the CLI shows a progress bar or a spinner)."""

    def status(self, description: str) -> None:
        """A step of unknown length begins; it lasts until the next ``status``, ``start``
        or ``finish``."""

    def start(self, description: str, total: int) -> None:
        """A step of ``total`` units begins."""

    def advance(self, amount: int) -> None:
        """``amount`` more units are done."""

    def finish(self) -> None:
        """The step is over."""


#: Texts embedded between two saves of the embedding cache: the most a killed run loses.
SAVE_EVERY = 64


def article_fingerprint(article: Article, raw: str) -> str:
    """A hash of everything indexed about an article: its metadata and its kept text."""
    digest = hashlib.sha256()
    metadata = [article.title, article.outlet, article.author, str(article.published)]
    digest.update(json.dumps(metadata).encode())
    for span in (*article.header, *article.paragraphs):
        digest.update(b"\x00" + raw[span.start : span.end].encode())
    return digest.hexdigest()


def update_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    wait: bool = True,
    progress: ProgressSink | None = None,
    embedder_factory: EmbedderFactory | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IndexReport:
    """Bring the index in ``settings.index_dir`` up to date with the corpus.

    Another process updating the same index is waited for (``on_wait`` is
    told so), or with ``wait=False`` raises IndexBusyError. The corpus is
    read once the lock is held, so the index matches the corpus as it is then.
    """
    began = time.perf_counter()
    model = resolve_model(settings.model)
    with backends.write_lock(settings, wait=wait, on_wait=on_wait):
        remove_partial_copies(settings.corpus_dir)  # what a killed `qa add` left half copied
        if progress:
            progress.status(f"Reading the articles in {settings.corpus_dir}")
        stamps = stamp_corpus(settings.corpus_dir)  # before reading: a later edit shows as one
        # Read the corpus first: a mistyped folder is reported before any model export.
        corpus = ingest_corpus(settings.corpus_dir, follow_symlinks=settings.follow_symlinks)
        if embedder_factory is None or settings.late_chunking:
            _share_export(settings, model, into_index=True)
            # Sentences alone run from 5 to 100 tokens: one per run pads none (padding them
            # in batches took twice the CPU; the runs go side by side on every core), and an
            # int8 vector then depends on its own text only, as activations are quantised
            # over each run's input.
            made = passage_embedders(
                settings.index_dir,
                model,
                settings.precision,
                progress,
                batch_size=1 if settings.pooled_windows else 32,
            )
            embedder_factory = embedder_factory or made
            _share_export(settings, model, into_index=False)
        if rebuild:
            clear_caches(settings.index_dir)
        previous = None if rebuild else _open_reusable(settings, model)
        try:
            return _update(
                settings, corpus, stamps, model, previous, began, progress, embedder_factory
            )
        finally:
            if previous is not None:
                previous.close()


def _share_export(settings: Settings, model: ModelSpec, *, into_index: bool) -> None:
    """Indexes that share an embedding cache share the model's export too (kept beside the
    vectors, hard-linked where possible), so a new one is not exported again: a
    second ``qa eval`` cache of a corpus costs neither embedding nor export."""
    if settings.embedding_cache is None:
        return
    from qa.index.onnx_embed import index_export_folder

    mine = index_export_folder(settings.index_dir, model.weights_sha256)
    shared = index_export_folder(settings.embedding_cache, model.weights_sha256)
    source, target = (shared, mine) if into_index else (mine, shared)
    if not source.is_dir():
        return
    for path in source.iterdir():  # export files are whole once named, and never change
        if path.is_file() and not path.name.startswith(".") and not (target / path.name).exists():
            copy_atomically(path, target / path.name, link=True)


def _open_reusable(settings: Settings, model: ModelSpec) -> Storage | None:
    """The current generation if its vectors can be reused (``qa.index.compatibility``), else
    None (full rebuild)."""
    if backends.current_generation(settings) is None:
        return None
    try:
        snapshot = backends.open_storage(settings)
    except IndexIncompatibleError:
        return None
    if not vectors_reusable(snapshot.manifest, settings, model):
        snapshot.close()
        return None
    return snapshot


def index_is_current(settings: Settings) -> bool:
    """Whether the index in ``settings.index_dir`` holds the corpus in
    ``settings.corpus_dir`` as it is now, built with these settings (model, weights,
    precision, chunking): updating it would embed and write nothing."""
    if backends.current_generation(settings) is None:
        return False
    previous = _open_reusable(settings, resolve_model(settings.model))
    if previous is None:
        return False
    try:
        corpus = ingest_corpus(settings.corpus_dir, follow_symlinks=settings.follow_symlinks)
        texts = {source.path: source.text for source in corpus.files}
        fingerprints = {
            a.article_id: article_fingerprint(a, texts[a.path]) for a in corpus.articles
        }
        return _is_current(previous, corpus, settings, fingerprints)
    finally:
        previous.close()


def _is_current(
    previous: Storage,
    corpus: IngestResult,
    settings: Settings,
    fingerprints: dict[str, str],
) -> bool:
    return (
        previous.manifest.articles == fingerprints
        and previous.manifest.files == {s.path: s.sha256 for s in corpus.files}
        and previous.manifest.skipped == {s.path: s.reason for s in corpus.skipped}
        and previous.manifest.chunking == settings.chunking_signature()
        and bool(previous.manifest.corpus_stamps)  # an index from before stamps gets them once
        and previous.manifest.corpus == _recorded_corpus(settings)  # and its corpus folder
    )


def _recorded_corpus(settings: Settings) -> str:
    """The corpus folder as the manifest records it (``corpus_record``); "" for a database."""
    return (
        "" if settings.store is not None else corpus_record(settings.corpus_dir, settings.index_dir)
    )


def _update(
    settings: Settings,
    corpus: IngestResult,
    stamps: dict[str, list[Any]],
    model: ModelSpec,
    previous: Storage | None,
    began: float,
    progress: ProgressSink | None,
    embedder_factory: EmbedderFactory,
) -> IndexReport:
    texts = {corpus_file.path: corpus_file for corpus_file in corpus.files}
    articles = corpus.articles
    fingerprints = {a.article_id: article_fingerprint(a, texts[a.path].text) for a in articles}
    old_fingerprints = dict(previous.manifest.articles) if previous else {}
    added = sum(1 for a in fingerprints if a not in old_fingerprints)
    updated = sum(
        1 for a, h in fingerprints.items() if a in old_fingerprints and old_fingerprints[a] != h
    )
    removed = sum(1 for a in old_fingerprints if a not in fingerprints)
    unchanged = len(fingerprints) - added - updated
    skipped = corpus.skipped
    files = {s.path: s.sha256 for s in corpus.files}

    if previous is not None and _is_current(previous, corpus, settings, fingerprints):
        clear_caches(settings.index_dir)
        if progress:
            progress.finish()
        return IndexReport(
            files=len(files),
            articles=len(articles),
            chunks=previous.chunk_count,
            added=0,
            updated=0,
            removed=0,
            unchanged=unchanged,
            embedded=0,
            skipped=skipped,
            seconds=time.perf_counter() - began,
            wrote=False,
            warnings=corpus.warnings,
        )

    tokenizer = load_tokenizer(model)
    max_tokens = min(settings.max_tokens, model_max_tokens(model))

    @functools.cache  # chunking counts each sentence, and pooling weighs it by its count
    def count_tokens(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    chunks: list[Chunk] = []
    if progress:
        progress.start(
            f"Splitting {counted(len(articles), 'article')} into passages", len(articles)
        )
    for article in articles:
        if progress:
            progress.advance(1)
        chunks.extend(
            chunk_article(
                texts[article.path].text,
                article,
                count_tokens,
                window_words=settings.window_words,
                window_stride=settings.window_stride,
                max_tokens=max_tokens,
            )
        )
    cache_home = settings.embedding_cache or settings.index_dir
    if settings.late_chunking:
        raws = {a.article_id: texts[a.path].text for a in articles}
        unchanged_ids = {a for a, h in fingerprints.items() if old_fingerprints.get(a) == h}
        cache = EmbeddingCache.for_model(
            cache_home, model, settings.precision, json.dumps(settings.chunking_signature())
        )
        window_vectors, sentence_vectors, missing, embedded = embed_late(
            chunks,
            raws,
            known=vectors_by_place(previous, unchanged_ids) if previous else {},
            cache=cache,
            encoder=lambda: token_encoder(settings.index_dir, model, settings.precision),
            budget=max_tokens - 2,
            progress=progress,
        )
        dimension = window_vectors.shape[1] if chunks else 0
    else:
        known_windows, known_sentences = vectors_by_text(previous) if previous else ({}, {})
        texts_missing = sorted(
            (
                set()
                if settings.pooled_windows
                else {c.text for c in chunks if c.text not in known_windows}
            )
            | {c.sentence for c in chunks if c.sentence not in known_sentences}
        )
        missing = len(texts_missing)
        cache = EmbeddingCache.for_model(cache_home, model, settings.precision)
        new_vectors, embedded, dimension = _embed_missing(
            texts_missing, model, cache, progress, embedder_factory
        )

        def lookup(text: str, known: dict[str, np.ndarray]) -> np.ndarray:
            found = new_vectors.get(text)
            return found if found is not None else known[text]

        sentence_vectors = _stack([lookup(c.sentence, known_sentences) for c in chunks], dimension)
        if settings.pooled_windows:
            window_vectors = pooled_window_vectors(
                chunks, sentence_vectors, [count_tokens(c.sentence) for c in chunks]
            )
        else:
            window_vectors = _stack([lookup(c.text, known_windows) for c in chunks], dimension)
    if not dimension:
        dimension = previous.manifest.dimension if previous else 0
    manifest = Manifest(
        schema_version=SCHEMA_VERSION,
        model=model.name,
        weights_sha256=model.weights_sha256,
        dimension=dimension,
        chunking=settings.chunking_signature(),
        files=files,
        skipped={s.path: s.reason for s in skipped},
        articles=fingerprints,
        article_count=len(articles),
        chunk_count=len(chunks),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        precision=settings.precision,
        corpus_stamps=stamps,
        corpus=_recorded_corpus(settings),
    )
    data = GenerationData(
        texts={s.path: (s.sha256, s.text) for s in corpus.files},
        articles=articles,
        chunks=chunks,
        window_vectors=window_vectors,
        sentence_vectors=sentence_vectors,
    )
    if progress:
        progress.status(f"Writing the index ({counted(len(chunks), 'passage')})")
    backends.write(settings, data, manifest)
    if progress:
        progress.finish()
    clear_caches(settings.index_dir)
    return IndexReport(
        files=len(files),
        articles=len(articles),
        chunks=len(chunks),
        added=added,
        updated=updated,
        removed=removed,
        unchanged=unchanged,
        embedded=embedded,
        skipped=skipped,
        seconds=time.perf_counter() - began,
        wrote=True,
        resumed=0 if settings.embedding_cache else missing - embedded,
        cached=missing - embedded if settings.embedding_cache else 0,
        warnings=corpus.warnings,
    )


def _embed_missing(
    texts: Sequence[str],
    model: ModelSpec,
    cache: EmbeddingCache,
    progress: ProgressSink | None,
    embedder_factory: EmbedderFactory,
) -> tuple[dict[str, np.ndarray], int, int]:
    """Vectors of ``texts``, saved in batches as they are embedded.

    Texts an interrupted run already embedded come from ``cache``. Returns
    the vectors by text, how many texts were embedded now, and the dimension
    (0 when there was nothing to embed or take).
    """
    saved = cache.load() if texts else {}
    vectors: dict[str, np.ndarray] = {}
    todo: list[str] = []
    for text in texts:
        found = saved.get(text_key(text))
        if found is None:
            todo.append(text)
        else:
            vectors[text] = found
    dimension = len(next(iter(vectors.values()))) if vectors else 0
    if not todo:
        return vectors, 0, dimension
    if progress:
        progress.status("Loading the model")
    embedder = embedder_factory(model)
    if progress:
        progress.start(f"Embedding {counted(len(todo), 'text')}", len(todo))
    for begin in range(0, len(todo), SAVE_EVERY):
        batch = todo[begin : begin + SAVE_EVERY]
        encoded = embedder.encode(batch, progress.advance if progress else None)
        cache.save(batch, encoded)
        vectors.update(zip(batch, encoded, strict=True))
    if progress:
        progress.finish()
    return vectors, len(todo), embedder.dimension


def _stack(vectors: Sequence[np.ndarray], dimension: int) -> np.ndarray:
    if not vectors:
        return np.zeros((0, max(dimension, 1)), dtype=np.float32)
    return np.vstack(vectors).astype(np.float32, copy=False)
