"""A document's text, computed once per spaCy ``Doc``.

``Doc.text`` is rebuilt token by token on every access (a Python-level loop
over the whole document); the taggers read it many times per document, which
on long speeches cost more than the taggers' own work.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "communique_text"


def remember_text(doc: Doc, text: str) -> None:
    """Record the text ``doc`` was made from (a tokenizer keeps every character, so it is
    ``doc.text``), sparing the token-by-token rebuild."""
    doc.user_data[_KEY] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached in ``doc.user_data`` (a Doc's text never changes)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
