"""A question embedded by a plain BERT encoder in numpy, without ONNX Runtime.

A question is a dozen tokens: its forward pass takes a few milliseconds, whereas importing
ONNX Runtime and building its session took most of a cold ``qa ask``. For a model that is
exactly what this module computes (a ``bert`` encoder with absolute positions and GELU by
erf, mean pooling, L2 normalisation: the default all-MiniLM-L6-v2), ``qa index`` writes its
fp32 weights once more beside the export, laid out for the products below, in one file that
a question memory-maps:

    bert.f32    the weights, float32, each tensor at a 64-byte boundary
    bert.json   the model's shape, where each tensor lies, and the stamp of bert.f32
                (size, modification time, sha256), written last

The vectors are those of the export's fp32 graph on ONNX Runtime to within a few float32
steps (the tests hold them to 1e-5 per component on every eval question). Any other model,
a weights file that no longer matches its stamp, or anything this module does not read
leaves questions to ONNX Runtime (``qa.index.onnx_embed``), as before.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from qa.files import file_stamp, stamp_holds, writing_atomically

WEIGHTS_FILE = "bert.f32"
LAYOUT_FILE = "bert.json"
#: The layout's version: a layout of another version is derived again.
FORMAT = 1
_ALIGN = 64


@dataclass(frozen=True, slots=True)
class BertShape:
    """The sizes of a BERT encoder, from its ``config.json``."""

    layers: int
    heads: int
    hidden: int
    intermediate: int
    positions: int
    eps: float


def derive_bert_weights(folder: Path, model_path: Path, weights_sha256: str) -> bool:
    """Write ``bert.f32`` and ``bert.json`` into the export ``folder`` from the model in
    ``model_path`` (whose weights have this sha256) when the model is a plain BERT sentence
    encoder and they are not already there and whole; return whether ``folder`` has them."""
    if _read_layout(folder, weights_sha256) is not None:
        return True
    source = _plain_bert(model_path)
    if source is None:
        return False
    shape, tensors = source
    try:
        arrays = _arranged(shape, tensors)
    except (KeyError, ValueError, IndexError):  # tensors that config.json does not describe
        return False
    layout: dict[str, Any] = {"format": FORMAT, "weights_sha256": weights_sha256}
    layout["shape"] = {name: getattr(shape, name) for name in BertShape.__slots__}
    places: dict[str, list[Any]] = {}
    weights = folder / WEIGHTS_FILE
    with writing_atomically(weights) as staging, staging.open("wb") as out:
        for name, array in arrays.items():
            out.write(b"\0" * (-out.tell() % _ALIGN))
            places[name] = [out.tell(), list(array.shape)]
            out.write(np.ascontiguousarray(array, dtype="<f4").tobytes())
    layout["tensors"] = places
    layout["stamp"] = file_stamp(weights)
    with writing_atomically(folder / LAYOUT_FILE) as staging:
        staging.write_text(json.dumps(layout))
    return True


def load_bert(folder: Path, weights_sha256: str) -> NumpyBert | None:
    """The numpy encoder of the export ``folder`` (made from weights with this sha256), or
    None when the folder has no whole ``bert.f32`` for them."""
    layout = _read_layout(folder, weights_sha256)
    if layout is None:
        return None
    try:
        return NumpyBert(folder / WEIGHTS_FILE, layout)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_layout(folder: Path, weights_sha256: str) -> dict[str, Any] | None:
    """The layout of ``bert.f32`` when it is for these weights and the file still matches
    its stamp (its size always; its hash when its modification time moved)."""
    try:
        layout = json.loads((folder / LAYOUT_FILE).read_text())
        if layout["format"] != FORMAT or layout["weights_sha256"] != weights_sha256:
            return None
        if not stamp_holds(folder / WEIGHTS_FILE, layout["stamp"]):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return layout if isinstance(layout, dict) else None


#: The sentence-transformers modules this encoder computes, in order (Normalize optional:
#: the export normalises in any case).
_MODULES = [
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
]


def _plain_bert(model_path: Path) -> tuple[BertShape, dict[str, np.ndarray]] | None:
    """The shape and fp32 tensors (names without any ``bert.`` prefix) of the model in
    ``model_path`` when it is a BERT encoder this module computes exactly, else None."""
    try:
        config = json.loads((model_path / "config.json").read_text())
        modules_file = model_path / "modules.json"
        if modules_file.is_file():
            kinds = [module["type"] for module in json.loads(modules_file.read_text())]
            if kinds not in (_MODULES, _MODULES[:2]):
                return None
        pooling_file = model_path / "1_Pooling" / "config.json"
        if pooling_file.is_file():
            pooling = json.loads(pooling_file.read_text())
            modes = {key for key, on in pooling.items() if key.startswith("pooling_mode_") and on}
            if modes != {"pooling_mode_mean_tokens"}:
                return None
        plain = (
            config.get("model_type") == "bert"
            and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and not config.get("is_decoder", False)
            and not config.get("add_cross_attention", False)
            and config["hidden_size"] % config["num_attention_heads"] == 0
        )
        if not plain:
            return None
        shape = BertShape(
            layers=int(config["num_hidden_layers"]),
            heads=int(config["num_attention_heads"]),
            hidden=int(config["hidden_size"]),
            intermediate=int(config["intermediate_size"]),
            positions=int(config["max_position_embeddings"]),
            eps=float(config.get("layer_norm_eps", 1e-12)),
        )
        tensors = _safetensors(model_path / "model.safetensors")
    except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError, struct.error):
        return None
    if tensors is None:
        return None
    return shape, tensors


def _safetensors(path: Path) -> dict[str, np.ndarray] | None:
    """The float32 tensors of a safetensors file, by name without a ``bert.`` prefix; None
    when it holds a tensor of another type (another precision is left to ONNX Runtime)."""
    with path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
        data = handle.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__" or name.endswith("position_ids"):
            continue
        if entry["dtype"] != "F32":
            return None
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"])
        tensors[name.removeprefix("bert.")] = array
    return tensors


def _arranged(shape: BertShape, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The tensors in the order and layout the forward pass reads: each linear layer's
    weights transposed to (inputs, outputs); query, key and value side by side."""
    arrays = {
        "word": tensors["embeddings.word_embeddings.weight"],
        "position": tensors["embeddings.position_embeddings.weight"][: shape.positions],
        "token_type": tensors["embeddings.token_type_embeddings.weight"][0],
        "norm.weight": tensors["embeddings.LayerNorm.weight"],
        "norm.bias": tensors["embeddings.LayerNorm.bias"],
    }
    for layer in range(shape.layers):
        prefix = f"encoder.layer.{layer}."
        attention = [prefix + f"attention.self.{part}" for part in ("query", "key", "value")]
        arrays |= {
            f"{layer}.qkv.weight": np.concatenate([tensors[a + ".weight"].T for a in attention], 1),
            f"{layer}.qkv.bias": np.concatenate([tensors[a + ".bias"] for a in attention]),
        }
        for name, source in (
            ("attention", "attention.output.dense"),
            ("intermediate", "intermediate.dense"),
            ("output", "output.dense"),
        ):
            arrays[f"{layer}.{name}.weight"] = tensors[prefix + source + ".weight"].T
            arrays[f"{layer}.{name}.bias"] = tensors[prefix + source + ".bias"]
        for name, source in (
            ("attention_norm", "attention.output.LayerNorm"),
            ("output_norm", "output.LayerNorm"),
        ):
            arrays[f"{layer}.{name}.weight"] = tensors[prefix + source + ".weight"]
            arrays[f"{layer}.{name}.bias"] = tensors[prefix + source + ".bias"]
    hidden = shape.hidden
    if arrays["word"].shape[1] != hidden or arrays["0.qkv.weight"].shape != (hidden, 3 * hidden):
        raise ValueError("tensor shapes do not match config.json")
    return arrays


class NumpyBert:
    """The forward pass of a BERT sentence encoder over memory-mapped fp32 weights:
    embeddings, the attention layers, mean pooling over the mask, L2 normalisation."""

    def __init__(self, weights: Path, layout: dict[str, Any]):
        self.shape = BertShape(**layout["shape"])
        mapped = np.memmap(weights, dtype="<f4", mode="r")
        self._tensors: dict[str, np.ndarray] = {}
        for name, (offset, dims) in layout["tensors"].items():
            begin = offset // 4
            self._tensors[name] = mapped[begin : begin + math.prod(dims)].reshape(dims)

    @property
    def dimension(self) -> int:
        """The length of the vectors."""
        return self.shape.hidden

    def embed(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Unit float32 vectors of a batch of token ids (rows padded, ``attention_mask`` 1
        where a row has a token), as the export's graph computes them."""
        with _one_blas_thread():
            return self._embed(input_ids, attention_mask)

    def _embed(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        weights, shape = self._tensors, self.shape
        batch, width = input_ids.shape
        heads, size = shape.heads, shape.hidden // shape.heads
        states = weights["word"][input_ids] + weights["position"][:width] + weights["token_type"]
        states = _layer_norm(states, weights["norm.weight"], weights["norm.bias"], shape.eps)
        # Padding is kept out of attention as the export does: the lowest float32 added.
        blocked = (1.0 - attention_mask[:, None, None, :].astype(np.float32)) * np.finfo(
            np.float32
        ).min
        scale = np.float32(1.0 / math.sqrt(size))
        for layer in range(shape.layers):
            w = {name: weights[f"{layer}.{name}"] for name in _LAYER_TENSORS}
            qkv = states @ w["qkv.weight"] + w["qkv.bias"]
            query, key, value = (
                part.reshape(batch, width, heads, size).transpose(0, 2, 1, 3)
                for part in np.split(qkv, 3, axis=-1)
            )
            scores = (query @ key.transpose(0, 1, 3, 2)) * scale + blocked
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch, width, shape.hidden)
            attended = context @ w["attention.weight"] + w["attention.bias"]
            states = _layer_norm(
                attended + states, w["attention_norm.weight"], w["attention_norm.bias"], shape.eps
            )
            inner = gelu(states @ w["intermediate.weight"] + w["intermediate.bias"])
            output = inner @ w["output.weight"] + w["output.bias"]
            states = _layer_norm(
                output + states, w["output_norm.weight"], w["output_norm.bias"], shape.eps
            )
        mask = attention_mask[:, :, None].astype(np.float32)
        mean = (states * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        norm = np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)
        return np.asarray(mean / norm, dtype=np.float32)


_LAYER_TENSORS = tuple(
    f"{name}.{part}"
    for name in ("qkv", "attention", "attention_norm", "intermediate", "output", "output_norm")
    for part in ("weight", "bias")
)


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """numpy's OpenBLAS on one thread meanwhile: a few tokens' products are too small to
    share, and its threads only wait for one another (on a busy machine for a free core,
    tripling the CPU time of a question). Other BLAS libraries are left as they are."""
    threads = _openblas_threads()
    if threads is None:
        yield
        return
    get, set_ = threads
    global _blas_users, _blas_threads_before
    # The count is global to the process: the first of overlapping calls (on several
    # threads) saves it, the last one out restores it.
    with _blas_lock:
        if _blas_users == 0:
            _blas_threads_before = get()
            set_(1)
        _blas_users += 1
    try:
        yield
    finally:
        with _blas_lock:
            _blas_users -= 1
            if _blas_users == 0:
                set_(_blas_threads_before)


_blas_lock = threading.Lock()
_blas_users = 0
_blas_threads_before = 1


@cache
def _openblas_threads() -> tuple[Callable[[], int], Callable[[int], None]] | None:
    """The functions getting and setting the thread count of the OpenBLAS numpy was built
    with (found through numpy's own extension module), or None for another BLAS."""
    try:
        import ctypes

        try:
            extension = importlib.import_module("numpy._core._multiarray_umath")
        except ImportError:  # numpy 1
            extension = importlib.import_module("numpy.core._multiarray_umath")
        library = ctypes.CDLL(extension.__file__)
    except (ImportError, OSError, AttributeError, TypeError):
        return None
    for prefix, suffix in (
        ("scipy_openblas", "64_"),
        ("scipy_openblas", ""),
        ("openblas", "64_"),
        ("openblas", ""),
    ):
        get = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
        set_ = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
        if get is not None and set_ is not None:
            get.restype, set_.argtypes = ctypes.c_int, [ctypes.c_int]
            return get, set_
    return None


def _layer_norm(states: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    """Layer normalisation over the last axis, its statistics in float64."""
    wide = states.astype(np.float64)
    centred = wide - wide.mean(axis=-1, keepdims=True)
    scaled = centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)
    return np.asarray(scaled * weight + bias, dtype=np.float32)


#: erfc(z) = t·exp(P(u) − z²) with t = 2 / (2 + z) and u = t mapped from [0.25, 1] onto
#: [−1, 1], for 0 ≤ z ≤ 6 (beyond 6 erfc is below 1e-16): the power coefficients of P,
#: lowest first, from its Chebyshev interpolant of degree 16 on 40-digit erfc values.
#: Φ (the normal distribution) from it is within 4e-14 of the exact value (the tests check
#: it against ``math.erf``), far inside a float32 step.
_ERFC_LOW_T = 0.25
_ERFC_COEFFICIENTS = (
    -0.501436725921194,
    0.515312687023218,
    0.005570761973979668,
    -0.021523642558272965,
    0.0004935317647050597,
    0.0020287653450620532,
    -0.00033022062732248464,
    -0.00019495373620819,
    8.147416234144403e-05,
    9.050474301669022e-06,
    -1.3614927123269977e-05,
    2.066017701191775e-06,
    1.4358824126773022e-06,
    -6.387096726231303e-07,
    -3.8569936489893066e-08,
    7.219573141577053e-08,
    -9.789663973820553e-09,
)


def normal_cdf(x: np.ndarray) -> np.ndarray:
    """Φ(x) = (1 + erf(x / √2)) / 2 in float64 (numpy has no erf)."""
    z = np.minimum(np.abs(x) * (1.0 / math.sqrt(2.0)), 6.0)
    t = 2.0 / (2.0 + z)
    u = (t - _ERFC_LOW_T) * (2.0 / (1.0 - _ERFC_LOW_T)) - 1.0
    polynomial = np.full_like(u, _ERFC_COEFFICIENTS[-1])
    for coefficient in reversed(_ERFC_COEFFICIENTS[:-1]):
        polynomial *= u
        polynomial += coefficient
    half_erfc = 0.5 * t * np.exp(polynomial - z * z)  # Φ(−|x|), without cancellation
    cdf: np.ndarray = np.where(x >= 0, 1.0 - half_erfc, half_erfc)
    return cdf


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU by erf, x·Φ(x), as BERT defines it: computed in float64, returned in float32."""
    wide = x.astype(np.float64)
    return np.asarray(wide * normal_cdf(wide), dtype=np.float32)


def bert_weights_present(folder: Path) -> bool:
    """Whether the export ``folder`` has a numpy encoder's layout (checked when loaded)."""
    return os.path.isfile(folder / LAYOUT_FILE)
