"""Where the index lives: the local index folder, or a PostgreSQL database.

``Settings.store`` chooses: None (the default) is the folder ``Settings.index_dir``
(``qa.storage.store``); a ``postgresql://`` URL is a database (``qa.storage.pg_store`` reads,
``qa.storage.pg_writer`` writes). Indexing and the assistant ask this module, so neither
knows which it is. The local folder still keeps the ONNX export of the model and
the embedding cache of an interrupted run, whichever store holds the index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from qa.config import Settings
from qa.storage.contract import GenerationData, Manifest, Storage


def open_storage(settings: Settings) -> Storage:
    """Open the current index for reading; raise IndexMissingError when none is built."""
    if settings.store is not None:
        from qa.storage.pg_store import PostgresStorage

        return PostgresStorage(settings.store)
    from qa.storage.store import open_snapshot

    return open_snapshot(settings.index_dir)


def current_generation(settings: Settings) -> str | None:
    """The name of the generation a reader opened now would see; None when none is built."""
    if settings.store is not None:
        from qa.storage.pg_store import current_generation as database_generation

        return database_generation(settings.store)
    from qa.storage.store import current_generation as folder_generation

    folder = folder_generation(settings.index_dir)
    return None if folder is None else folder.name


@contextmanager
def write_lock(
    settings: Settings, *, wait: bool, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Be the one process writing this index (see ``qa.storage.store.write_lock``); a folder
    index is also cleared of what a killed writer left."""
    if settings.store is not None:
        from qa.storage.pg_writer import write_lock as database_lock

        with database_lock(settings.store, wait=wait, on_wait=on_wait):
            yield
        return
    from qa.storage.store import clean_leftovers
    from qa.storage.store import write_lock as folder_lock

    with folder_lock(settings.index_dir, wait=wait, on_wait=on_wait):
        clean_leftovers(settings.index_dir)
        yield


def write(settings: Settings, data: GenerationData, manifest: Manifest) -> None:
    """Make ``data`` the current index, atomically (the caller holds ``write_lock``)."""
    if settings.store is not None:
        from qa.storage.pg_writer import write_index

        write_index(settings.store, data, manifest)
        return
    from qa.storage.store import write_generation

    write_generation(settings.index_dir, data, manifest)
