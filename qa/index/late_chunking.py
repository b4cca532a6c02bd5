"""Late chunking: window and sentence vectors pooled from one pass over the text.

Embedding every chunk's window and sentence as texts of their own reads each token
about five times (a sentence sits in the windows of its neighbours too); windows pooled
from sentences embedded alone (``Settings.pooled_windows``) read it once. Here each
stretch of an article is cut into as few spans as the model's input length allows,
of equal length, and each span is read once; a chunk's window vector (and its
sentence vector) is the mean of the model's token outputs over the window (the
sentence), L2-normalised: the model's own pooling, applied to part of a longer
input. Each token is read once. A window that crosses a span's edge is pooled over
its part inside the span that holds most of it.

Measured (eval/bench_index.py): about 2.6 times the articles per second of a plain
sentence-transformers pipeline, where embedding each text alone reached 0.35-0.5 times;
but SQuAD hit@1 falls by about 0.04: a sentence pooled from its context is less
specific than the sentence read alone. Hence ``Settings.late_chunking`` is off by
default.

Each span is run alone (a batch of one, no padding): int8 activations are quantised
with scales computed over the whole input, so a span's vectors depend on its own
text only, never on what else is embedded in the same run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.errors import ModelError
from qa.index.embed import ModelSpec
from qa.index.embed_cache import EmbeddingCache, text_key
from qa.records import Chunk
from qa.text import counted

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from qa.index.indexing import ProgressSink
    from qa.storage.contract import Storage


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one article's text read as a whole: chunks whose windows overlap or
    touch, with nothing but whitespace between them."""

    article_id: str
    start: int
    end: int
    #: Positions of the segment's chunks in the list given to ``segments``.
    members: tuple[int, ...]

    def key(self, raw: str) -> str:
        """What the segment's vectors depend on besides the settings: its text."""
        return hashlib.sha256(raw[self.start : self.end].encode()).hexdigest()


def segments(chunks: Sequence[Chunk], raws: dict[str, str]) -> list[Segment]:
    """The chunks grouped into segments; ``raws`` holds each article's raw file text."""
    by_article: dict[str, list[int]] = {}
    for position, chunk in enumerate(chunks):
        by_article.setdefault(chunk.article_id, []).append(position)
    found: list[Segment] = []
    for article_id, positions in by_article.items():
        raw = raws[article_id]
        positions.sort(key=lambda p: (chunks[p].start, chunks[p].end))
        group = [positions[0]]
        start, end = chunks[positions[0]].start, chunks[positions[0]].end
        for position in positions[1:]:
            chunk = chunks[position]
            if chunk.start <= end or not raw[end : chunk.start].strip():
                group.append(position)
                end = max(end, chunk.end)
                continue
            found.append(Segment(article_id, start, end, tuple(group)))
            group, start, end = [position], chunk.start, chunk.end
        found.append(Segment(article_id, start, end, tuple(group)))
    return found


def tile_spans(
    windows: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    tokens: int,
    budget: int,
) -> list[tuple[int, int]]:
    """The span each window is pooled from, the text cut into as few spans of at most
    ``budget`` tokens as it takes, of equal length: the span that holds most of the
    window (then the one whose middle is nearest the sentence's)."""
    count = max(1, -(-tokens // budget))
    length = -(-tokens // count)
    tiles = [(i * length, min(tokens, (i + 1) * length)) for i in range(count)]
    chosen = []
    for (first, last), (s_first, s_last) in zip(windows, sentences, strict=True):
        chosen.append(
            max(
                tiles,
                key=lambda t: (
                    min(last, t[1]) - max(first, t[0]),
                    -abs(t[0] + t[1] - s_first - s_last),
                ),
            )
        )
    return chosen


def pooled(outputs: np.ndarray, first: int, last: int) -> np.ndarray:
    """The normalised mean of token outputs ``first:last`` (at least one row)."""
    rows = outputs[first : max(last, first + 1)]
    mean: np.ndarray = rows.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / max(norm, 1e-12)).astype(np.float32)


class TokenEncoder:
    """Runs an ONNX export's encoder and returns its token outputs (before pooling)."""

    def __init__(self, graph: Path, tokenizer: Tokenizer, output: str, threads: int):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Threads that spin while waiting for work take the cores from the ones with work
        # when the machine is busy: a pass took twice as long with two spinning threads.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session: Any = onnxruntime.InferenceSession(
                str(graph), options, providers=["CPUExecutionProvider"]
            )
        except Exception:
            raise ModelError(f"cannot load the ONNX model {graph}: it is damaged") from None
        self._output = output
        self.tokenizer = tokenizer
        self._cls = tokenizer.token_to_id("[CLS]")
        self._sep = tokenizer.token_to_id("[SEP]")
        if self._cls is None or self._sep is None:
            raise ModelError("late chunking needs a tokenizer with [CLS] and [SEP] tokens")

    def token_outputs(self, ids: Sequence[int]) -> np.ndarray:
        """The model's output for each of ``ids`` read as one input (special tokens added
        around it and left out of the result): shape (len(ids), dimension)."""
        row = np.asarray([self._cls, *ids, self._sep], dtype=np.int64)[None, :]
        (outputs,) = self._session.run(
            [self._output], {"input_ids": row, "attention_mask": np.ones_like(row)}
        )
        return np.asarray(outputs[0, 1:-1], dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Layout:
    """How a segment is read: its token ids, and for each member chunk (in
    ``Segment.members`` order) its window's and sentence's token ranges and the span
    (a token range) they are pooled from."""

    ids: list[int]
    windows: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    spans: list[tuple[int, int]]

    def tokens_read(self) -> int:
        """Tokens run through the model for the segment, special tokens included."""
        return sum(last - first + 2 for first, last in set(self.spans))


def layout(
    tokenizer: Tokenizer, raw: str, segment: Segment, chunks: Sequence[Chunk], budget: int
) -> Layout:
    """Tokenise the segment once and place its chunks' windows in spans."""
    encoding = tokenizer.encode(raw[segment.start : segment.end], add_special_tokens=False)
    starts = np.fromiter((begin for begin, _ in encoding.offsets), np.int64, len(encoding.ids))

    def token_range(start: int, end: int) -> tuple[int, int]:
        first = int(np.searchsorted(starts, start - segment.start, side="left"))
        return first, int(np.searchsorted(starts, end - segment.start, side="left"))

    members = [chunks[p] for p in segment.members]
    windows = [token_range(c.start, c.end) for c in members]
    sentences = [token_range(c.sentence_start, c.sentence_end) for c in members]
    spans = tile_spans(windows, sentences, len(encoding.ids), budget)
    return Layout(list(encoding.ids), windows, sentences, spans)


def embed_segment(
    encoder: TokenEncoder, raw: str, segment: Segment, chunks: Sequence[Chunk], budget: int
) -> tuple[np.ndarray, np.ndarray]:
    """Window and sentence vectors of the segment's chunks, in ``segment.members`` order."""
    plan = layout(encoder.tokenizer, raw, segment, chunks, budget)
    outputs = {span: encoder.token_outputs(plan.ids[span[0] : span[1]]) for span in set(plan.spans)}
    window_rows: list[np.ndarray] = []
    sentence_rows: list[np.ndarray] = []
    for span, window, sentence in zip(plan.spans, plan.windows, plan.sentences, strict=True):
        rows = outputs[span]
        for (first, last), target in ((window, window_rows), (sentence, sentence_rows)):
            first, last = max(first, span[0]) - span[0], min(last, span[1]) - span[0]
            target.append(pooled(rows, min(first, len(rows) - 1), last))
    return np.vstack(window_rows), np.vstack(sentence_rows)


def token_encoder(index_dir: Path, model: ModelSpec, precision: str) -> TokenEncoder:
    """The token encoder of the index's ONNX export of ``model`` at ``precision``, on every
    core (the export is made by ``qa.index.embed.passage_embedders``)."""
    import os

    from tokenizers import Tokenizer

    from qa.index.onnx_embed import TOKENIZER_FILE, index_export_folder, read_export_info
    from qa.index.onnx_embed import token_graph as make_token_graph

    folder = index_export_folder(index_dir, model.weights_sha256)
    quantized = precision == "int8"
    info = read_export_info(folder, quantized=quantized)
    if info is None or info.weights_sha256 != model.weights_sha256:
        raise ModelError(f"late chunking needs an ONNX export of {model.name}: none in {folder}")
    graph, output = make_token_graph(folder, quantized=quantized)
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return TokenEncoder(graph, tokenizer, output, threads=os.cpu_count() or 1)


Place = tuple[str, int, int, int, int]


def place(chunk: Chunk) -> Place:
    """Where a chunk is: its article, window and sentence offsets."""
    return (chunk.article_id, chunk.start, chunk.end, chunk.sentence_start, chunk.sentence_end)


def vectors_by_place(
    storage: Storage, articles: set[str]
) -> dict[Place, tuple[np.ndarray, np.ndarray]]:
    """The stored window and sentence vectors of the chunks of ``articles`` (those whose
    text did not change), by place: late-chunked vectors depend on the text around them,
    so they are reused only where that text is the same."""
    ids, places = [], []
    for chunk_id, chunk in storage.all_chunks():
        if chunk.article_id in articles:
            ids.append(chunk_id)
            places.append(place(chunk))
    if not ids:
        return {}
    keys = np.asarray(ids, dtype=np.int64)
    windows, sentences = storage.vectors("window", keys), storage.vectors("sentence", keys)
    return {p: (w, s) for p, w, s in zip(places, windows, sentences, strict=True)}


def embed_late(
    chunks: Sequence[Chunk],
    raws: dict[str, str],
    *,
    known: dict[Place, tuple[np.ndarray, np.ndarray]],
    cache: EmbeddingCache,
    encoder: Callable[[], TokenEncoder],
    budget: int,
    progress: ProgressSink | None,
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Window and sentence vectors of every chunk (rows in chunk order), late-chunked.

    Vectors of unchanged articles come from ``known``; those an earlier run (or another
    index sharing ``cache``) made for the same segment text come from ``cache``; the
    other segments are embedded and saved to ``cache`` as they are done. Returns the two
    matrices, how many vectors were not known, and how many were embedded now.
    """
    windows: list[np.ndarray | None] = [None] * len(chunks)
    sentences: list[np.ndarray | None] = [None] * len(chunks)
    saved: dict[bytes, np.ndarray] | None = None
    todo: list[tuple[Segment, list[str]]] = []
    missing = 0
    for segment in segments(chunks, raws):
        found = [known.get(place(chunks[p])) for p in segment.members]
        if all(pair is not None for pair in found):
            for position, pair in zip(segment.members, found, strict=True):
                windows[position], sentences[position] = pair  # type: ignore[misc]
            continue
        missing += 2 * len(segment.members)
        keys = _cache_keys(segment, chunks, raws[segment.article_id])
        if saved is None:
            saved = cache.load()
        cached = [saved.get(text_key(key)) for key in keys]
        if all(vector is not None for vector in cached):
            for index, position in enumerate(segment.members):
                windows[position] = cached[2 * index]
                sentences[position] = cached[2 * index + 1]
            continue
        todo.append((segment, keys))
    embedded = 0
    if todo:
        if progress:
            progress.status("Loading the model")
        model = encoder()
        total = sum(len(segment.members) for segment, _ in todo)
        if progress:
            progress.start(f"Embedding {counted(total, 'passage')} (late chunking)", total)
        for segment, keys in todo:
            window_rows, sentence_rows = embed_segment(
                model, raws[segment.article_id], segment, chunks, budget
            )
            for index, position in enumerate(segment.members):
                windows[position] = window_rows[index]
                sentences[position] = sentence_rows[index]
            interleaved = np.empty((2 * len(window_rows), window_rows.shape[1]), np.float32)
            interleaved[0::2], interleaved[1::2] = window_rows, sentence_rows
            cache.save(keys, interleaved)
            embedded += 2 * len(segment.members)
            if progress:
                progress.advance(len(segment.members))
        if progress:
            progress.finish()
    if not chunks:
        return np.zeros((0, 1), np.float32), np.zeros((0, 1), np.float32), 0, 0
    return np.vstack(windows), np.vstack(sentences), missing, embedded  # type: ignore[arg-type]


def _cache_keys(segment: Segment, chunks: Sequence[Chunk], raw: str) -> list[str]:
    """The cache keys of the segment's window and sentence vectors, alternating: the
    segment's text and each chunk's offsets inside it."""
    text = segment.key(raw)
    keys = []
    for position in segment.members:
        chunk = chunks[position]
        offsets = [chunk.start, chunk.end, chunk.sentence_start, chunk.sentence_end]
        where = ":".join(str(offset - segment.start) for offset in offsets)
        keys += [f"late\0{text}\0window\0{where}", f"late\0{text}\0sentence\0{where}"]
    return keys
