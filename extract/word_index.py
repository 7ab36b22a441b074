"""Where a document's candidate tokens are, found once per document with numpy.

The taggers look for rare trigger words ("met", "pledged", "visitors") and
numbers. Walking every token of a speech in Python to find them cost more than
checking the few found; a vectorised test over ``Doc.to_array`` finds the same
tokens (a trigger must be one of the listed lower-case forms, a number must look
like one), and each tagger then visits only those.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import numpy as np
from spacy.attrs import ENT_TYPE, LIKE_NUM, LOWER, ORTH, POS, PREFIX
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

_LOWER_KEY = "communique_lower"
_HASHES: dict[int, tuple[Collection[str], np.ndarray]] = {}
_DIGITS = np.unique(np.array([get_string_id(str(d)) for d in range(10)], dtype=np.uint64))


def _lower(doc: Doc) -> np.ndarray:
    lower = doc.user_data.get(_LOWER_KEY)
    if lower is None:
        lower = doc.user_data[_LOWER_KEY] = doc.to_array(LOWER)
    return lower


def _hashes(words: Collection[str]) -> np.ndarray:
    """String ids of ``words``, sorted (kept per word table: the tables live as long as the
    codebook)."""
    cached = _HASHES.get(id(words))
    if cached is None or cached[0] is not words:
        ids = np.unique(np.array([get_string_id(w) for w in words], dtype=np.uint64))
        cached = _HASHES[id(words)] = (words, ids)
    return cached[1]


def _member(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Which ``values`` are in ``table`` (sorted, unique): a binary search per value, where
    ``np.isin`` sorts both arrays together on every call (a codebook's word table is the
    larger one, and the same for every document)."""
    if not len(table):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(table, values), len(table) - 1)
    return table[at] == values


def word_positions(doc: Doc, words: Collection[str]) -> np.ndarray:
    """Ascending indices of the tokens whose lower-case form is one of ``words``."""
    return np.flatnonzero(_member(_lower(doc), _hashes(words)))


def orth_positions(doc: Doc, texts: Collection[str]) -> np.ndarray:
    """Ascending indices of the tokens whose text is one of ``texts``, case as written (as
    ``text_positions`` with ``texts.__contains__``, by string id, with no call per text)."""
    return np.flatnonzero(_member(doc.to_array(ORTH), _hashes(texts)))


def text_positions(doc: Doc, accepts: Callable[[str], bool]) -> np.ndarray:
    """Ascending indices of the tokens whose text ``accepts`` (asked once per distinct text)."""
    orths = doc.to_array(ORTH)
    distinct = np.unique(orths)
    strings = doc.vocab.strings
    wanted = np.array([orth for orth in distinct.tolist() if accepts(strings[orth])], dtype=np.uint64)
    return np.flatnonzero(_member(orths, wanted))  # sorted, as ``distinct`` is


def untagged_positions(doc: Doc, pos: int) -> np.ndarray:
    """Ascending indices of the tokens with part of speech ``pos`` outside any entity."""
    if not len(doc):
        return np.empty(0, dtype=np.int64)
    tags = doc.to_array([POS, ENT_TYPE])
    return np.flatnonzero((tags[:, 0] == pos) & (tags[:, 1] == 0))


def number_positions(doc: Doc) -> np.ndarray:
    """Ascending indices of the tokens that may carry a number: like a number ("1,000",
    "ten"), or starting with a digit ("5bn")."""
    if not len(doc):
        return np.empty(0, dtype=np.int64)
    like_num = doc.to_array(LIKE_NUM).astype(bool)
    return np.flatnonzero(like_num | _member(doc.to_array(PREFIX), _DIGITS))


def _bounds(span: Span, positions: np.ndarray) -> tuple[int, int]:
    low, high = np.searchsorted(positions, (span.start, span.end))
    return int(low), int(high)


def any_within(span: Span, positions: np.ndarray) -> bool:
    """Whether one of ``positions`` falls inside ``span``."""
    low, high = _bounds(span, positions)
    return high > low


def tokens_within(span: Span, positions: np.ndarray) -> list:
    """The tokens of ``span`` at ``positions``, in order."""
    low, high = _bounds(span, positions)
    doc = span.doc
    return [doc[int(i)] for i in positions[low:high]]
