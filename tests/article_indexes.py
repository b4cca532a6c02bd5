"""Indexes built for tests of what an article's vectors depend on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from qa.config import Settings
from qa.index.indexing import update_index


def index_alone_and_with_the_rest(
    corpus_settings: Settings, folder: Path, **options: Any
) -> dict[str, Settings]:
    """The first article of the session's corpus indexed alone and with every other one,
    with ``options`` set, each into a folder of its own holding the session's model export
    (hard-linked): for tests of what an article's vectors depend on."""
    files = sorted(corpus_settings.corpus_dir.iterdir())
    built = {}
    for name, chosen in (("alone", files[:1]), ("together", files)):
        settings = Settings(
            corpus_dir=folder / name / "corpus", index_dir=folder / name / "index", **options
        )
        settings.corpus_dir.mkdir(parents=True)
        for path in chosen:
            (settings.corpus_dir / path.name).write_bytes(path.read_bytes())
        shutil.copytree(
            corpus_settings.index_dir / "models",
            settings.index_dir / "models",
            copy_function=os.link,
        )
        update_index(settings)
        built[name] = settings
    return built
