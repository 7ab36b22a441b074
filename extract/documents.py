"""The two things reading raw input can yield: a cleaned `Document` or a `Rejection`.

A document's id is a hash of its cleaned text, so the same story arriving under two
file names is one document seen twice, and every downstream offset refers to `text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

PUBLISHED_AT_SOURCES = ("metadata", "text", "unknown")
REJECTION_REASONS = ("empty", "binary", "undecodable", "malformed_jsonl", "oversized", "no_text")


@dataclass(frozen=True)
class Document:
    document_id: str          # sha256(text) hex, first 20 chars  (id = content hash)
    content_sha256: str       # full sha256 hex of `text`
    source_uri: str           # path relative to raw dir; JSONL line: "path#id" or "path#line-N"
    title: str | None
    published_at: date | None
    published_at_source: str  # "metadata" | "text" | "unknown"
    text: str                 # cleaned text; ALL offsets refer to it
    url: str | None
    raw_sha256: str           # sha256 of the raw bytes (file) or raw line (JSONL)


@dataclass(frozen=True)
class Rejection:
    source_uri: str
    reason: str   # empty | binary | undecodable | malformed_jsonl | oversized | no_text
    detail: str   # human sentence: what was wrong, line number, size, ...
    raw_sha256: str | None


def sha256_hex(data: bytes | str) -> str:
    """Hex sha256 of bytes, or of a string's UTF-8 encoding."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def make_document(
    *,
    source_uri: str,
    text: str,
    raw_sha256: str,
    title: str | None = None,
    published_at: date | None = None,
    published_at_source: str = "unknown",
    url: str | None = None,
) -> Document:
    """Build a Document whose ids are derived from its cleaned text (never passed in)."""
    content_sha256 = sha256_hex(text)
    return Document(
        document_id=content_sha256[:20],
        content_sha256=content_sha256,
        source_uri=source_uri,
        title=title,
        published_at=published_at,
        published_at_source=published_at_source if published_at else "unknown",
        text=text,
        url=url,
        raw_sha256=raw_sha256,
    )
