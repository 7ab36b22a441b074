"""Paragraph breaks as sentence boundaries (a spaCy component that runs before the parser).

Titles and headings carry no full stop, so without this the parser glues a heading
onto the next paragraph's first sentence. The boundaries are written in one
``Doc.from_array`` call: setting ``Token.is_sent_start`` one token at a time re-checks
the whole document for a parse on every assignment, which made long speeches cost
time quadratic in their length.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

_NOT_START = np.uint64(2**64 - 1)  # -1 as Doc.to_array/from_array carry it (uint64)


def paragraph_break_tokens(doc: Doc, is_space: np.ndarray | None = None) -> list[int]:
    """Indices, ascending, of the whitespace tokens (never the last) holding a blank line."""
    is_space = doc.to_array(IS_SPACE) if is_space is None else is_space
    return [int(i) for i in np.flatnonzero(is_space[:-1]) if "\n\n" in doc[int(i)].text]


@Language.component("paragraph_boundaries",
                    assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line starts a sentence; the word after the break does not stand alone."""
    is_space = doc.to_array(IS_SPACE)
    breaks = paragraph_break_tokens(doc, is_space)
    if not breaks:
        return doc
    sent_starts = doc.to_array(SENT_START)
    for i in breaks:
        sent_starts[i + 1] = 1
        if i + 2 < len(doc) and not is_space[i + 2]:
            sent_starts[i + 2] = _NOT_START  # no one-word sentence after a break
    doc.from_array([SENT_START], sent_starts)
    return doc
