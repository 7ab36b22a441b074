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


_HEADING_WORDS = 12
_HEADING_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or",
                                  "the", "to", "with"})
_LINE_END_PUNCTUATION = frozenset(".!?:;,\"'”’)-–—")


def paragraph_break_tokens(doc: Doc, is_space: np.ndarray | None = None) -> list[int]:
    """Indices, ascending, of the whitespace tokens (never the last) holding a blank line, or
    a line break after a line with no closing punctuation before a capital (a heading over
    its paragraph: "U.S. – Italy Cooperation for Shared Prosperity" / "The United States and
    Italy agree ...")."""
    is_space = doc.to_array(IS_SPACE) if is_space is None else is_space
    return [int(i) for i in np.flatnonzero(is_space[:-1]) if "\n\n" in doc[int(i)].text
            or "\n" in doc[int(i)].text and _after_heading(doc, int(i))]


def _after_heading(doc: Doc, i: int) -> bool:
    """The line before the break at ``i`` is a heading: short, title-case, no closing punctuation
    (not a hard-wrapped line of prose: "... met from May 10-11 with Chinese" / "Communist Party
    Politburo Member and Director of the Office of the")."""
    if not i or doc[i - 1].text[-1:] in _LINE_END_PUNCTUATION or not doc[i + 1].text[:1].isupper():
        return False
    words = []
    for j in range(i - 1, max(-1, i - 1 - _HEADING_WORDS), -1):
        if doc[j].is_space and "\n" in doc[j].text:
            break
        words.append(doc[j].text)
    else:
        if i - 1 - _HEADING_WORDS >= 0:
            return False  # longer than a heading
    # (words run backwards: the first is the line's last)
    return bool(words) and words[0] not in _HEADING_SMALL_WORDS and words[-1][:1].isupper() \
        and all(not w[:1].isalpha() or w[:1].isupper() or w in _HEADING_SMALL_WORDS for w in words)


@Language.component("paragraph_boundaries",
                    assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line (or a heading's line break) starts a sentence; the word after the break
    does not stand alone."""
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
