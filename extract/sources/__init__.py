"""Reading raw input files into `Document`s and `Rejection`s (see docs/design.md)."""

from extract.sources.reader import KnownFiles, read_path, read_raw_dir
from extract.sources.rescan import FileRead, Unchanged, cleaner_version

__all__ = ["FileRead", "KnownFiles", "Unchanged", "cleaner_version", "read_path", "read_raw_dir"]
