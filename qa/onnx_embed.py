"""Text → unit vectors with ONNX Runtime: the export made at index time and its embedder.

This is the only module that imports onnxruntime or onnx. Exporting needs
torch (through transformers) and runs once per model; embedding needs only
onnxruntime, tokenizers and numpy, so a query never pays for importing torch.

An export folder holds::

    tokenizer.json              the model's tokenizer, so the folder stands alone
    model.onnx   model.json     fp32 graph (mean pooling and L2 normalisation inside)
    model-int8.onnx  model-int8.json   the same graph with dynamic int8 weights (optional)

Each ``.json`` records the model name, the sha256 of the weights it was made
from, whether it is quantized, the opset and the library versions; a loader
refuses an export made from other weights. An index keeps its export in
``index/models/<first 16 hex digits of the weights' sha256>/``, shared by its
generations (the files never change once written, so readers need no lock).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from qa.embed import ModelSpec, Progress, model_max_tokens, stay_offline
from qa.errors import ModelError
from qa.files import copy_atomically

if TYPE_CHECKING:
    from tokenizers import Tokenizer

OPSET = 17
TOKENIZER_FILE = "tokenizer.json"
_INPUTS = ("input_ids", "attention_mask")
_OUTPUT = "sentence_embedding"
#: Exports made by this process, by weights hash and kind: a second index is
#: given links to the same files instead of a new export (seconds, and torch).
_MADE: dict[tuple[str, bool], Path] = {}


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


def onnx_path(folder: Path, *, quantized: bool = False) -> Path:
    """Where the fp32 (or int8) graph of an export folder lives."""
    return folder / ("model-int8.onnx" if quantized else "model.onnx")


def _info_path(folder: Path, *, quantized: bool) -> Path:
    return onnx_path(folder, quantized=quantized).with_suffix(".json")


def read_export_info(folder: Path, *, quantized: bool = False) -> ExportInfo | None:
    """The recorded facts of a finished export, or None when there is none (or it is broken)."""
    info_file = _info_path(folder, quantized=quantized)
    try:
        info = ExportInfo(**json.loads(info_file.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    graph = onnx_path(folder, quantized=quantized)
    if not graph.is_file() or graph.stat().st_size != info.onnx_bytes:
        return None
    if not (folder / TOKENIZER_FILE).is_file():
        return None
    return info


def export_onnx(model: ModelSpec, folder: Path, *, quantize: bool = False) -> Path:
    """Export ``model`` to ONNX in ``folder`` and return the graph's path.

    The graph takes ``input_ids`` and ``attention_mask`` (dynamic batch and
    sequence length) and returns mean-pooled, L2-normalised embeddings, as
    sentence-transformers computes them. With ``quantize`` the fp32 graph is
    made first (or reused, and kept) and its weights quantized to int8 per channel. An
    export already made from the same weights is reused. Files appear
    atomically: a crash leaves either no export or a whole one.
    """
    existing = read_export_info(folder, quantized=quantize)
    if existing is not None and existing.weights_sha256 == model.weights_sha256:
        return onnx_path(folder, quantized=quantize)
    folder.mkdir(parents=True, exist_ok=True)
    if quantize:  # the int8 graph is made from the fp32 one, which questions use too
        export_onnx(model, folder, quantize=False)
    if _link_earlier_export(model, folder, quantize=quantize):
        return onnx_path(folder, quantized=quantize)
    if quantize:
        _quantize(onnx_path(folder), onnx_path(folder, quantized=True))
    else:
        _check_pooling(model)
        copy_atomically(Path(model.path) / TOKENIZER_FILE, folder / TOKENIZER_FILE)
        _export_fp32(model, onnx_path(folder))
    _write_info(folder, model, quantized=quantize)
    _MADE[model.weights_sha256, quantize] = folder
    return onnx_path(folder, quantized=quantize)


def _link_earlier_export(model: ModelSpec, folder: Path, *, quantize: bool) -> bool:
    """Give ``folder`` the files of an export this process already made; False if none."""
    earlier = _MADE.get((model.weights_sha256, quantize))
    if earlier is None or earlier.resolve() == folder.resolve():
        return False
    info = read_export_info(earlier, quantized=quantize)
    if info is None or info.weights_sha256 != model.weights_sha256:
        return False
    graph = onnx_path(earlier, quantized=quantize)
    for source in (earlier / TOKENIZER_FILE, graph, _info_path(earlier, quantized=quantize)):
        copy_atomically(source, folder / source.name, link=True)
    return True


def _check_pooling(model: ModelSpec) -> None:
    tokenizer = Path(model.path) / TOKENIZER_FILE
    if not tokenizer.is_file():
        raise ModelError(f"{model.name}: no tokenizer.json in {model.path}")
    pooling = Path(model.path) / "1_Pooling" / "config.json"
    if pooling.is_file():
        config = json.loads(pooling.read_text())
        other = [
            key
            for key, on in config.items()
            if key.startswith("pooling_mode_") and on and key != "pooling_mode_mean_tokens"
        ]
        if other or not config.get("pooling_mode_mean_tokens", False):
            raise ModelError(
                f"{model.name}: only mean pooling can be exported to ONNX (the model uses "
                f"{', '.join(other) or 'no mean pooling'})"
            )


def _export_fp32(model: ModelSpec, target: Path) -> None:
    """Trace the transformer with its pooling and normalisation into one graph."""
    stay_offline()
    import inspect
    import warnings

    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        encoder = AutoModel.from_pretrained(model.path, attn_implementation="eager")
    except Exception as error:
        raise ModelError(f"cannot load model {model.name!r} for export: {error}") from None
    encoder.eval()
    takes_token_types = "token_type_ids" in inspect.signature(encoder.forward).parameters

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            extra = {"token_type_ids": torch.zeros_like(input_ids)} if takes_token_types else {}
            tokens = self.encoder(input_ids=input_ids, attention_mask=attention_mask, **extra)[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            unit: torch.Tensor = mean / mean.norm(p=2, dim=1, keepdim=True).clamp(min=1e-12)
            return unit

    example = torch.ones((2, 8), dtype=torch.int64)
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    axes = {"batch": 0, "sequence": 1}
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Pooled(),
                (example, example),
                str(staging),
                dynamo=False,
                input_names=list(_INPUTS),
                output_names=[_OUTPUT],
                dynamic_axes={
                    **{name: {i: axis for axis, i in axes.items()} for name in _INPUTS},
                    _OUTPUT: {0: "batch"},
                },
                opset_version=OPSET,
            )
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)


def _quantize(source: Path, target: Path) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # quantize_dynamic warns on the root logger about pre-processing
    try:
        # Per-channel scales keep int8 embeddings much closer to fp32 (mean cosine
        # about 0.99 instead of 0.93 with one scale per tensor) at the same speed.
        quantize_dynamic(str(source), str(staging), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(staging, target)
    finally:
        root.setLevel(level)
        staging.unlink(missing_ok=True)


def _write_info(folder: Path, model: ModelSpec, *, quantized: bool) -> None:
    import onnx
    import onnxruntime

    graph = onnx_path(folder, quantized=quantized)
    # The output's static width is the embedding dimension (batch is the dynamic axis).
    output = onnx.load(str(graph), load_external_data=False).graph.output[0]
    dimension = int(output.type.tensor_type.shape.dim[1].dim_value)

    info = ExportInfo(
        model=model.name,
        weights_sha256=model.weights_sha256,
        quantized=quantized,
        opset=OPSET,
        onnxruntime=onnxruntime.__version__,
        dimension=dimension,
        max_tokens=model_max_tokens(model),
        onnx_bytes=graph.stat().st_size,
    )
    target = _info_path(folder, quantized=quantized)
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    staging.write_text(json.dumps(asdict(info), indent=2, sort_keys=True))
    os.replace(staging, target)


class OnnxEmbedder:
    """Embeds with an ONNX export of ``model`` on ONNX Runtime (no torch), normalised vectors.

    ``threads`` is the number of intra-op threads: one answers a single query
    fastest on a busy machine; indexing wants every core.
    """

    def __init__(
        self,
        folder: Path,
        model: ModelSpec,
        threads: int,
        *,
        quantized: bool = False,
        batch_size: int = 32,
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
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self._session: Any = onnxruntime.InferenceSession(
                str(onnx_path(folder, quantized=quantized)),
                options,
                providers=["CPUExecutionProvider"],
            )
        except Exception as error:
            raise ModelError(f"cannot load the {kind} ONNX model in {folder}: {error}") from None
        self._tokenizer = _load_tokenizer(folder / TOKENIZER_FILE, info.max_tokens)
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
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(texts))
        # Similar lengths side by side: a batch is padded only to its own longest text.
        order = np.argsort(lengths, kind="stable")
        for begin in range(0, len(texts), self._batch_size):
            rows = order[begin : begin + self._batch_size]
            width = int(lengths[rows].max())
            input_ids = np.zeros((len(rows), width), dtype=np.int64)
            attention = np.zeros((len(rows), width), dtype=np.int64)
            for line, row in enumerate(rows):
                ids = encodings[row].ids
                input_ids[line, : len(ids)] = ids
                attention[line, : len(ids)] = 1
            (vectors,) = self._session.run(
                [_OUTPUT], {"input_ids": input_ids, "attention_mask": attention}
            )
            result[rows] = vectors
            if progress:
                progress(len(rows))
        return result


def _load_tokenizer(path: Path, max_tokens: int) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    # Chunks already fit the model's window; only an over-long question is cut,
    # at the length sentence-transformers cuts it, so both embed it alike.
    tokenizer.enable_truncation(max_tokens)
    return tokenizer
