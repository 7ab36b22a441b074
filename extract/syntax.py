"""Walks over a spaCy dependency parse that more than one tagger takes."""

from __future__ import annotations

from spacy.tokens import Token


def first_conjunct(token: Token) -> Token:
    """The head of the coordination ``token`` is in ("Denmark" for "Iceland" in "Denmark, Iceland")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token
