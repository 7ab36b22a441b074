"""Benchmark corpora: deterministic document sets, held-out additions, cleaned texts.

A size ``N`` up to the number of White House readouts is the first ``N``
readouts (sorted by file name); a larger ``N`` is the first ``N`` Markdown
members, in sorted order, of the whole briefing-room archive, extracted once
into ``data/bench/corpus-N/`` and reused. The documents a "1% new" run adds
are held out from the start: ``ceil(N / 100)`` archive members, in the same
sorted order, that are not in the corpus (after the slice for an archive
slice; the archive's first non-readouts for the readouts).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tarfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from communique.config import REPO_ROOT

CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"
READOUTS_DIR = CORPUS_DIR / "whitehouse"
ARCHIVE = CORPUS_DIR / "whitehouse-full.tar.xz"
COMPLETE_MARKER = ".bench-complete.json"   # hidden: the raw-dir walker skips it


@dataclass(frozen=True)
class CorpusFiles:
    """Files of one benchmark corpus: (relative path, absolute path), sorted."""

    label: str
    root: Path
    files: tuple[tuple[str, Path], ...]


@dataclass(frozen=True)
class CorpusPlan:
    """The corpus a size measures and the documents held out for the "1% new" run."""

    size: int
    corpus: CorpusFiles
    extra: CorpusFiles


def count_words(text: str) -> int:
    """Words as the benchmark counts them: whitespace-separated tokens."""
    return len(text.split())


def holdout_size(size: int) -> int:
    """1% of the corpus, at least one document."""
    return max(1, math.ceil(size / 100))


def archive_documents(names: Iterable[str]) -> list[str]:
    """Markdown members inside a category folder (not the archive's own README), sorted."""
    chosen = []
    for name in names:
        clean = name[2:] if name.startswith("./") else name
        if clean.endswith(".md") and "/" in clean:
            chosen.append(clean)
    return sorted(chosen)


def select_slice(names: Iterable[str], size: int, skip_basenames: Iterable[str] = (),
                 extra: int | None = None) -> tuple[list[str], list[str]]:
    """(first ``size`` documents, the next ``extra`` (default 1%) held out), skipping used basenames."""
    skip = set(skip_basenames)
    ordered = [n for n in archive_documents(names) if n.rsplit("/", 1)[-1] not in skip]
    extra = holdout_size(size) if extra is None else extra
    if len(ordered) < size + extra:
        raise ValueError(f"the archive has {len(ordered)} documents, {size + extra} needed")
    return ordered[:size], ordered[size:size + extra]


def _archive_names(archive: Path) -> list[str]:
    with tarfile.open(archive, "r|xz") as tar:
        return [member.name for member in tar if member.isfile()]


def _cached_archive_names(archive: Path, cache: Path) -> list[str]:
    """Member names, listed once per archive version (listing decompresses all of it)."""
    key = {"archive": str(archive), "bytes": archive.stat().st_size}
    if cache.is_file():
        cached = json.loads(cache.read_text())
        if cached.get("key") == key:
            return cached["names"]
    names = _archive_names(archive)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"key": key, "names": names}))
    return names


def extract_members(archive: Path, wanted: Iterable[str], target: Path) -> None:
    """Stream the archive once and write the wanted members under ``target``."""
    wanted_set = set(wanted)
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r|xz") as tar:
        for member in tar:
            name = member.name[2:] if member.name.startswith("./") else member.name
            if member.isfile() and name in wanted_set:
                destination = target / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                destination.write_bytes(source.read() if source else b"")
                wanted_set.discard(name)
                if not wanted_set:  # sorted slices sit early in the archive: stop there
                    break


def _list_files(root: Path) -> tuple[tuple[str, Path], ...]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                path = Path(dirpath) / name
                found.append((path.relative_to(root).as_posix(), path))
    return tuple(sorted(found))


def _materialised(target: Path, members: list[str], archive: Path) -> CorpusFiles:
    """The members extracted under ``target`` (done once: a marker lists what is there)."""
    marker = target / COMPLETE_MARKER
    if not (marker.is_file() and json.loads(marker.read_text()) == members):
        if target.exists():
            shutil.rmtree(target)
        extract_members(archive, members, target)
        marker.write_text(json.dumps(members))
    return CorpusFiles(target.name, target, _list_files(target))


def plan_corpus(size: int, bench_dir: Path, archive: Path = ARCHIVE,
                readouts_dir: Path = READOUTS_DIR) -> CorpusPlan:
    """The corpus of ``size`` documents and its held-out 1%, extracting what is missing."""
    readouts = _list_files(readouts_dir)
    names = _cached_archive_names(archive, bench_dir / "archive-members.json")
    if size <= len(readouts):
        corpus = CorpusFiles(f"readouts-{size}", readouts_dir, readouts[:size])
        _, extra = select_slice(names, 0, [rel.rsplit("/", 1)[-1] for rel, _ in readouts],
                                extra=holdout_size(size))
    else:
        members, extra = select_slice(names, size)
        corpus = _materialised(bench_dir / f"corpus-{size}", members, archive)
    extra_files = _materialised(bench_dir / f"extra-{corpus.label}", list(extra), archive)
    return CorpusPlan(size, corpus, extra_files)


def link_files(files: Iterable[tuple[str, Path]], target: Path) -> int:
    """Hard-link (or copy across file systems) files under ``target``; returns the count."""
    count = 0
    for rel, source in files:
        destination = target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, destination)
        except OSError:
            shutil.copyfile(source, destination)
        count += 1
    return count


@dataclass(frozen=True)
class TextSet:
    """Cleaned texts of distinct documents (what the NLP reads), written as JSONL."""

    path: Path
    documents: int
    words: int
    chars: int


def cleaned_texts(raw_dir: Path, max_file_bytes: int) -> Iterator[tuple[str, str]]:
    """(document_id, cleaned text) of each distinct document, as the pipeline reads them."""
    from extract.documents import Document
    from extract.sources import read_raw_dir

    seen: set[str] = set()
    for item in read_raw_dir(raw_dir, max_file_bytes):
        if isinstance(item, Document) and item.document_id not in seen:
            seen.add(item.document_id)
            yield item.document_id, item.text


def write_texts(texts: Iterable[tuple[str, str]], path: Path) -> TextSet:
    """One ``{"id", "text"}`` object per line; counts words as ``count_words`` does."""
    documents = words = chars = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for document_id, text in texts:
            out.write(json.dumps({"id": document_id, "text": text}) + "\n")
            documents += 1
            words += count_words(text)
            chars += len(text)
    return TextSet(path, documents, words, chars)
