"""The local storage backend passes the storage contract; its engines stay behind it."""

from __future__ import annotations

import ast
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_contract import StorageContract, build_contract_data

from qa.errors import IndexIncompatibleError
from qa.storage.contract import GenerationData, Manifest, Storage
from qa.storage.store import SCHEMA_VERSION, open_snapshot, write_generation

PACKAGE = Path(__file__).resolve().parent.parent / "qa"
#: The local backend: the only modules that may import its engines.
LOCAL_BACKEND_ENGINES = {
    "storage/vectors.py": {"faiss"},
    "storage/lexical.py": {"bm25s", "Stemmer"},
}
LOCAL_BACKEND = {"storage/store.py", "storage/snapshot.py"}
#: The PostgreSQL backend takes BM25's analyser from qa.storage.lexical, so its terms are the same.
POSTGRES_BACKEND = {
    "storage/pg_store.py": {"qa.storage.lexical"},
    "storage/pg_writer.py": {"qa.storage.lexical"},
}


@pytest.fixture(scope="module")
def contract_data() -> tuple[GenerationData, Manifest]:
    return build_contract_data()


class TestLocalStorage(StorageContract):
    @pytest.fixture(scope="class")
    @classmethod
    def storage(
        cls,
        contract_data: tuple[GenerationData, Manifest],
        tmp_path_factory: pytest.TempPathFactory,
    ) -> Iterator[Storage]:
        data, manifest = contract_data
        index_dir = tmp_path_factory.mktemp("local-storage")
        write_generation(
            index_dir, data, dataclasses.replace(manifest, schema_version=SCHEMA_VERSION)
        )
        snapshot = open_snapshot(index_dir)
        yield snapshot
        snapshot.close()


def test_an_index_from_an_earlier_version_is_refused_with_a_rebuild_message(
    contract_data: tuple[GenerationData, Manifest], tmp_path: Path
) -> None:
    data, manifest = contract_data
    folder = write_generation(
        tmp_path, data, dataclasses.replace(manifest, schema_version=SCHEMA_VERSION)
    )
    old = json.loads((folder / "manifest.json").read_text())
    old.update(schema_version=2, vector_index="hnsw(M=32,efConstruction=80,efSearch=1024)")
    (folder / "manifest.json").write_text(json.dumps(old))
    with pytest.raises(IndexIncompatibleError) as raised:
        open_snapshot(tmp_path)
    assert str(raised.value) == (
        f"the index was built by another version of qa (schema 2, this qa reads {SCHEMA_VERSION}); "
        "run `qa index --rebuild` to build it again"
    )


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (top-level name and full dotted name)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules = [node.module]
        else:
            continue
        for module in modules:
            names.update({module, module.split(".")[0]})
    return names


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_only_the_local_backend_imports_faiss_or_bm25s() -> None:
    engines = {"faiss", "bm25s", "Stemmer"}
    found = {
        _name(path): _imports(path) & engines
        for path in PACKAGE.rglob("*.py")
        if _imports(path) & engines
    }
    assert found == LOCAL_BACKEND_ENGINES


def test_only_the_backends_use_the_modules_that_wrap_the_local_engines() -> None:
    wrappers = {"qa.storage.vectors", "qa.storage.lexical"}
    users = {_name(path): _imports(path) & wrappers for path in PACKAGE.rglob("*.py")}
    users = {name: used for name, used in users.items() if used}
    assert users.keys() - POSTGRES_BACKEND.keys() == LOCAL_BACKEND
    assert {name: users[name] for name in POSTGRES_BACKEND} == POSTGRES_BACKEND
