"""Long texts parsed in paragraph-sized pieces, then joined back into one ``Doc``.

spaCy's cost per word is flat, but a batch made of one long speech keeps the
parser's batch one state wide (slow) and its memory grows with the speech.
Cutting texts at blank lines into pieces of at most ``PARSE_CHUNK_CHARS``
characters lets one ``nlp.pipe`` batch mix pieces of many documents; each
``nlp.pipe`` call gets at most ``PIPE_TOKENS`` tokens, which bounds the
memory a worker needs whatever a document's length. Pieces end after a
blank line, where ``paragraph_boundaries`` starts a sentence anyway, so no
sentence is cut; the joined ``Doc`` has the document's exact text and offsets.
The taggers always see whole documents; a joined ``Doc`` has no ``tensor``
(the taggers never read it).

A single paragraph longer than ``MAX_PIECE_CHARS`` (a transcript with no blank
lines) is cut at its last sentence end before that size instead: the parser's
memory follows the longest piece, and one 76,000-character paragraph made a
worker peak 150 MB above what every other document needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy

from spacy.language import Language
from spacy.tokens import Doc

PARSE_CHUNK_CHARS = 3000  # part of the extractor: a change here changes every kind's version
# One nlp.pipe call parses at most this many tokens (or one longer piece): a worker's peak
# memory follows it, about 17 kB per token while the group is parsed. Tokens, not characters:
# a group of 30,000 characters held ~5,000 tokens of the readouts (+87 MB) but up to 6,700
# of the 5,000-document slice's transcripts (+117 MB). Pieces are tokenized first (the
# tokenizer runs once either way). Parses do not depend on how pieces are grouped.
# Both workers' groups add up in the job's peak, so the bound is the smallest that costs
# little speed. 1,410 readouts, two jobs per bound: 5,000 tokens peaked at 1,055-1,057 MiB,
# NLP step 28.5-29.2 s; 2,500 at 999-1,001 MiB, 29.0-29.6 s; 1,500 at 965-967 MiB,
# 29.8-30.7 s.
PIPE_TOKENS = 2_500
_PARAGRAPH_END = re.compile(r"\n\n\s*")  # a blank line and the whitespace after it
# Part of the extractor too. Far above any paragraph of the readouts, so only run-on
# transcripts are cut.
MAX_PIECE_CHARS = 10_000
# A sentence end: . ! or ? (and closing quotes or brackets), whitespace, then a capital
# (or an opening quote before one). The word before the stop is checked separately, so
# "Mr. Kishida" or "U.S. President" is no cut.
_SENTENCE_END = re.compile(r"(\w+)[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z])")
_NOT_SENTENCE_END = frozenset(
    "Mr Mrs Ms Dr St Gen Sen Rep Gov Lt Col Jr Sr No Prof Rev Hon Amb Sgt Capt Adm Maj "
    "Inc Co Corp Ltd vs Mt Ft Pres Gens Sens Reps Messrs Sec Dept Govt".split())


def _sentence_cut(text: str, start: int, stop: int) -> int | None:
    """End of the last sentence that ends in ``text[start:stop]`` (None when none does)."""
    cut = None
    for match in _SENTENCE_END.finditer(text, start, stop):
        word = match.group(1)
        if word not in _NOT_SENTENCE_END and not (len(word) == 1 and word.isupper()):
            cut = match.end()
    return cut if cut and cut > start else None


def cut_long_piece(piece: str, max_chars: int = MAX_PIECE_CHARS) -> list[str]:
    """``piece`` cut at sentence ends into parts of at most ``max_chars`` characters
    (at the last space when a stretch has no sentence end, at ``max_chars`` when it has
    no space either); ``"".join`` of the parts is ``piece``."""
    parts: list[str] = []
    start = 0
    while len(piece) - start > max_chars:
        stop = start + max_chars
        cut = _sentence_cut(piece, start, stop)
        if cut is None:
            space = piece.rfind(" ", start + 1, stop)
            cut = space + 1 if space > start else stop
        parts.append(piece[start:cut])
        start = cut
    parts.append(piece[start:])
    return parts


def paragraph_chunks(text: str, max_chars: int = PARSE_CHUNK_CHARS,
                     max_piece_chars: int = MAX_PIECE_CHARS) -> list[str]:
    """``text`` cut after blank lines into pieces of at most ``max_chars`` characters
    (a single longer paragraph stays whole up to ``max_piece_chars``, beyond which it is
    cut at sentence ends); ``"".join`` of the pieces is ``text``."""
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    start = last_cut = 0
    for match in _PARAGRAPH_END.finditer(text):
        cut = match.end()
        if cut >= len(text):
            break
        if cut - start > max_chars and last_cut > start:
            pieces.append(text[start:last_cut])
            start = last_cut
        last_cut = cut
    if len(text) - start > max_chars and last_cut > start:
        pieces.append(text[start:last_cut])
        start = last_cut
    pieces.append(text[start:])
    return [part for piece in pieces for part in (
        cut_long_piece(piece, max_piece_chars) if len(piece) > max_piece_chars else (piece,))]


def pipe_groups(pieces: Iterable[Doc], batch_size: int, max_tokens: int = PIPE_TOKENS) -> Iterator[list[Doc]]:
    """Tokenized ``pieces`` in order, cut into groups of at most ``batch_size`` pieces and
    ``max_tokens`` tokens (a longer piece is a group of its own)."""
    group: list[Doc] = []
    tokens = 0
    for piece in pieces:
        if group and (len(group) >= batch_size or tokens + len(piece) > max_tokens):
            yield group
            group, tokens = [], 0
        group.append(piece)
        tokens += len(piece)
    if group:
        yield group


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int,
                max_chars: int = PARSE_CHUNK_CHARS, pipe_tokens: int = PIPE_TOKENS) -> Iterator[Doc]:
    """One parsed ``Doc`` per text, in order, each parsed as its paragraph pieces."""
    texts = list(texts)
    pieces = [paragraph_chunks(text, max_chars) for text in texts]
    tokenized = (nlp.make_doc(piece) for group in pieces for piece in group)
    parsed = iter(doc for group in pipe_groups(tokenized, max(batch_size, 1), pipe_tokens)
                  for doc in nlp.pipe(group, batch_size=len(group)))
    for group in pieces:
        if len(group) == 1:
            yield next(parsed)
            continue
        docs = [_without_tensor(next(parsed)) for _ in group]
        joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
        del docs  # the pieces, not held while the taggers read the joined Doc
        yield joined


def _without_tensor(piece: Doc) -> Doc:
    """``piece`` with its tok2vec output dropped: the joined Doc leaves it out anyway, and a
    long document's earlier pieces waited with it (384 bytes a token) while its last ones
    were parsed."""
    piece.tensor = numpy.zeros((0,), dtype="float32")
    return piece
