"""Which files a scan reads: everything under the raw dir, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def iter_input_files(raw_dir: Path) -> Iterator[tuple[str, Path]]:
    """(source_uri, path) of regular files under `raw_dir`, recursively, sorted by uri.

    Hidden files and directories (name starting with ".") are skipped: editors,
    git and sync tools leave them behind and they are never news.
    """
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(raw_dir):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.is_file():
                found.append((path.relative_to(raw_dir).as_posix(), path))
    found.sort(key=lambda item: item[0])
    yield from found


def relative_uri(path: Path, root: Path) -> str:
    """A file's source_uri: its path relative to the scanned root, with "/" separators."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
