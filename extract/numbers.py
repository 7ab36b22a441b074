"""Normalise the numbers news writes ("over a million", "1.2 bln", "25 pct", "$2.5 billion").

A quantity is a value, a qualifier (how exact the writer claims it is: over,
about, under, up_to, exact) and a unit when the phrase itself names one
(percent, a currency). ``parse_quantity`` works on text; ``number_phrase``
finds, around a number token of a spaCy doc, the words that belong to the
number (qualifier, currency, scale and unit), so the taggers can read one
quantity per phrase. Ordinals and years are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUALIFIER_PHRASES: dict[str, str] = {
    "more than": "over", "over": "over", "above": "over", "exceeding": "over", "in excess of": "over",
    "upwards of": "over", "at least": "over", "well over": "over", "over a": "over",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "approx.": "about", "circa": "about",
    # "nearly 80 mln" is about 80 mln, as the gold files annotate it; "under" is for bounds
    "nearly": "about", "almost": "about", "close to": "about", "just under": "about", "not quite": "about",
    "under": "under", "less than": "under", "fewer than": "under", "below": "under",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "a maximum of": "up_to",
}
TRAILING_QUALIFIERS: dict[str, str] = {"or more": "over", "plus": "over", "+": "over", "or so": "about"}

SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "mil": 1e6, "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "lakh": 1e5, "crore": 1e7,
}
# Scale letters glued to digits ("32.3m") are only read as scales in that position.
_SPELLED_ONLY = {"m", "b", "k", "mn", "bn", "tn"}

CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "CNY", "rmb": "CNY", "cny": "CNY", "hk$": "HKD", "rs": "INR", "rs.": "INR", "inr": "INR",
}
UNIT_SUFFIXES: dict[str, str] = {
    "%": "percent", "pct": "percent", "percent": "percent", "per cent": "percent",
    "percentage points": "percent", "dollars": "USD", "u.s. dollars": "USD", "us dollars": "USD",
    "usd": "USD", "yuan": "CNY", "rmb": "CNY", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "rupees": "INR", "yen": "JPY", "won": "KRW", "baht": "THB", "ringgit": "MYR", "tenge": "KZT",
}

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12, "half a dozen": 6}
_NUMERAL = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$|^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
                      r"ninth|tenth|eleventh|twelfth|hundredth|thousandth|millionth)$")


@dataclass(frozen=True)
class Quantity:
    value: float
    qualifier: str      # over | about | under | up_to | exact
    unit: str | None    # "percent", "USD", ... when the number phrase names it


def _split_words(text: str) -> list[str]:
    """Lower-case words with currency symbols, %, + and glued scales split off."""
    text = text.lower().replace("\u00a0", " ").replace("–", "-")
    text = re.sub(r"(us\$|hk\$|[$€£¥])", r" \1 ", text)
    text = re.sub(r"(\d)(%|\+)", r"\1 \2", text)
    text = re.sub(r"(\d)(k|m|mn|mln|b|bn|bln|tn|million|billion|trillion)\b", r"\1 \2", text)
    return [w for w in re.split(r"\s+", text.strip(" .,;:()\"'")) if w]


def _take_phrase(words: list[str], i: int, table: dict[str, str]) -> tuple[str | None, int]:
    """Longest phrase of ``table`` starting at words[i]: (mapped value, words used)."""
    for length in (4, 3, 2, 1):
        phrase = " ".join(words[i:i + length])
        if len(words) - i >= length and phrase in table:
            return table[phrase], length
    return None, 0


def _word_number(words: list[str], i: int) -> tuple[float | None, int]:
    """A spelled-out number ("two", "twenty five", "a dozen", "a"/"one" before a scale)."""
    value, length = _take_phrase(words, i, {k: k for k in _UNITS})
    if value is not None:
        total, used = float(_UNITS[value]), length
        if total >= 20 and i + used < len(words) and words[i + used].strip("-") in _UNITS and _UNITS[words[i + used].strip("-")] < 10:
            total, used = total + _UNITS[words[i + used].strip("-")], used + 1
        return total, used
    if words[i] in ("a", "an", "one") and i + 1 < len(words) and words[i + 1] in SCALES \
            and words[i + 1] not in _SPELLED_ONLY:
        return 1.0, 1
    return None, 0


def parse_quantity(text: str, allow_year: bool = False) -> Quantity | None:
    """The quantity a number phrase states, or None when it states none.

    "over a million" -> 1e6 over; "1.2 bln" -> 1.2e9 exact; "25 pct" -> 25 percent;
    "$2.5 billion" -> 2.5e9 USD; "nearly 80" -> 80 about. Ordinals and bare years
    ("2024", unless ``allow_year``) give None.
    """
    words = _split_words(text)
    i, qualifier, unit = 0, "exact", None
    while i < len(words):
        found, used = _take_phrase(words, i, QUALIFIER_PHRASES)
        if not used:
            break
        qualifier, i = found, i + (1 if words[i:i + used][-1] == "a" else used)
    if i < len(words) and words[i] in CURRENCY_PREFIXES:
        unit, i = CURRENCY_PREFIXES[words[i]], i + 1
    if i >= len(words) or _ORDINAL.match(words[i]):
        return None
    glued_scale = False
    if _NUMERAL.match(words[i]):
        raw = words[i]
        value = float(raw.replace(",", ""))
        i += 1
        is_bare_year = bool(_YEAR.match(raw))
        glued_scale = True
    else:
        value, used = _word_number(words, i)
        if value is None:
            return None
        i += used
        is_bare_year = False
    scaled = False
    while i < len(words) and words[i].strip("-") in SCALES:
        word = words[i].strip("-")
        if word in _SPELLED_ONLY and not glued_scale:
            break
        value *= SCALES[word]
        scaled, i = True, i + 1
    if i < len(words):
        found, used = _take_phrase(words, i, UNIT_SUFFIXES)
        if used:
            unit, i = unit or found, i + used
    if i < len(words):
        found, used = _take_phrase(words, i, TRAILING_QUALIFIERS)
        if used and qualifier == "exact":
            qualifier = found
    if is_bare_year and not scaled and unit is None and not allow_year:
        return None
    return Quantity(round(value, 6), qualifier, unit)


# ---------------------------------------------------------------- spaCy tokens

_NON_QUANTITY_ENTS = {"DATE", "TIME", "ORDINAL"}


def _is_number_word(token) -> bool:
    lower = token.lower_
    return bool(_NUMERAL.match(lower)) or lower in _UNITS or lower in SCALES or bool(
        re.fullmatch(r"\d+(?:\.\d+)?(?:k|m|mn|mln|b|bn|bln|tn)", lower))


def is_number_token(token) -> bool:
    """A token that carries a cardinal number (not a date, time, ordinal or year-like label)."""
    if token.ent_type_ in _NON_QUANTITY_ENTS or _ORDINAL.match(token.lower_):
        return False
    return token.like_num or bool(re.fullmatch(r"\d+(?:\.\d+)?(?:k|m|mn|mln|b|bn|bln|tn)", token.lower_))


def number_phrase(token):
    """The span of ``token``'s number phrase: qualifier words before it, currency,
    the numeral(s) and scale words, and a unit or trailing qualifier after it."""
    doc = token.doc
    start = end = token.i
    while end + 1 < len(doc) and _is_number_word(doc[end + 1]) and doc[end + 1].ent_type_ not in _NON_QUANTITY_ENTS:
        end += 1
    while start > 0 and _is_number_word(doc[start - 1]) and doc[start - 1].ent_type_ not in _NON_QUANTITY_ENTS:
        start -= 1
    if start > 0 and doc[start - 1].lower_ in ("a", "an") and doc[start].lower_ in SCALES:
        start -= 1
    if start > 0 and doc[start - 1].lower_ in CURRENCY_PREFIXES:
        start -= 1
    for length in (4, 3, 2, 1):
        if start - length >= 0 and " ".join(t.lower_ for t in doc[start - length:start]) in QUALIFIER_PHRASES:
            start -= length
            break
    for table in (UNIT_SUFFIXES, TRAILING_QUALIFIERS):
        for length in (3, 2, 1):
            if end + length < len(doc) and " ".join(t.lower_ for t in doc[end + 1:end + 1 + length]) in table:
                end += length
                break
    return doc[start:end + 1]


def quantity_at(token, allow_year: bool = False) -> tuple[Quantity, object] | None:
    """(quantity, phrase span) for a number token, or None when it is not a quantity."""
    if not is_number_token(token):
        return None
    span = number_phrase(token)
    quantity = parse_quantity(span.text, allow_year=allow_year)
    return (quantity, span) if quantity else None
