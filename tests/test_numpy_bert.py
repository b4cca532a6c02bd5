"""A plain BERT model's questions embed in numpy as on ONNX Runtime; other models stay there."""

from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from eval_questions import eval_questions

from qa.index.embed import ModelSpec, question_embedder, resolve_model
from qa.index.numpy_bert import (
    LAYOUT_FILE,
    WEIGHTS_FILE,
    _one_blas_thread,
    _openblas_threads,
    derive_bert_weights,
    gelu,
    load_bert,
    normal_cdf,
)
from qa.index.onnx_embed import OnnxEmbedder, index_export_folder
from qa.search.assistant import Assistant

QUESTION = "How many women are trafficked out of Kazakhstan annually?"


@pytest.fixture(scope="module")
def export(assistant: Assistant) -> Path:
    """The model export of the session's bundled-corpus index (``qa index`` derived the
    numpy encoder's weights there)."""
    weights = assistant.snapshot.manifest.weights_sha256
    return index_export_folder(assistant.settings.index_dir, weights)


@pytest.fixture(scope="module")
def spec(assistant: Assistant, export: Path) -> ModelSpec:
    manifest = assistant.snapshot.manifest
    return ModelSpec(manifest.model, str(export), manifest.weights_sha256)


def test_the_normal_distribution_is_computed_far_inside_a_float32_step() -> None:
    x = np.linspace(-40.0, 40.0, 400_001)
    exact = np.array([(1.0 + math.erf(v / math.sqrt(2.0))) / 2.0 for v in x])
    assert float(np.abs(normal_cdf(x) - exact).max()) <= 1e-13
    inputs = np.linspace(-60.0, 60.0, 12_001, dtype=np.float32)
    exact = np.array([v * (1.0 + math.erf(v / math.sqrt(2.0))) / 2.0 for v in inputs.tolist()])
    assert gelu(inputs).dtype == np.float32
    # Within float32 rounding of the exact value (and 1e-15 where it is all but zero).
    assert np.allclose(gelu(inputs), exact, rtol=2.0**-24, atol=1e-15)


def test_indexing_derives_the_numpy_weights_of_the_bundled_model_beside_its_export(
    export: Path, spec: ModelSpec
) -> None:
    assert (export / WEIGHTS_FILE).is_file() and (export / LAYOUT_FILE).is_file()
    encoder = load_bert(export, spec.weights_sha256)
    assert encoder is not None and encoder.dimension == 384
    assert load_bert(export, "0" * 64) is None  # weights other than the export's


def test_every_eval_question_embeds_in_numpy_within_1e5_of_onnx_runtime(
    assistant: Assistant, export: Path, spec: ModelSpec
) -> None:
    questions = eval_questions()
    assert len(questions) > 3000
    manifest = assistant.snapshot.manifest
    asked = question_embedder(assistant.settings.index_dir, manifest, manifest.model)
    on_onnx_runtime = OnnxEmbedder(export, spec, threads=1)  # the graph, never numpy
    expected = on_onnx_runtime.encode(questions)
    batched = asked.encode(questions)  # 32 a batch, padded: the mask matters
    assert float(np.abs(batched - expected).max()) <= 1e-5
    one_by_one = np.vstack([asked.encode([question]) for question in questions[::10]])
    assert float(np.abs(one_by_one - expected[::10]).max()) <= 1e-5
    assert np.allclose(np.linalg.norm(batched, axis=1), 1.0, atol=1e-6)


def _linked_export(export: Path, folder: Path) -> Path:
    """A copy of the export in ``folder``: its files hard-linked, the numpy weights copied."""
    folder.mkdir()
    for path in export.iterdir():
        if path.is_file():
            if path.name == WEIGHTS_FILE:
                shutil.copy2(path, folder / path.name)
            else:
                os.link(path, folder / path.name)
    return folder


def test_damaged_numpy_weights_leave_questions_to_onnx_runtime_until_derived_again(
    export: Path, spec: ModelSpec, tmp_path: Path
) -> None:
    copy = _linked_export(export, tmp_path / "export")
    expected = OnnxEmbedder(copy, spec, threads=1, optimized_ahead=True).encode([QUESTION])
    weights = copy / WEIGHTS_FILE
    with weights.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\x7f" * 64)
    assert load_bert(copy, spec.weights_sha256) is None
    fallback = OnnxEmbedder(copy, spec, threads=1, optimized_ahead=True).encode([QUESTION])
    assert float(np.abs(fallback - expected).max()) <= 1e-5
    model = resolve_model(spec.name)
    assert derive_bert_weights(copy, Path(model.path), spec.weights_sha256)
    assert load_bert(copy, spec.weights_sha256) is not None


def _model_copy(folder: Path, change: dict[str, object]) -> Path:
    """The bundled model's small files in ``folder``, its weights linked, ``config.json``
    changed by ``change``."""
    source = Path(resolve_model("all-MiniLM-L6-v2").path)
    shutil.copytree(source, folder, copy_function=os.link)
    config = folder / "config.json"
    config.unlink()
    config.write_text(json.dumps({**json.loads((source / "config.json").read_text()), **change}))
    return folder


@pytest.mark.parametrize(
    "change",
    [
        {"model_type": "roberta"},
        {"hidden_act": "gelu_new"},
        {"position_embedding_type": "relative_key"},
        {"hidden_size": 768, "num_attention_heads": 12},  # not the weights' sizes
        {"num_attention_heads": 0},
    ],
)
def test_a_model_other_than_plain_bert_gets_no_numpy_weights(
    change: dict[str, object], tmp_path: Path
) -> None:
    model = _model_copy(tmp_path / "model", change)
    export = tmp_path / "export"
    export.mkdir()
    assert not derive_bert_weights(export, model, "f" * 64)
    assert sorted(export.iterdir()) == []


def test_a_model_with_other_sentence_modules_gets_no_numpy_weights(tmp_path: Path) -> None:
    model = _model_copy(tmp_path / "model", {})
    modules = json.loads((model / "modules.json").read_text())
    modules.insert(
        2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    )
    (model / "modules.json").unlink()
    (model / "modules.json").write_text(json.dumps(modules))
    export = tmp_path / "export"
    export.mkdir()
    assert not derive_bert_weights(export, model, "f" * 64)
    assert derive_bert_weights(export, _model_copy(tmp_path / "plain", {}), "f" * 64)


def test_overlapping_questions_give_openblas_back_its_thread_count() -> None:
    threads = _openblas_threads()
    if threads is None:
        pytest.skip("numpy is not built with OpenBLAS")
    get, set_ = threads
    before = get()
    set_(2)
    try:
        first, second = _one_blas_thread(), _one_blas_thread()
        first.__enter__()
        second.__enter__()  # another thread's question begins before the first ends
        assert get() == 1
        first.__exit__(None, None, None)
        assert get() == 1  # the second still runs
        second.__exit__(None, None, None)
        assert get() == 2
    finally:
        set_(before)
