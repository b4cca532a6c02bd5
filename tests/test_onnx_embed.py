"""The ONNX export of the embedding model and its torch-free embedder."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from qa.config import Settings
from qa.errors import ModelError
from qa.index.embed import ModelSpec, resolve_model, sentence_transformer
from qa.index.onnx_embed import OnnxEmbedder, onnx_path, optimized_graph, read_export_info
from qa.index.onnx_export import export_onnx

pytestmark = pytest.mark.slow  # the ONNX export of the real model

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def model() -> ModelSpec:
    return resolve_model("all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def export_folder(model: ModelSpec, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled model exported once per session, in fp32 and int8."""
    folder = tmp_path_factory.mktemp("onnx")
    export_onnx(model, folder, quantize=True)
    return folder


@pytest.fixture(scope="session")
def corpus_passages() -> list[str]:
    """About 110-word windows and a few short lines of the bundled corpus articles."""
    passages = []
    for path in sorted((PROJECT / "corpus").iterdir()):
        words = path.read_text(encoding="utf-8", errors="replace").split()
        passages += [" ".join(words[i : i + 110]) for i in range(0, 110 * 4, 110)]
        passages.append(" ".join(words[500:509]))
    return [p for p in passages if p]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1))


def test_fp32_export_embeds_like_sentence_transformers(
    model: ModelSpec, export_folder: Path, corpus_passages: list[str]
) -> None:
    texts = [*corpus_passages, "How many women are smuggled out of Kazakhstan each year?"]
    expected = sentence_transformer(model).encode(texts)
    vectors = OnnxEmbedder(export_folder, model, threads=2).encode(texts)
    assert vectors.shape == (len(texts), 384)
    assert vectors.dtype == np.float32
    assert _cosines(vectors, expected).min() >= 0.999
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_text_longer_than_the_model_window_is_cut_like_sentence_transformers(
    model: ModelSpec, export_folder: Path, corpus_passages: list[str]
) -> None:
    long_text = " ".join(corpus_passages[:6])
    expected = sentence_transformer(model).encode([long_text])
    vector = OnnxEmbedder(export_folder, model, threads=1).encode([long_text])
    assert _cosines(vector, expected)[0] >= 0.999


def test_batches_sorted_by_length_return_vectors_in_input_order(
    model: ModelSpec, export_folder: Path, corpus_passages: list[str]
) -> None:
    texts = corpus_passages[:7]
    embedder = OnnxEmbedder(export_folder, model, threads=1, batch_size=3)
    one_by_one = np.vstack([embedder.encode([text]) for text in texts])
    assert _cosines(embedder.encode(texts), one_by_one).min() >= 0.9999


def test_progress_counts_every_text_once(
    model: ModelSpec, export_folder: Path, corpus_passages: list[str]
) -> None:
    reported: list[int] = []
    embedder = OnnxEmbedder(export_folder, model, threads=1, batch_size=4)
    embedder.encode(corpus_passages[:10], reported.append)
    assert reported == [4, 4, 2]


def test_texts_run_one_at_a_time_on_sessions_side_by_side_keep_their_own_vectors_and_order(
    model: ModelSpec, export_folder: Path, corpus_passages: list[str]
) -> None:
    texts = corpus_passages[:9]
    alone = OnnxEmbedder(export_folder, model, threads=1, batch_size=1, quantized=True)
    side_by_side = OnnxEmbedder(export_folder, model, threads=3, batch_size=1, quantized=True)
    reported: list[int] = []
    vectors = side_by_side.encode(texts, reported.append)
    np.testing.assert_array_equal(vectors, np.vstack([alone.encode([t]) for t in texts]))
    assert reported == [9]


def test_no_texts_give_an_empty_matrix(model: ModelSpec, export_folder: Path) -> None:
    assert OnnxEmbedder(export_folder, model, threads=1).encode([]).shape == (0, 384)


def test_int8_export_stays_close_to_fp32(
    model: ModelSpec, export_folder: Path, corpus_passages: list[str]
) -> None:
    fp32 = OnnxEmbedder(export_folder, model, threads=2).encode(corpus_passages)
    int8 = OnnxEmbedder(export_folder, model, threads=2, quantized=True)
    assert int8.quantized
    assert _cosines(int8.encode(corpus_passages), fp32).mean() >= 0.97
    assert onnx_path(export_folder, quantized=True).stat().st_size < (
        onnx_path(export_folder).stat().st_size / 3
    )


def test_export_records_what_it_was_made_from(model: ModelSpec, export_folder: Path) -> None:
    info = read_export_info(export_folder)
    quantized = read_export_info(export_folder, quantized=True)
    assert info is not None and quantized is not None
    assert (info.model, info.weights_sha256, info.quantized) == (
        model.name,
        model.weights_sha256,
        False,
    )
    assert quantized.quantized
    assert (info.dimension, info.max_tokens, info.opset) == (384, 256, 17)


def test_an_export_from_the_same_weights_is_reused(model: ModelSpec, export_folder: Path) -> None:
    graph = onnx_path(export_folder)
    before = graph.stat().st_mtime_ns
    assert export_onnx(model, export_folder) == graph
    assert graph.stat().st_mtime_ns == before


def test_the_graph_optimised_ahead_embeds_within_a_float_step_of_optimising_at_load(
    model: ModelSpec, export_folder: Path, corpus_passages: list[str]
) -> None:
    texts = [*corpus_passages, "How many women are smuggled out of Kazakhstan each year?"]
    ahead = OnnxEmbedder(export_folder, model, threads=1, optimized_ahead=True)
    at_load = OnnxEmbedder(export_folder, model, threads=1)
    # The question session does not prepack its weights: its products round differently.
    assert float(np.abs(ahead.encode(texts) - at_load.encode(texts)).max()) <= 1e-6


def test_the_optimised_graph_is_made_once_and_again_for_another_onnxruntime(
    model: ModelSpec, export_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "model.onnx").symlink_to(onnx_path(export_folder))
    graph = optimized_graph(folder)
    made = graph.stat().st_mtime_ns
    assert optimized_graph(folder) == graph and graph.stat().st_mtime_ns == made
    stamp = graph.with_suffix(".json")
    stamp.write_text(stamp.read_text().replace('"onnxruntime ', '"onnxruntime 0.'))
    assert optimized_graph(folder).stat().st_mtime_ns != made
    assert not [path.name for path in folder.iterdir() if path.name.startswith(".")]


def test_an_export_from_other_weights_is_refused(model: ModelSpec, export_folder: Path) -> None:
    other = replace(model, weights_sha256="0" * 64)
    with pytest.raises(ModelError) as raised:
        OnnxEmbedder(export_folder, other, threads=1)
    assert str(raised.value) == (
        f"the ONNX export in {export_folder} was made from other weights "
        f"(sha256 53aa51172d14…, expected 000000000000…)"
    )


def test_a_truncated_export_counts_as_missing(model: ModelSpec, tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(b"\x08\x07")
    (tmp_path / "tokenizer.json").write_text("{}")
    (tmp_path / "model.json").write_text(
        '{"model": "m", "weights_sha256": "x", "quantized": false, "opset": 17, '
        '"onnxruntime": "1", "dimension": 384, "max_tokens": 256, "onnx_bytes": 999}'
    )
    assert read_export_info(tmp_path) is None
    with pytest.raises(ModelError) as raised:
        OnnxEmbedder(tmp_path, model, threads=1)
    assert str(raised.value) == f"no finished fp32 ONNX export of the model in {tmp_path}"


def test_embedding_with_the_export_never_imports_torch(
    model: ModelSpec, export_folder: Path
) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qa.index.embed import ModelSpec\n"
        "from qa.index.onnx_embed import OnnxEmbedder\n"
        f"spec = ModelSpec({model.name!r}, '', {model.weights_sha256!r})\n"
        f"vectors = OnnxEmbedder(Path({str(export_folder)!r}), spec, 1).encode(['a question'])\n"
        "assert vectors.shape == (1, 384)\n"
        "heavy = sorted({'torch', 'sentence_transformers', 'transformers'} & set(sys.modules))\n"
        "assert not heavy, heavy\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr


def test_asking_the_indexed_corpus_imports_no_torch_bm25s_scipy_faiss_tokenizers_or_ort(
    corpus_settings: Settings,
) -> None:
    script = (
        "import sys\n"
        "from qa.ui.cli import main\n"
        "code = main(['ask', 'How many women are smuggled out of Kazakhstan each year?'])\n"
        "assert code == 0, code\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers', 'bm25s', 'scipy'}\n"
        "heavy |= {'faiss', 'onnx', 'tokenizers', 'onnxruntime'}\n"
        "heavy = sorted(heavy & set(sys.modules))\n"
        "assert not heavy, heavy\n"
        "import os\n"  # nor start BLAS threads: one thread is left once the answer is out
        "tasks = '/proc/self/task'\n"
        "threads = len(os.listdir(tasks)) if os.path.isdir(tasks) else 1\n"
        "assert threads == 1, threads\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={
            **os.environ,
            "PYTHONPATH": str(PROJECT),
            "QA_INDEX": str(corpus_settings.index_dir),
            "QA_CORPUS": str(corpus_settings.corpus_dir),
        },
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "7000 women" in completed.stdout
