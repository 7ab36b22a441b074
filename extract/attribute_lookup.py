"""The model's attribute ruler with its rules looked up per word instead of matched.

en_core_web_sm's ``attribute_ruler`` sets POS, MORPH and LEMMA from the tagger's
TAG, the word and the parse (179 rules; the taggers read ``token.pos_``). spaCy's
``Matcher`` tries every rule at every token: it took 1.9 of 11.7 s of parsing
200 readouts in one process, more than the parser. Its rules test only TAG,
LOWER, DEP and IS_SPACE, with equality, ``IN``, ``NOT_IN`` or ``REGEX``, on
fixed-length token sequences. So the rules whose first token a token can be
follow from those four values alone: they are worked out once per combination
of values (equality rules from tables, the others by their predicates) and
remembered; a longer rule then checks its next tokens the same way. A rule
with anything else (an ``OP``, another attribute or operator) stays with a
``Matcher`` of its own. The matches are applied by spaCy's own
``AttributeRuler.set_annotations``, in the same order, so documents get the
same token attributes (tests/test_attribute_lookup.py compares them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.vocab import Vocab

COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the values a token is looked up by, in this order
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
_STRING_COLUMNS = {"TAG", "LOWER", "DEP"}
# Value combinations remembered, then forgotten all at once: about 350 bytes each. A worker
# meets 22,900 over its half of the 1,410 readouts and 33,000 over 250 documents of the
# 5,000-document slice, so at 50,000 only the longer run filled it (about 10 MB more per
# worker at 5,000). Both fill this bound, so a worker holds the same at any corpus size;
# extraction CPU over 250 of the slice's documents: 39.2 / 39.1 s against 39.2 / 39.3 s.
MAX_REMEMBERED = 16_000

# A predicate on one token: (column index, operator, value); operators "==", "IN", "NOT_IN", "REGEX"
Predicate = tuple[int, str, object]


def _predicates(token: dict) -> list[Predicate] | None:
    """A token pattern as predicates on COLUMNS; None when it needs the Matcher."""
    found = []
    for name, value in token.items():
        column = name.upper() if isinstance(name, str) else None
        if column not in COLUMNS:
            return None
        index = COLUMNS.index(column)
        if isinstance(value, bool) and column == "IS_SPACE":
            found.append((index, "==", int(value)))
        elif isinstance(value, str) and column in _STRING_COLUMNS:
            found.append((index, "==", get_string_id(value)))
        elif (isinstance(value, dict) and len(value) == 1 and column in _STRING_COLUMNS):
            ((operator, operand),) = value.items()
            if operator in ("IN", "NOT_IN") and isinstance(operand, list) \
                    and all(isinstance(v, str) for v in operand):
                found.append((index, operator, frozenset(get_string_id(v) for v in operand)))
            elif operator == "REGEX" and isinstance(operand, str):
                found.append((index, operator, re.compile(operand)))
            else:
                return None
        else:
            return None
    return found


class LookupAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that finds the tokens its rules match by lookup, not by Matcher."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", *, validate: bool = False) -> None:
        super().__init__(vocab, name, validate=validate)
        self._reset_lookups()

    def _reset_lookups(self) -> None:
        self._alternatives: list[list] = []   # each rule's patterns, as added
        self._match_ids: list[int] = []       # rule -> the match id a Matcher would report
        self._in_matcher = False
        # sequences the lookup handles: (rule, predicates of each token)
        self._sequences: list[tuple[int, list[list[Predicate]]]] = []
        # first tokens that are equalities only: column indices -> their values -> sequences
        self._tables: dict[tuple[int, ...], dict[tuple, list[int]]] = {}
        self._other_firsts: list[int] = []    # sequences whose first token needs its predicates
        self._remembered: dict[tuple, tuple[int, ...]] = {}

    def clear(self) -> None:
        super().clear()
        self._reset_lookups()

    def add(self, patterns: Iterable[list[dict]], attrs: dict, index: int = 0) -> None:
        rule = len(self.attrs)
        patterns = list(patterns)
        for_matcher = []
        for pattern in patterns:
            tokens = [_predicates(token) for token in pattern] if pattern else [None]
            if any(predicates is None for predicates in tokens):
                for_matcher.append(pattern)
                continue
            sequence = len(self._sequences)
            self._sequences.append((rule, tokens))
            first = tokens[0]
            if all(operator == "==" for _, operator, _ in first):
                by_column = {column: value for column, _, value in first}
                columns = tuple(sorted(by_column))
                values = tuple(by_column[column] for column in columns)
                self._tables.setdefault(columns, {}).setdefault(values, []).append(sequence)
            else:
                self._other_firsts.append(sequence)
        match_id = self.vocab.strings.add(str(rule))  # as AttributeRuler.add names its rules
        if for_matcher:
            self.matcher.add(match_id, for_matcher)
            self._in_matcher = True
        self._match_ids.append(match_id)
        self._alternatives.append(patterns)
        self._remembered.clear()
        self._attrs_unnormed.append(attrs)
        self.attrs.append(normalize_token_attrs(self.vocab, attrs))
        self.indices.append(index)

    @property
    def patterns(self) -> list[dict]:
        return [{"patterns": self._alternatives[i], "attrs": self._attrs_unnormed[i],
                 "index": self.indices[i]} for i in range(len(self.attrs))]

    def _holds(self, predicates: list[Predicate], values: tuple) -> bool:
        for column, operator, operand in predicates:
            value = values[column]
            if operator == "==":
                if value != operand:
                    return False
            elif operator == "IN":
                if value not in operand:
                    return False
            elif operator == "NOT_IN":
                if value in operand:
                    return False
            elif not operand.search(self.vocab.strings[value]):  # REGEX, on the string
                return False
        return True

    def _starting(self, values: tuple) -> tuple[int, ...]:
        """The sequences whose first token a token with these COLUMNS values matches."""
        found = self._remembered.get(values)
        if found is None:
            starts = [sequence for columns, table in self._tables.items()
                      for sequence in table.get(tuple(values[c] for c in columns), ())]
            starts += [sequence for sequence in self._other_firsts
                       if self._holds(self._sequences[sequence][1][0], values)]
            found = tuple(starts)
            if len(self._remembered) >= MAX_REMEMBERED:
                self._remembered.clear()
            self._remembered[values] = found
        return found

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, match id, start, end) of every match, sorted, as ``AttributeRuler.match``
        gives them (a rule matching one span twice applies the same attributes twice)."""
        matches = []
        if self._in_matcher:
            matches = [(int(self.vocab.strings[match_id]), match_id, start, end)
                       for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False)]
        rows = [tuple(row) for row in doc.to_array(_ARRAY_ATTRS).tolist()]
        for start, values in enumerate(rows):
            for sequence in self._starting(values):
                rule, tokens = self._sequences[sequence]
                end = start + len(tokens)
                if end > len(rows) or not all(self._holds(predicates, rows[start + offset])
                                              for offset, predicates in enumerate(tokens[1:], 1)):
                    continue
                matches.append((rule, self._match_ids[rule], start, end))
        matches.sort()
        return matches


@Language.factory("lookup_attribute_ruler",
                  requires=["token.tag", "token.dep"],
                  assigns=["token.pos", "token.morph", "token.lemma"],
                  default_config={"validate": False})
def make_lookup_attribute_ruler(nlp: Language, name: str, validate: bool) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.vocab, name, validate=validate)


def use_lookup_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler ``name`` by a ``LookupAttributeRuler`` with the
    same rules, under the same name and in the same place; False when there is none."""
    if name not in nlp.pipe_names:
        return False
    rules = nlp.get_pipe(name).patterns
    nlp.replace_pipe(name, "lookup_attribute_ruler").add_patterns(rules)
    return True
