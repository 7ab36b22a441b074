"""HTML pages: main text, title, date and URL via trafilatura (imported lazily)."""

from __future__ import annotations

from dataclasses import dataclass

from extract.sources.errors import InputRejected


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None
    date: str | None   # ISO date from the page's own metadata markup, if any
    url: str | None


def extract_html(html: str) -> HtmlContent:
    """Main text of a page without navigation, ads and comments.

    The date comes only from the page's markup (meta tags, JSON-LD, <time>),
    never guessed from its text: htmldate's extensive search is switched off.
    """
    import trafilatura  # lazy: heavy, and only HTML needs it

    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or not (extracted.text or "").strip():
        raise InputRejected("no_text", "HTML page has no main text that trafilatura could extract")
    return HtmlContent(text=extracted.text, title=extracted.title, date=extracted.date, url=extracted.url)
