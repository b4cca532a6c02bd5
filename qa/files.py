"""Putting a file in place whole: readers see the old file, the new one, or none."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path


def copy_atomically(source: Path, target: Path, *, link: bool = False) -> None:
    """Copy ``source`` to ``target`` under a hidden temporary name, then rename it into place.

    With ``link`` a hard link is tried first (for files that are never changed in
    place). The hidden name keeps the indexer from reading a half-copied file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    try:
        if link:
            try:
                os.link(source, staging)
            except OSError:
                shutil.copyfile(source, staging)
        else:
            shutil.copyfile(source, staging)
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
