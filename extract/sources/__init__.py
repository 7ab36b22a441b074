"""Reading raw input files into `Document`s and `Rejection`s (see docs/design.md)."""

from extract.sources.reader import read_path, read_raw_dir

__all__ = ["read_path", "read_raw_dir"]
