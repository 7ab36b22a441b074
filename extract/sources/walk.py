"""Which files a scan reads: everything under the raw dir, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def iter_input_files(raw_dir: Path) -> Iterator[tuple[str, str]]:
    """(source_uri, path) of regular files under `raw_dir`, recursively, sorted by uri.

    Hidden files and directories (name starting with ".") are skipped: editors,
    git and sync tools leave them behind and they are never news.
    Only the uris are held while sorting, and each path is yielded as a plain
    string: a ``Path`` interns every part of its name in CPython's table of
    interned strings, which grows as new names pass through it and never
    shrinks (a scan of 5,000 files doubled it: a 1.9 MiB table kept for good).
    """
    raw_dir = Path(raw_dir)
    uris: list[str] = []
    for dirpath, dirnames, filenames in os.walk(raw_dir):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        prefix = Path(dirpath).relative_to(raw_dir).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        for name in filenames:
            if not name.startswith(".") and os.path.isfile(os.path.join(dirpath, name)):
                uris.append(prefix + name)
    uris.sort()
    root = os.fspath(raw_dir)
    for uri in uris:
        yield uri, os.path.join(root, uri)


def relative_uri(path: Path, root: Path) -> str:
    """A file's source_uri: its path relative to the scanned root, with "/" separators."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
