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
``Matcher`` of its own.

Applying the matches one by one (spaCy's ``set_annotations``: a ``Span`` and a
``Token`` per match, about 2.5 matches a token) took as long again as finding
them. The one-token rules a token's four values start make one merged effect
(later rules win, as when applied in order), remembered with the values; the
effects are written column by column into the document's arrays, the rare
longer matches on top, and put back with one ``Doc.from_array``. Documents
get the same token attributes (tests/test_attribute_lookup.py compares them).
A ruler with a rule for its Matcher, or one setting anything but
``TOKEN_ATTRS``, applies its matches as spaCy's does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.vocab import Vocab

COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the values a token is looked up by, in this order
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
_STRING_COLUMNS = {"TAG", "LOWER", "DEP"}
_STRING_INDICES = [COLUMNS.index(column) for column in sorted(_STRING_COLUMNS)]
UNNAMED = -1  # the key of a value no rule's first token names (no string hashes to it)
# Value combinations remembered, then forgotten all at once: about 350 bytes each. With the
# values no rule names looked up as one (``_Named``), 300 readouts meet 438 of them and 300
# slice documents after them 601 more (before, 22,900 over a worker's half of the readouts
# filled a bound of 16,000). At 1,024 a slice worker holds at most 0.2 MB more than a
# readouts one; over those 600 documents the ruler took 0.82-0.89 s of CPU at 1,024 or
# 16,000, 0.95 s at 512 and 1.19-1.22 s at 256 (more forgotten, more looked up again).
MAX_REMEMBERED = 1_024
# Values of a column remembered as looked up (see _Named), then forgotten all at once: a
# worker meets 13,600 distinct words over its half of the readouts, many more over the
# slice; at 4,000 both fill it early, so it holds the same (about 0.3 MB) at either size,
# and a word met again after a clearing costs a few microseconds (34,000 such over that half).
VALUES_REMEMBERED = 4_000

# What a rule may set to be applied through the document's arrays: attributes only a token
# holds (``set_token_attrs`` also writes a lexeme's attributes, none of these).
TOKEN_ATTRS = (POS, MORPH, LEMMA, TAG, DEP)

# A predicate on one token: (column index, operator, value); operators "==", "IN", "NOT_IN", "REGEX"
Predicate = tuple[int, str, object]


class _Named:
    """The values of one string column that rules' first tokens name (``==``, ``IN``,
    ``NOT_IN``) or find (``REGEX``). Every other value fails and passes the same first-token
    predicates, so it is looked up as UNNAMED: the memo of value combinations then holds
    a few hundred, not one per word met."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.named: set[int] = set()
        self.patterns: list[re.Pattern] = []
        self.keys: dict[int, int] = {}  # value -> itself or UNNAMED, as met

    def note(self, operator: str, operand) -> None:
        if operator == "REGEX":
            self.patterns.append(operand)
        else:
            self.named.update(operand if operator in ("IN", "NOT_IN") else (operand,))
        self.keys.clear()

    def keys_of(self, values: list[int]) -> list[int]:
        """The column's values as looked up: each itself if named or found, else UNNAMED."""
        keys, key = self.keys, self._key
        return [keys[value] if value in keys else key(value) for value in values]

    def _key(self, value: int) -> int:
        named = value in self.named or any(
            pattern.search(self.vocab.strings[value]) for pattern in self.patterns)
        if len(self.keys) >= VALUES_REMEMBERED:
            self.keys.clear()
        self.keys[value] = value if named else UNNAMED
        return self.keys[value]


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
        # values -> (sequences they start, their one-token rules' merged effect, longer sequences)
        self._remembered: dict[tuple, tuple[tuple[int, ...], int, tuple[int, ...]]] = {}
        self._by_matches = False              # a rule the arrays cannot apply: apply match by match
        self._set_attrs: list[int] = []       # the TOKEN_ATTRS some rule sets: the arrays' columns
        self._effects: dict[tuple, int] = {}  # merged effect (a value or None per column) -> its id
        self._effect_arrays: tuple | None = None
        # per string column, the values a rule's first token names (see _Named)
        self._named = {column: _Named(self.vocab) for column in _STRING_INDICES}

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
            if not -len(tokens) <= index < len(tokens):
                self._by_matches = True  # spaCy raises its own error when such a rule matches
            sequence = len(self._sequences)
            self._sequences.append((rule, tokens))
            first = tokens[0]
            for column, operator, operand in first:
                if column in self._named:
                    self._named[column].note(operator, operand)
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
        normalized = normalize_token_attrs(self.vocab, attrs)
        if not set(normalized) <= set(TOKEN_ATTRS):
            self._by_matches = True
        self._set_attrs = [a for a in TOKEN_ATTRS if a in self._set_attrs or a in normalized]
        self._remembered.clear()
        self._effects.clear()
        self._effect_arrays = None
        self._attrs_unnormed.append(attrs)
        self.attrs.append(normalized)
        self.indices.append(index)

    def _keys(self, doc: Doc) -> tuple[list[tuple], list[tuple]]:
        """Each token's COLUMNS values, and the key its first-token rules are looked up by:
        the same with each value no first token names as UNNAMED (see ``_Named``)."""
        columns = doc.to_array(_ARRAY_ATTRS).T.tolist()
        rows = list(zip(*columns))
        for column, named in self._named.items():
            columns[column] = named.keys_of(columns[column])
        return rows, list(zip(*columns))

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
            elif value == UNNAMED or not operand.search(self.vocab.strings[value]):  # REGEX, on the string
                return False
        return True

    def _starting(self, values: tuple) -> tuple[int, ...]:
        """The sequences whose first token a token with these COLUMNS values matches."""
        return self._looked_up(values)[0]

    def _looked_up(self, values: tuple) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
        """What a token with these COLUMNS values starts: the sequences, the id of the merged
        effect of its one-token rules, and its longer sequences; remembered."""
        found = self._remembered.get(values)
        if found is None:
            starts = [sequence for columns, table in self._tables.items()
                      for sequence in table.get(tuple(values[c] for c in columns), ())]
            starts += [sequence for sequence in self._other_firsts
                       if self._holds(self._sequences[sequence][1][0], values)]
            singles = [self._sequences[sequence][0] for sequence in starts
                       if len(self._sequences[sequence][1]) == 1]
            longer = tuple(sequence for sequence in starts if len(self._sequences[sequence][1]) > 1)
            found = (tuple(starts), self._effect_id(self._merged(singles)), longer)
            if len(self._remembered) >= MAX_REMEMBERED:
                self._remembered.clear()
            self._remembered[values] = found
        return found

    def _merged(self, rules: Iterable[int]) -> dict[int, int]:
        """The attributes these rules set, applied in rule order as spaCy's ruler applies them."""
        merged: dict[int, int] = {}
        for rule in sorted(rules):
            merged.update(self.attrs[rule])
        return merged

    def _effect_id(self, merged: dict[int, int]) -> int:
        effect = tuple(merged.get(attr) for attr in self._set_attrs)
        if effect not in self._effects:
            self._effects[effect] = len(self._effects)
            self._effect_arrays = None
        return self._effects[effect]

    def _arrays(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Every effect as a row: the values it sets, and which of them it sets."""
        if self._effect_arrays is None:
            effects = list(self._effects)  # in id order
            values = numpy.array([[v or 0 for v in e] for e in effects], dtype=numpy.uint64)
            sets = numpy.array([[v is not None for v in e] for e in effects], dtype=bool)
            self._effect_arrays = (values.reshape(len(effects), len(self._set_attrs)),
                                   sets.reshape(len(effects), len(self._set_attrs)))
        return self._effect_arrays

    def __call__(self, doc: Doc) -> Doc:
        if self._in_matcher or self._by_matches or not self._set_attrs or not len(doc):
            return super().__call__(doc)
        try:
            self._apply(doc)
            return doc
        except Exception as e:
            return self.get_error_handler()(self.name, self, [doc], e)

    def _apply(self, doc: Doc) -> None:
        """Set what the rules set, through the document's arrays (see the module docstring)."""
        rows, keys = self._keys(doc)
        remembered = self._remembered
        looked = [remembered.get(key) or self._looked_up(key) for key in keys]
        ids = numpy.fromiter((effect for _, effect, _ in looked), dtype=numpy.intp, count=len(rows))
        values, sets = self._arrays()
        chosen = sets[ids]
        columns = doc.to_array(self._set_attrs).reshape(len(rows), len(self._set_attrs))  # 1-D for one
        columns[chosen] = values[ids][chosen]
        for target, rules in self._longer_matches(rows, looked).items():
            singles = [self._sequences[s][0] for s in looked[target][0]
                       if len(self._sequences[s][1]) == 1]
            for attr, value in self._merged(singles + rules).items():
                columns[target, self._set_attrs.index(attr)] = value
        doc.from_array(self._set_attrs, columns)

    def _longer_matches(self, rows: list[tuple], looked: list) -> dict[int, list[int]]:
        """Token -> the rules of the longer sequences that match and set its attributes."""
        targets: dict[int, list[int]] = {}
        for start, (_, _, longer) in enumerate(looked):
            for sequence in longer:
                rule, tokens = self._sequences[sequence]
                end = start + len(tokens)
                if end <= len(rows) and all(self._holds(predicates, rows[start + offset])
                                            for offset, predicates in enumerate(tokens[1:], 1)):
                    index = self.indices[rule]
                    targets.setdefault(start + index if index >= 0 else end + index, []).append(rule)
        return targets

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, match id, start, end) of every match, sorted, as ``AttributeRuler.match``
        gives them (a rule matching one span twice applies the same attributes twice)."""
        matches = []
        if self._in_matcher:
            matches = [(int(self.vocab.strings[match_id]), match_id, start, end)
                       for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False)]
        rows, keys = self._keys(doc)
        for start, key in enumerate(keys):
            for sequence in self._starting(key):
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
