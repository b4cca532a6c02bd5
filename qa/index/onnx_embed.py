"""Text → unit vectors with ONNX Runtime, from an export made at index time.

Embedding needs only onnxruntime, tokenizers and numpy, so a query never pays
for importing torch; making the export (torch) is ``qa.index.onnx_export``.

An export folder holds::

    tokenizer.json              the model's tokenizer, so the folder stands alone
    model.onnx   model.json     fp32 graph (mean pooling and L2 normalisation inside)
    model-int8.onnx  model-int8.json   the same graph with dynamic int8 weights (optional)
    model.mapped.onnx (+ .data)   a graph with its weights apart, memory-mapped when loaded
    model.optimized.onnx (+ .data)   the questions' graph: optimised once, weights apart
    model.tokens.onnx           the mapped graph with the token outputs too (late chunking)
    wordpiece.txt               the tokenizer's vocabulary as a plain list (qa.index.wordpiece)
    bert.f32   bert.json        a plain BERT model's weights for questions in numpy
                                (qa.index.numpy_bert)

Each graph's ``.json`` records the model name, the sha256 of the weights it was made
from, whether it is quantized, the opset and the library versions; a loader
refuses an export made from other weights. An index keeps its export in
``index/models/<first 16 hex digits of the weights' sha256>/``, shared by its
generations (the files never change once written, so readers need no lock).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from qa.errors import ModelError
from qa.files import file_sha256, file_stamp, stamp_holds
from qa.index.embed import ModelSpec, Progress
from qa.index.numpy_bert import load_bert
from qa.index.wordpiece import load_wordpiece

if TYPE_CHECKING:
    from tokenizers import Tokenizer

TOKENIZER_FILE = "tokenizer.json"
#: The graph's inputs and output, by name.
INPUT_NAMES = ("input_ids", "attention_mask")
OUTPUT_NAME = "sentence_embedding"


def index_export_folder(index_dir: Path, weights_sha256: str) -> Path:
    """Where an index directory keeps the ONNX export of the model with these weights."""
    return index_dir / "models" / weights_sha256[:16]


@dataclass(frozen=True, slots=True)
class ExportInfo:
    """What an ONNX export was made from; stored beside the graph as JSON."""

    model: str
    weights_sha256: str
    quantized: bool
    opset: int
    onnxruntime: str
    dimension: int
    max_tokens: int
    onnx_bytes: int
    #: Checksums of the graph and the tokenizer as exported (empty in older exports). The
    #: tokenizer is hashed on every load; the graph when its modification time moved.
    onnx_sha256: str = ""
    onnx_mtime_ns: int = 0
    tokenizer_sha256: str = ""


def onnx_path(folder: Path, *, quantized: bool = False) -> Path:
    """Where the fp32 (or int8) graph of an export folder lives."""
    return folder / ("model-int8.onnx" if quantized else "model.onnx")


def info_path(folder: Path, *, quantized: bool) -> Path:
    """Where the facts of the fp32 (or int8) graph of an export folder are recorded."""
    return onnx_path(folder, quantized=quantized).with_suffix(".json")


def read_export_info(
    folder: Path, *, quantized: bool = False, verify: bool = False
) -> ExportInfo | None:
    """The recorded facts of a finished export, or None when there is none or it is damaged.

    The tokenizer's hash is always checked (it is small); the graph's size always,
    and its hash when its modification time is not the recorded one, or with ``verify``.
    """
    info_file = info_path(folder, quantized=quantized)
    try:
        info = ExportInfo(**json.loads(info_file.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    graph = onnx_path(folder, quantized=quantized)
    if not graph.is_file() or graph.stat().st_size != info.onnx_bytes:
        return None
    tokenizer = folder / TOKENIZER_FILE
    if not tokenizer.is_file():
        return None
    if info.tokenizer_sha256 and file_sha256(tokenizer) != info.tokenizer_sha256:
        return None
    moved = graph.stat().st_mtime_ns != info.onnx_mtime_ns
    if info.onnx_sha256 and (verify or moved) and file_sha256(graph) != info.onnx_sha256:
        return None
    return info


def mapped_graph(folder: Path, *, quantized: bool = False) -> Path:
    """The export's graph with its weights moved to a side file, made once and kept.

    ONNX Runtime memory-maps weights kept outside the graph instead of parsing and copying
    them out of it: a new session starts two to three times as fast (questions load
    ``optimized_graph``, which keeps its weights apart too). Made from the finished export
    (seconds; a crash leaves none of it) the first time an embedder asks; the graph is
    renamed into place last, so where it exists its weights file is whole.
    """
    source = onnx_path(folder, quantized=quantized)

    def save_mapped(target: Path, weights: str) -> None:
        import onnx

        onnx.save_model(
            onnx.load(str(source)),
            str(target),
            save_as_external_data=True,
            all_tensors_to_one_file=True,
            location=weights,  # relative to the graph, so both files can move together
            size_threshold=1024,
        )

    return _derived_graph(source, source.stem + ".mapped.onnx", save_mapped)


def optimized_graph(folder: Path, *, quantized: bool = False) -> Path:
    """The export's graph as ONNX Runtime optimises it (fused attention, layer norms, GELU),
    saved with its weights apart, made once and kept.

    A session given this graph with graph optimisation turned off starts in about 60% of
    the time (the optimisations are the same at every start, so they are done here once)
    and computes the same vectors, bit for bit. The fusions are ONNX Runtime's own and
    may change between its versions, so the graph records the version that made it and is
    made again by another. Only the basic and extended optimisations are saved: the
    layout ones may depend on the processor.
    """
    import onnxruntime

    source = onnx_path(folder, quantized=quantized)

    def save_optimized(target: Path, weights: str) -> None:
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(target)
        weights_entry = "session.optimized_model_external_initializers_file_name"
        options.add_session_config_entry(weights_entry, weights)
        smallest_entry = "session.optimized_model_external_initializers_min_size_in_bytes"
        options.add_session_config_entry(smallest_entry, "1024")
        onnxruntime.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])

    made_by = f"onnxruntime {onnxruntime.__version__}"
    return _derived_graph(source, source.stem + ".optimized.onnx", save_optimized, made_by)


def _derived_graph(
    source: Path,
    name: str,
    save: Callable[[Path, str], None],
    made_by: str | None = None,
) -> Path:
    """The graph ``name`` beside ``source``, made from it once by ``save(target, weights)``,
    which writes the graph to ``target`` and its weights to the file ``weights`` beside it.

    Made in a staging folder and renamed into place (the graph last, so where it exists its
    weights file is whole); a stamp records the sizes, times and hashes of the source and
    both files, and ``made_by`` (a library version): when any of them moved it is made again.
    """
    folder = source.parent
    target = folder / name
    stamp = target.with_suffix(".json")
    if target.is_file() and _stamp_holds(folder, stamp, made_by):
        return target
    import shutil

    weights = target.name + ".data"
    staging = folder / f".{target.stem.replace('.', '-')}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        save(staging / target.name, weights)
        (staging / weights).chmod(0o644)  # onnx writes it private; the graph is not
        os.replace(staging / weights, folder / weights)
        os.replace(staging / target.name, target)
        made: dict[str, Any] = {
            name: file_stamp(folder / name) for name in (source.name, weights, target.name)
        }
        if made_by is not None:
            made[_MADE_BY] = made_by
        (staging / stamp.name).write_text(json.dumps(made))
        os.replace(staging / stamp.name, stamp)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


#: The stamp's entry naming the library version a derived graph was made by.
_MADE_BY = "made_by"


def token_graph(folder: Path, *, quantized: bool = False) -> tuple[Path, str]:
    """The mapped graph with the encoder's token outputs as a second output, and that
    output's name: what late chunking pools from (``qa.index.late_chunking``).

    The token outputs are those the graph's mean pooling multiplies by the attention
    mask: the output of the encoder's last layer normalisation. The graph shares the
    mapped graph's weights file; it is written (small, atomically) when it differs.
    """
    import onnx

    mapped = mapped_graph(folder, quantized=quantized)
    model = onnx.load(str(mapped), load_external_data=False)
    norms = [node for node in model.graph.node if node.op_type == "LayerNormalization"]
    if not norms:
        raise ModelError(f"the ONNX model in {folder} has no layer normalisation to pool from")
    name = norms[-1].output[0]
    if not any(node.op_type == "Mul" and name in node.input for node in model.graph.node):
        raise ModelError(f"the ONNX model in {folder} does not pool its last layer's outputs")
    dimension = model.graph.output[0].type.tensor_type.shape.dim[1].dim_value
    model.graph.output.append(
        onnx.helper.make_tensor_value_info(
            name, onnx.TensorProto.FLOAT, ["batch", "sequence", dimension]
        )
    )
    target = mapped.with_name(mapped.name.replace(".mapped.onnx", ".tokens.onnx"))
    content = model.SerializeToString()
    if not target.is_file() or target.read_bytes() != content:
        from qa.files import writing_atomically

        with writing_atomically(target) as staging:
            staging.write_bytes(content)
    return target, name


def _stamp_holds(folder: Path, stamp: Path, made_by: str | None = None) -> bool:
    """Whether the files recorded in ``stamp`` are still those bytes, made by ``made_by``:
    sizes always, the hash of a file whose modification time moved (a damaged file is then
    made again)."""
    try:
        recorded = json.loads(stamp.read_text())
        if recorded.pop(_MADE_BY, None) != made_by:
            return False
        for name, file in recorded.items():
            if not stamp_holds(folder / name, file):
                return False
    except (OSError, ValueError, TypeError):
        return False
    return True


def verify_exports(index_dir: Path) -> int:
    """Check every model export of an index in full; return how many graphs were checked.
    Raise ModelError naming the first damaged export."""
    checked = 0
    for folder in sorted((index_dir / "models").glob("*")):
        for quantized in (False, True):
            if not info_path(folder, quantized=quantized).is_file():
                continue
            if read_export_info(folder, quantized=quantized, verify=True) is None:
                raise ModelError(
                    f"the model export in {folder} is damaged; run `qa index` to export it again"
                )
            checked += 1
    return checked


def export_is_damaged(folder: Path, *, quantized: bool = False) -> bool:
    """Whether ``folder`` holds an export (its facts file) whose files no longer match it."""
    return info_path(folder, quantized=quantized).is_file() and (
        read_export_info(folder, quantized=quantized) is None
    )


class OnnxEmbedder:
    """Embeds with an ONNX export of ``model`` on ONNX Runtime (no torch), normalised vectors.

    ``threads`` is the number of intra-op threads: one answers a single query
    fastest on a busy machine; indexing wants every core. With ``batch_size`` 1 the
    texts are instead run side by side on ``threads`` sessions of one thread each:
    a short text keeps two threads of one run from being busy at once (1,422
    sentences took 4.3 s on two threads per run, 1.8 s on two sessions side by side,
    with the same vectors). ``optimized_ahead`` loads the
    graph optimised once and kept (``optimized_graph``) instead of optimising it again in
    every new session: what a question in a new process wants; for a plain BERT model whose
    export has its numpy weights (``qa.index.numpy_bert``) it then runs no ONNX Runtime at all.
    """

    def __init__(
        self,
        folder: Path,
        model: ModelSpec,
        threads: int,
        *,
        quantized: bool = False,
        batch_size: int = 32,
        optimized_ahead: bool = False,
    ):
        info = read_export_info(folder, quantized=quantized)
        kind = "int8" if quantized else "fp32"
        if info is None:
            raise ModelError(f"no finished {kind} ONNX export of the model in {folder}")
        if info.weights_sha256 != model.weights_sha256:
            raise ModelError(
                f"the ONNX export in {folder} was made from other weights "
                f"(sha256 {info.weights_sha256[:12]}…, expected {model.weights_sha256[:12]}…)"
            )
        # Questions of a plain BERT model skip ONNX Runtime: its import and session cost a
        # new process more than the numpy forward pass over a question's few tokens.
        bert = load_bert(folder, info.weights_sha256) if optimized_ahead and not quantized else None
        self._run = (
            bert.embed
            if bert is not None
            else _session(
                folder, kind, 1 if batch_size == 1 else threads, quantized, optimized_ahead
            )
        )
        #: More sessions that run texts beside ``_run``'s, one text per run (batch_size 1).
        self._beside = [
            _session(folder, kind, 1, quantized, optimized_ahead)
            for _ in range(threads - 1 if batch_size == 1 and bert is None else 0)
        ]
        # A question in a new process is tokenised without the tokenizers library when the
        # model's tokenizer is plain BERT WordPiece (the same ids; see qa.index.wordpiece).
        self._wordpiece = (
            load_wordpiece(folder, info.tokenizer_sha256, info.max_tokens)
            if optimized_ahead
            else None
        )
        self._tokenizer_path = folder / TOKENIZER_FILE
        self._tokenizer: Tokenizer | None = None
        if self._wordpiece is None:
            self._tokenizer = _load_tokenizer(self._tokenizer_path, info.max_tokens)
        self._spec = model
        self._info = info
        self._batch_size = batch_size

    @property
    def model(self) -> ModelSpec:
        return self._spec

    @property
    def dimension(self) -> int:
        return self._info.dimension

    @property
    def quantized(self) -> bool:
        """Whether this embedder runs the int8 graph."""
        return self._info.quantized

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Normalised float32 vectors in input order; ``progress(n)`` after each batch of n."""
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return result
        encodings = self._token_ids(list(texts))
        if self._beside:
            return self._side_by_side(encodings, result, progress)
        lengths = np.fromiter(map(len, encodings), dtype=np.int64, count=len(texts))
        # Similar lengths side by side: a batch is padded only to its own longest text.
        order = np.argsort(lengths, kind="stable")
        for begin in range(0, len(texts), self._batch_size):
            rows = order[begin : begin + self._batch_size]
            width = int(lengths[rows].max())
            input_ids = np.zeros((len(rows), width), dtype=np.int64)
            attention = np.zeros((len(rows), width), dtype=np.int64)
            for line, row in enumerate(rows):
                ids = encodings[row]
                input_ids[line, : len(ids)] = ids
                attention[line, : len(ids)] = 1
            vectors = self._run(input_ids, attention)
            result[rows] = vectors
            if progress:
                progress(len(rows))
        return result

    def _side_by_side(
        self, encodings: list[list[int]], result: np.ndarray, progress: Progress | None
    ) -> np.ndarray:
        """Each text run alone, the runs spread over every session at once."""
        from concurrent.futures import ThreadPoolExecutor

        runs = [self._run, *self._beside]

        def embed(run: Callable[[np.ndarray, np.ndarray], np.ndarray], rows: range) -> None:
            for row in rows:
                ids = np.asarray([encodings[row]], dtype=np.int64)
                result[row] = run(ids, np.ones_like(ids))[0]

        step = 64 * len(runs)  # progress is told from this thread, after each step
        with ThreadPoolExecutor(len(runs)) as pool:
            for begin in range(0, len(encodings), step):
                end = min(begin + step, len(encodings))
                started = [
                    pool.submit(embed, run, range(begin + i, end, len(runs)))
                    for i, run in enumerate(runs)
                ]
                for done in started:
                    done.result()
                if progress:
                    progress(end - begin)
        return result

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        if self._wordpiece is not None:
            plain = [self._wordpiece.ids(text) for text in texts]
            if all(ids is not None for ids in plain):
                return cast(list[list[int]], plain)
        if self._tokenizer is None:
            self._tokenizer = _load_tokenizer(self._tokenizer_path, self._info.max_tokens)
        return [encoding.ids for encoding in self._tokenizer.encode_batch(texts)]


def _session(
    folder: Path, kind: str, threads: int, quantized: bool, optimized_ahead: bool
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Run the export's graph on ONNX Runtime: a function of token ids and attention mask."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    # Threads that spin while they wait for work take the cores from the threads with work
    # when the machine is busy: embedding the texts of the SQuAD articles took 40% longer
    # (84 s against 60 s at load 10).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if optimized_ahead:
        graph = optimized_graph(folder, quantized=quantized)
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        # Prepacking copies every weight matrix into the layout of the matrix products:
        # two thirds of a new session's work and 10,000 page faults, which a few
        # questions never earn back. Unpacked products round differently, by about
        # one float32 step (vectors within 1e-6 of the packed session's).
        options.add_session_config_entry("session.disable_prepacking", "1")
    else:
        graph = mapped_graph(folder, quantized=quantized)
    try:
        session: Any = onnxruntime.InferenceSession(
            str(graph), options, providers=["CPUExecutionProvider"]
        )
    except Exception:
        # ONNX Runtime's message names C++ source lines: not for our users.
        raise ModelError(f"cannot load the {kind} ONNX model in {folder}: it is damaged") from None

    def run(input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        (vectors,) = session.run(
            [OUTPUT_NAME], {"input_ids": input_ids, "attention_mask": attention_mask}
        )
        return cast(np.ndarray, vectors)

    return run


def _load_tokenizer(path: Path, max_tokens: int) -> Tokenizer:
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception:  # the tokenizers library's message is a Rust parser's: not for users
        raise ModelError(
            f"the tokenizer {path} is damaged; run `qa index` to export it again"
        ) from None
    tokenizer.no_padding()
    # Chunks already fit the model's window; only an over-long question is cut,
    # at the length sentence-transformers cuts it, so both embed it alike.
    tokenizer.enable_truncation(max_tokens)
    return tokenizer
