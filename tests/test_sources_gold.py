"""Cleaning must keep every gold evidence sentence verbatim (up to whitespace).

Gold evidence was copied from the raw files, where White House sentences are
hard-wrapped; the cleaned text joins those lines, so whitespace runs are
compared as one space. Anything else (a dropped line, a stripped character,
a mangled quote) fails here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from extract.sources import read_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
MAX_BYTES = 20 * 1024 * 1024
GOLD_FILES = ("seeds.jsonl", "whitehouse-dev.jsonl", "voa-dev.jsonl", "headlines-dev.jsonl")

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold annotations not available")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def gold_corpus_path(doc: str) -> tuple[Path, str | None]:
    """Gold `doc` name -> (corpus file, JSONL id or None)."""
    name, _, line_id = doc.partition("#")
    if name == "voa_stories.jsonl":
        return CORPUS / "voa" / name, line_id
    if name == "headlines.jsonl":
        return CORPUS / "headlines" / name, line_id
    for folder in ("seeds", "whitehouse", "whitehouse-tourism"):
        if (CORPUS / folder / name).is_file():
            return CORPUS / folder / name, None
    raise FileNotFoundError(doc)


@lru_cache(maxsize=None)
def cleaned_texts(path: Path) -> dict[str, str]:
    """source_uri -> cleaned text for every document read from `path`."""
    return {doc.source_uri: doc.text for doc in read_path(path, path.parent, MAX_BYTES) if hasattr(doc, "text")}


def gold_evidence() -> list[tuple[str, str]]:
    pairs = []
    for name in GOLD_FILES:
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("evidence"):
                pairs.append((record["doc"], record["evidence"]))
    return pairs


def cleaned_text_for(doc: str) -> str:
    path, line_id = gold_corpus_path(doc)
    uri = f"{path.name}#{line_id}" if line_id else path.name
    return cleaned_texts(path)[uri]


@pytest.mark.parametrize(("doc", "evidence"), gold_evidence(), ids=lambda value: str(value)[:40])
def test_gold_evidence_survives_cleaning(doc: str, evidence: str) -> None:
    assert _squash(evidence) in _squash(cleaned_text_for(doc))


def test_every_gold_document_is_read() -> None:
    """Documents annotated as holding nothing must still be read, not rejected."""
    docs = {json.loads(line)["doc"] for name in GOLD_FILES for line in (GOLD / name).read_text().splitlines()}
    for doc in docs:
        assert cleaned_text_for(doc).strip(), doc
