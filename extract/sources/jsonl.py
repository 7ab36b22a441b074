"""JSON Lines files: one document per line, bad lines refused one by one."""

from __future__ import annotations

import json
from collections.abc import Iterator

from extract.documents import Document, Rejection, sha256_hex
from extract.sources.assemble import build_document
from extract.sources.errors import InputRejected

TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "date", "published_time", "published_at")
URL_KEYS = ("url", "source_url", "link")


def read_jsonl(raw: bytes, uri: str) -> Iterator[Document | Rejection]:
    """One Document or Rejection per non-blank line of `raw`.

    source_uri is "uri#<id>" (or "uri#line-N", 1-based, when the line has no id
    or repeats an id already used in this file, so source_uri stays unique).
    """
    seen_ids: set[str] = set()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for number, line in enumerate(raw.split(b"\n"), start=1):
        line = line.rstrip(b"\r")
        if not line.strip():
            continue
        line_sha = sha256_hex(line)
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            yield Rejection(f"{uri}#line-{number}", "malformed_jsonl", f"line {number} is not valid JSON: {err}", line_sha)
            continue
        if not isinstance(record, dict):
            yield Rejection(f"{uri}#line-{number}", "malformed_jsonl", f"line {number} is a JSON {type(record).__name__}, not an object", line_sha)
            continue
        line_uri = _line_uri(uri, number, record.get("id"), seen_ids)
        text = _first_string(record, TEXT_KEYS)
        if text is None:
            yield Rejection(line_uri, "no_text", f"line {number} has no non-empty \"text\" field", line_sha)
            continue
        try:
            yield build_document(
                source_uri=line_uri,
                raw_sha256=line_sha,
                body=text,
                title=_first_string(record, TITLE_KEYS),
                date_value=_first_string(record, DATE_KEYS),
                url=_first_string(record, URL_KEYS),
            )
        except InputRejected as rejected:
            yield Rejection(line_uri, rejected.reason, f"line {number}: {rejected.detail}", line_sha)


def _line_uri(uri: str, number: int, record_id: object, seen_ids: set[str]) -> str:
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
        key = str(record_id).strip()
        if key not in seen_ids:
            seen_ids.add(key)
            return f"{uri}#{key}"
    return f"{uri}#line-{number}"


def _first_string(record: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None
