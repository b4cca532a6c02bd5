"""``qa status``: what ``qa index`` would do, worked out without doing it (like ``git status``).

Reads the current generation's manifest (not its vectors), compares the corpus
with the stamps it recorded (qa.ingest.freshness), and ingests the corpus, which is
cheap, to count the articles that are new, changed or gone. Nothing is embedded
and nothing is written.
"""

from __future__ import annotations

from qa.config import Settings
from qa.errors import IndexIncompatibleError, IndexUnusableError
from qa.index.compatibility import REUSING, mismatch
from qa.index.indexing import article_fingerprint
from qa.ingest.freshness import corpus_drift, stamp_corpus
from qa.ingest.reader import ingest_corpus
from qa.records import CorpusDrift, IndexStatus
from qa.storage.contract import Manifest
from qa.storage.store import current_generation, read_manifest


def index_status(settings: Settings) -> IndexStatus:
    """The state of ``settings.index_dir`` against ``settings.corpus_dir``.

    Raise CorpusError when the corpus folder is missing or holds no article.
    """
    corpus = ingest_corpus(settings.corpus_dir)
    manifest = _current_manifest(settings)
    recorded = manifest.corpus_stamps if manifest else {}
    if manifest is not None and not recorded:  # built before stamps: compare contents
        recorded = {path: [None, None, sha] for path, sha in manifest.files.items()}
    drift = corpus_drift(settings.corpus_dir, recorded) if recorded else None
    if drift is None:
        drift = CorpusDrift(tuple(sorted(stamp_corpus(settings.corpus_dir))), (), (), 0)
    texts = {source.path: source.text for source in corpus.files}
    now = {a.article_id: article_fingerprint(a, texts[a.path]) for a in corpus.articles}
    before = manifest.articles if manifest else {}
    articles = {
        "new": sum(1 for a in now if a not in before),
        "changed": sum(1 for a, h in now.items() if a in before and before[a] != h),
        "removed": sum(1 for a in before if a not in now),
        "unchanged": sum(1 for a, h in now.items() if before.get(a) == h),
    }
    return IndexStatus(
        index_dir=str(settings.index_dir),
        corpus_dir=str(settings.corpus_dir),
        built=manifest.created if manifest else None,
        model=manifest.model if manifest else None,
        precision=manifest.precision if manifest else None,
        indexed_articles=manifest.article_count if manifest else 0,
        indexed_chunks=manifest.chunk_count if manifest else 0,
        files=drift,
        articles=articles,
        rebuild=_rebuild_reason(settings, manifest),
        skipped=tuple(f"{s.path}: {s.reason}" for s in corpus.skipped),
    )


def _current_manifest(settings: Settings) -> Manifest | None:
    if settings.store is not None:
        from qa.storage.backends import open_storage

        try:
            storage = open_storage(settings)
        except IndexUnusableError:
            return None
        storage.close()
        return storage.manifest
    folder = current_generation(settings.index_dir)
    if folder is None:
        return None
    try:
        return read_manifest(folder)
    except IndexIncompatibleError:
        return None  # unreadable or from another version: `qa index` builds it anew


def _rebuild_reason(settings: Settings, manifest: Manifest | None) -> str | None:
    """Why ``qa index`` would embed everything again, or None when it reuses vectors."""
    if manifest is None:
        return "there is no usable index yet"
    return mismatch(manifest, settings, REUSING)
