"""From a decoded body plus metadata to one cleaned `Document`.

Every format funnels through `build_document`, so cleaning, dating and the
title rule are the same whether the text came from Markdown, JSONL or HTML.
"""

from __future__ import annotations

from extract.documents import Document, make_document
from extract.sources.errors import InputRejected
from extract.sources.furniture import remove_furniture_lines
from extract.sources.markdown import strip_markdown_lines
from extract.sources.pubdate import find_text_date, parse_date
from extract.sources.textclean import clean_inline, normalise_characters, normalise_newlines, tidy_lines
from extract.sources.unwrap import unwrap_markdown_lines, unwrap_plain


def clean_text(body: str, *, markdown: bool) -> str:
    """Cleaned body text: characters, line joining, markup, furniture, whitespace.

    The line steps hand a list of lines to each other instead of joining and
    splitting the text between steps (no step puts a newline inside a line).
    """
    text = normalise_characters(normalise_newlines(body))
    lines = strip_markdown_lines(unwrap_markdown_lines(text)) if markdown else unwrap_plain(text).split("\n")
    return tidy_lines(remove_furniture_lines(lines))


def prepend_title(title: str | None, text: str) -> str:
    """"Title\\n\\nbody", unless the body already opens with the title."""
    if not title:
        return text
    if " ".join(text[: len(title) * 2].split()).casefold().startswith(title.casefold()):
        return text
    return f"{title}\n\n{text}"


def build_document(
    *,
    source_uri: str,
    raw_sha256: str,
    body: str,
    markdown: bool = False,
    title: str | None = None,
    date_value: str | None = None,
    url: str | None = None,
) -> Document:
    """A Document, or InputRejected("no_text") when nothing is left after cleaning.

    The date: metadata first (`date_value`), else a dateline/timestamp near the
    top of the raw body (looked for before furniture removal drops such lines).
    """
    published_at = parse_date(date_value) if date_value else None
    published_at_source = "metadata"
    if published_at is None:
        published_at = find_text_date(normalise_newlines(body[:4000]))
        published_at_source = "text"
    text = clean_text(body, markdown=markdown)
    if not text:
        raise InputRejected("no_text", "nothing is left after removing markup and page furniture")
    clean_title = clean_inline(title)
    return make_document(
        source_uri=source_uri,
        text=prepend_title(clean_title, text),
        raw_sha256=raw_sha256,
        title=clean_title,
        published_at=published_at,
        published_at_source=published_at_source if published_at else "unknown",
        url=clean_inline(url),
    )
