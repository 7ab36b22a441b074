"""Inflected word forms -> lemma, for trigger words listed by lemma in the codebook.

The pipeline runs without spaCy's lemmatizer (it is the slowest optional
component and the taggers need lemmas for a few dozen words only), so each
tagger compiles its codebook lemmas into a {form: lemma} table once and looks
tokens up by their lower-cased text.
"""

from __future__ import annotations

from collections.abc import Iterable


def inflections(lemma: str) -> set[str]:
    """Regular inflections of an English verb or noun ("plan" -> planned, plans, planning)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # plan -> planned, chat -> chatted
    return forms


def form_table(lemmas: Iterable[str], irregular: dict[str, str] | None = None) -> dict[str, str]:
    """{inflected form: lemma} for ``lemmas``, plus the irregular forms of those lemmas."""
    wanted = {str(w).lower() for w in lemmas or ()}
    table = {form: lemma for lemma in sorted(wanted) for form in inflections(lemma)}
    table.update({form.lower(): lemma for form, lemma in (irregular or {}).items() if lemma in wanted})
    for lemma in wanted:
        table[lemma] = lemma  # a lemma is always its own form ("meeting" the noun vs "meet")
    return table
