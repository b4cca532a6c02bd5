"""Making the ONNX export of a model (torch, through transformers), once per model.

The graph takes ``input_ids`` and ``attention_mask`` and returns mean-pooled,
L2-normalised embeddings; ``qa.index.onnx_embed`` runs it without torch. The export
folder's layout and its recorded facts are described there.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from qa.errors import ModelError
from qa.files import copy_atomically, file_sha256, write_text_atomically, writing_atomically
from qa.index.embed import ModelSpec, model_max_tokens, stay_offline
from qa.index.onnx_embed import (
    INPUT_NAMES,
    OUTPUT_NAME,
    TOKENIZER_FILE,
    ExportInfo,
    info_path,
    onnx_path,
    read_export_info,
)

OPSET = 17
#: Exports made by this process, by weights hash and kind: a second index is
#: given links to the same files instead of a new export (seconds, and torch).
_MADE: dict[tuple[str, bool], Path] = {}


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
    for source in (earlier / TOKENIZER_FILE, graph, info_path(earlier, quantized=quantize)):
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
    axes = {"batch": 0, "sequence": 1}
    with writing_atomically(target) as staging, warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled(),
            (example, example),
            str(staging),
            dynamo=False,
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME],
            dynamic_axes={
                **{name: {i: axis for axis, i in axes.items()} for name in INPUT_NAMES},
                OUTPUT_NAME: {0: "batch"},
            },
            opset_version=OPSET,
        )


def _quantize(source: Path, target: Path) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # quantize_dynamic warns on the root logger about pre-processing
    try:
        # Per-channel scales keep int8 embeddings much closer to fp32 (mean cosine
        # about 0.99 instead of 0.93 with one scale per tensor) at the same speed.
        with writing_atomically(target) as staging:
            quantize_dynamic(
                str(source), str(staging), weight_type=QuantType.QInt8, per_channel=True
            )
    finally:
        root.setLevel(level)


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
        onnx_sha256=file_sha256(graph),
        onnx_mtime_ns=graph.stat().st_mtime_ns,
        tokenizer_sha256=file_sha256(folder / TOKENIZER_FILE),
    )
    target = info_path(folder, quantized=quantized)
    write_text_atomically(target, json.dumps(asdict(info), indent=2, sort_keys=True))
