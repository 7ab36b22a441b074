"""Re-scans that skip unchanged files: the cleaner version and the markers a scan yields.

A raw file whose bytes and cleaner are the same as at the last scan would read
as the same Documents and Rejections, so it is not decoded and cleaned again;
the work database keeps the rows it gave last time. "Cleaner" covers all that
decides how bytes read: the code and data files of extract/sources, the
Document rules and the libraries they call, so a change to any re-reads all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent
DOCUMENTS_MODULE = SOURCES_DIR.parent / "documents.py"
# Decoding (charset-normalizer), front matter (PyYAML) and HTML (trafilatura and what it uses).
CLEANER_LIBRARIES = ("charset-normalizer", "PyYAML", "trafilatura", "htmldate", "justext", "lxml")


@dataclass(frozen=True)
class FileRead:
    """A raw file read and cleaned in this scan; the items that follow are its rows."""

    source_uri: str
    raw_sha256: str | None  # None: not read (too large or unreadable), nothing to skip next time
    cleaner_version: str


@dataclass(frozen=True)
class Unchanged:
    """A raw file read with the same bytes and cleaner by the last scan: its rows stand as they are."""

    source_uri: str
    raw_sha256: str
    cleaner_version: str


@lru_cache(maxsize=1)
def cleaner_version() -> str:
    """The cleaner version of this installation, computed once per process."""
    return cleaner_digest(SOURCES_DIR)


def cleaner_digest(sources_dir: Path) -> str:
    """Hash of the .py and .txt files of `sources_dir`, extract/documents.py and the library versions."""
    digest = hashlib.sha256()
    files = sorted(p for p in Path(sources_dir).iterdir() if p.suffix in (".py", ".txt"))
    for path in [*files, DOCUMENTS_MODULE]:
        digest.update(f"{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for library in CLEANER_LIBRARIES:
        digest.update(f"{library}=={_library_version(library)}\0".encode())
    return digest.hexdigest()[:16]


def _library_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"
