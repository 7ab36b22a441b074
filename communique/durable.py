"""fsync of a written file, or of a directory after a rename in it, so either survives a crash."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_path(path: Path, directory: bool = False) -> None:
    """Flush ``path`` (a file, or with ``directory`` the entries of a directory) to disk."""
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
