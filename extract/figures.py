"""Tourism figures: numbers that measure visitors, trips, flights or tourism money.

A number counts when, on the parse, it quantifies a tourism head noun from
``codebook["figures"]`` (directly, or as the first noun phrase after it:
headlines are often mis-parsed), or when it is a percentage / amount of money
in a clause about a tourism measure ("tourism revenue up 25 pct"). Excluded
modifiers and verbs ("freight trips", "website visitors", "kidnap 38
passengers") drop it. Place comes from the sentence, else the document's
most-mentioned place; period from a date in the sentence, else the
publication year (unless the figure is cumulative: "since launch").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from extract import gazetteer
from extract.dates import resolve_date, year_hint
from extract.doc_text import doc_text
from extract.numbers import Quantity, quantity_at
from extract.word_index import any_within, number_positions, tokens_within

PLACE_LABELS = ("GPE", "FAC", "LOC")
_IRREGULAR = {"fly": {"flew", "flown", "flies", "flying"}, "die": {"died", "dying", "dies"}}
_QUARTER = re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth) quarter)\b", re.IGNORECASE)
_HALF = re.compile(r"\b(?:H([12])|(first|second) half)\b", re.IGNORECASE)
_FIRST_MONTHS = re.compile(r"\bfirst (\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven) months\b",
                           re.IGNORECASE)
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_POSSESSIVE = ("'s", "’s")
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11}


@dataclass(frozen=True)
class _Rules:
    heads: dict
    tourism_only_heads: dict
    sentence_tourism_heads: frozenset
    percent_only_heads: dict
    excluded_sentence_words: frozenset
    people_words: frozenset
    people_verbs: dict
    tourism_words: frozenset
    excluded_modifiers: frozenset
    excluded_verbs: tuple
    cumulative_words: frozenset
    rate_periods: dict
    change_nouns: frozenset
    place_org_words: frozenset
    confidence: dict


def _rules(codebook: dict) -> _Rules:
    cfg = codebook.get("figures") or {}
    return _Rules(
        heads=cfg.get("heads") or {}, tourism_only_heads=cfg.get("tourism_only_heads") or {},
        sentence_tourism_heads=frozenset(cfg.get("sentence_tourism_heads") or ()),
        percent_only_heads=cfg.get("percent_only_heads") or {},
        excluded_sentence_words=frozenset(cfg.get("excluded_sentence_words") or ()),
        people_words=frozenset(cfg.get("people_words") or ()), people_verbs=cfg.get("people_verbs") or {},
        tourism_words=frozenset(cfg.get("tourism_words") or ()),
        excluded_modifiers=frozenset(cfg.get("excluded_modifiers") or ()),
        excluded_verbs=tuple(cfg.get("excluded_verbs") or ()),
        cumulative_words=frozenset(cfg.get("cumulative_words") or ()),
        rate_periods=dict(sorted((cfg.get("rate_periods") or {}).items(), key=lambda kv: -len(kv[0]))),
        change_nouns=frozenset(cfg.get("change_nouns") or ()),
        place_org_words=frozenset(w.lower() for w in cfg.get("place_org_words") or ()),
        confidence={"attached": 0.85, "adjacent": 0.7, "clause": 0.55, "people_verb": 0.7,
                    **(cfg.get("confidence") or {})},
    )


def inflects(word: str, verb: str) -> bool:
    """Whether ``word`` is a form of ``verb`` ("attended" of "attend"); the lemmatizer is off."""
    forms = {verb, verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ing",
             verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ied", verb[:-1] + "ies"}
    return word.lower() in forms | _IRREGULAR.get(verb, set())


# ---------------------------------------------------------------- what the number measures

@dataclass(frozen=True)
class _Measure:
    head: object        # the head noun token
    metric: str
    unit: str
    how: str            # attached | adjacent | clause | people_verb


def _has_tourism_word(tokens, rules: _Rules) -> bool:
    return any(t.lower_ in rules.tourism_words for t in tokens)


def _head_measure(token, rules: _Rules, sentence_is_tourism: bool) -> tuple[str, str] | None:
    """(metric, unit) when ``token`` is a tourism head noun in its context."""
    word = token.lower_
    if word in rules.heads:
        entry = rules.heads[word]
        return entry["metric"], entry["unit"]
    if word in rules.tourism_only_heads:
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        nearby = token.doc[max(token.i - 3, token.sent.start):token.i]
        if _has_tourism_word(modifiers, rules) or _has_tourism_word(nearby, rules) or (
                word in rules.sentence_tourism_heads and sentence_is_tourism):
            entry = rules.tourism_only_heads[word]
            return entry["metric"], entry["unit"]
    return None


def _noun_run_after(span):
    """Tokens of the noun phrase right after a number phrase ("domestic tourist trips",
    "entry and exit trips", "of visitors"), up to the first verb, clause word or punctuation."""
    doc, run = span.doc, []
    i = span.end
    if i < span.sent.end and doc[i].text == ")" and span.start > 0 and doc[span.start - 1].text == "(":
        i += 1  # an amount in another currency: "26 billion baht ($860 million) in ... revenue"
    if i < span.sent.end and doc[i].lower_ in ("of", "in") and len(span) >= 1:
        i += 1
    while i < span.sent.end and len(run) < 6:
        token = doc[i]
        if token.pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ", "NUM") or token.text in ("-", "'s", "’s") \
                or token.lower_ in ("int'l", "intl"):
            run.append(token)
            i += 1
            continue
        break
    return run


def _measure(span, quantity: Quantity, rules: _Rules, sentence_is_tourism: bool) -> _Measure | None:
    root = span.root
    head = root.head if root.head.i not in range(span.start, span.end) else None
    if head is not None and root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det") \
            and head.pos_ in ("NOUN", "PROPN"):
        found = _head_measure(head, rules, sentence_is_tourism)
        if found:
            return _Measure(head, *found, "attached")
    heads = [(t, _head_measure(t, rules, sentence_is_tourism)) for t in _noun_run_after(span)]
    heads = [(t, found) for t, found in heads if found
             and not (t.dep_ in ("compound", "amod") and t.head.i > t.i and t.head in span.doc[span.end:t.head.i + 1]
                      and not _head_measure(t.head, rules, sentence_is_tourism))]
    if heads:
        token, found = heads[-1]
        return _Measure(token, *found, "adjacent")
    run = _noun_run_after(span)
    if run and run[-1].lower_ in rules.people_words:
        verb = run[-1].head
        for candidate in (verb, *verb.ancestors):
            if candidate.pos_ in ("VERB", "AUX"):
                for lemma, metric in rules.people_verbs.items():
                    if inflects(candidate.text, lemma):
                        return _Measure(run[-1], metric, "people", "people_verb")
                break
    if quantity.unit in ("percent",) or (quantity.unit and quantity.unit.isupper()):
        return _clause_measure(span, rules, sentence_is_tourism, quantity.unit == "percent",
                               money=quantity.unit != "percent") or (
            _change_measure(span, rules, sentence_is_tourism) if quantity.unit == "percent" else None)
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "by"):  # "raises cap on trips to 50,000"
        return _clause_measure(span, rules, sentence_is_tourism)
    if _change_origin(span):  # "grew from 5 million to more than 15 million": where it started, a figure too
        return _clause_measure(span, rules, sentence_is_tourism)
    return None


def _clause_measure(span, rules: _Rules, sentence_is_tourism: bool, percent: bool = False,
                    money: bool = False) -> _Measure | None:
    """For a percentage or a sum: the nearest tourism measure before it in the sentence, inside
    the clause of the verb it changes when that verb has an object ("efforts to reduce natural
    gas demand by 15%" measure the demand, not the participants who welcomed them); a sum
    measures money ("tourism revenue"), never people ("participants announced $1 billion")."""
    measured = _changing_verb(span)
    for token in reversed(span.doc[span.sent.start:span.start]):
        if token.pos_ not in ("NOUN", "PROPN") or (
                token.dep_ == "pobj" and token.head.lower_ in ("for", "from", "with", "to", "against")):
            continue  # "slash visas for Russian visitors by 90%": the visas fall, not the visitors
        if measured is not None and not measured.left_edge.i <= token.i <= measured.right_edge.i:
            continue
        found = _clause_head(token, rules, sentence_is_tourism, percent)
        if found and (not money or found[1] == "USD"):
            return _Measure(token, *found, "clause")
    return None


def _changing_verb(span):
    """The verb a number hangs on through a preposition when it has an object of its own
    ("reduce demand by 15%", "raises cap on trips to 50,000"), or None."""
    root = span.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return None
    verb = root.head.head
    if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    return verb


def _clause_head(token, rules: _Rules, sentence_is_tourism: bool, percent: bool) -> tuple[str, str] | None:
    """(metric, unit) of a tourism head, or of a head measured only in percent ("tourism")."""
    return _head_measure(token, rules, sentence_is_tourism) or (
        (rules.percent_only_heads[token.lower_]["metric"], "percent")
        if percent and token.lower_ in rules.percent_only_heads else None)


def _change_measure(span, rules: _Rules, sentence_is_tourism: bool) -> _Measure | None:
    """For a percentage that names a change of what follows it: "20% increase in Spring
    Festival travel", "a 15 percent rise in visitor arrivals"."""
    doc, i = span.doc, span.end
    if not (i + 1 < span.sent.end and doc[i].lower_ in rules.change_nouns and doc[i + 1].lower_ in ("in", "of")):
        return None
    for token in reversed(_noun_run_after(doc[i + 1:i + 2])):
        found = _clause_head(token, rules, sentence_is_tourism, percent=True)
        if found:
            return _Measure(token, *found, "clause")
    return None


def _excluded(measure: _Measure, span, rules: _Rules) -> bool:
    """Freight / website / migrant figures, and casualty or incident counts."""
    head = measure.head
    doc = head.doc
    if any(t.lower_ in rules.excluded_sentence_words for t in head.sent):
        return True
    window = doc[max(span.start - 2, head.sent.start):head.i + 1]
    modifiers = {c.lower_ for c in head.children} | {t.lower_ for t in window}
    if modifiers & rules.excluded_modifiers:
        return True
    for token in (head.head, *head.head.ancestors) if head.dep_ != "ROOT" else (head,):
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
            return any(inflects(token.text, verb) for verb in rules.excluded_verbs)
    return False


# ---------------------------------------------------------------- place and period

def _place_name(ent) -> str:
    text = ent.text
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return re.sub(r"(?:'s|’s)$", "", text).strip()


def _sentence_place(sent, number_start: int, place_org_words: frozenset) -> str | None:
    """A place in the sentence: one before the number (the subject, "Macao's"), else
    one after "in"/"at", else any; a demonym ("Brazilian") gives its country."""
    places = [e for e in sent.ents if e.label_ in PLACE_LABELS
              or (e.label_ == "ORG" and e[-1].lower_ in place_org_words)]
    before = [e for e in places if e.end <= number_start]
    if before:
        return _named_facility(before[-1], place_org_words) or _place_name(_possessed_place(before[-1], places))
    located = [e for e in places if e.start > 0 and e.doc[e.start - 1].lower_ in ("in", "at", "to")]
    if located or places:
        chosen = (located or places)[0]
        return _named_facility(chosen, place_org_words) or _place_name(_possessed_place(chosen, places))
    for ent in sent.ents:
        if ent.label_ == "NORP":
            code = gazetteer.demonym_code(ent.text)
            if code:
                return gazetteer.country_name(code)
    return None


def _named_facility(ent, place_org_words: frozenset) -> str | None:
    """The facility a place names when the NER left its last word out ("China-Laos| Railway
    transports over 1.7 mln passengers"): the whole name, else None."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in place_org_words or not doc[ent.end].text[:1].isupper() \
            or ent.root.head.i != ent.end:
        return None
    facility = doc[ent.end]
    return " ".join(doc[facility.left_edge.i:facility.i + 1].text.split()).replace(" - ", "-")


def _possessed_place(ent, places):
    """The place a place's possessive names, a part of it ("S. China's Guangxi": Guangxi),
    else the place itself."""
    after = ent.end
    if ent[-1].lower_ not in _POSSESSIVE:
        if after >= len(ent.doc) or ent.doc[after].lower_ not in _POSSESSIVE:
            return ent
        after += 1
    return next((place for place in places if place.start == after), ent)


def _document_place(doc) -> str | None:
    """The place the document mentions most (GPE first), for figures whose sentence names none."""
    counts = Counter(_place_name(e) for e in doc.ents if e.label_ == "GPE")
    return counts.most_common(1)[0][0] if counts else None


def _period(sent, span, published_at: date | None, rules: _Rules,
            hint_year: int | None = None) -> tuple[date | None, date | None, str | None]:
    """(start, end, text) of the period the figure covers (``hint_year``: the story's year
    when its publication date is unknown, for "this year", "November", "first quarter")."""
    text = sent.text
    lower = text.lower()
    year = published_at.year if published_at else hint_year
    for phrase, canonical in rules.rate_periods.items():
        if re.search(r"\b" + re.escape(phrase) + r"\b", lower):
            return None, None, canonical
    if m := _FIRST_MONTHS.search(text):
        months = int(m[1]) if m[1].isdigit() else _SMALL[m[1].lower()]
        if year and 1 <= months <= 12:
            end = resolve_date(f"{_month_name(months)} {year}", None)[1]
            return date(year, 1, 1), end, m[0]
    if m := _QUARTER.search(text):
        quarter = int(m[1]) if m[1] else _ORDINAL_WORDS[m[2].lower()]
        if year:
            start = date(year, 3 * quarter - 2, 1)
            end = resolve_date(f"{_month_name(3 * quarter)} {year}", None)[1]
            return start, end, m[0]
    if (m := _HALF.search(text)) and year:
        half = int(m[1]) if m[1] else _ORDINAL_WORDS[m[2].lower()]
        return date(year, 6 * half - 5, 1), (date(year, 6, 30) if half == 1 else date(year, 12, 31)), m[0]
    dates = [ent for ent in sent.ents if ent.label_ == "DATE" and not _baseline_date(ent)
             and not _MAY_DAY.search(ent.text)]
    own = _own_date(span, dates)
    for ent in ([own] if own is not None else []) + dates:
        start, end = resolve_date(ent.text, published_at, hint_year)
        if start is not None:
            if own is None and _change_target(span) and start.year < end.year:
                start = date(end.year, 1, 1)  # "between 2010 and 2018 ... grew from 5 million to 15 million": 2018
            elif own is None and _change_origin(span) and start.year < end.year:
                end = date(start.year, 12, 31)  # ... and 5 million was 2010's
            return start, end, ent.text
    cumulative = any(t.lower_ in rules.cumulative_words for t in sent)
    if cumulative or year is None:  # the story's year, also when only its text gives it
        return None, None, None
    return date(year, 1, 1), date(year, 12, 31), None


def _own_date(span, dates: list):
    """The date written right after the figure ("3.5 million in 2022"), which is its own when the
    sentence dates several ("rose from 2.1 million in 2021 to 3.5 million in 2022")."""
    doc = span.doc
    for ent in dates:
        gap = doc[span.end:ent.start]
        if 0 < len(gap) <= 3 and gap[-1].lower_ in ("in", "during") and not any(t.like_num for t in gap):
            return ent
    return None


def _change_target(span) -> bool:
    """The figure a change reaches ("grew from 5 million to more than 15 million")."""
    before = [t.lower_ for t in span.doc[max(span.start - 3, span.sent.start):span.start]]
    return "to" in before and any(t.lower_ == "from" for t in span.doc[span.sent.start:span.start])


def _change_origin(span) -> bool:
    """The figure a change starts from ("grew from 5 million to more than 15 million", "rose from
    1.2 million in 2021 to 3.5 million"): right after "from", another figure after its "to"."""
    doc = span.doc
    if span.start <= span.sent.start or doc[span.start - 1].lower_ != "from":
        return False
    after = doc[span.end:min(span.end + _ORIGIN_REACH, span.sent.end)]
    to = next((t.i for t in after if t.lower_ == "to"), None)
    return to is not None and any(t.like_num for t in doc[to + 1:min(to + 4, span.sent.end)])


_ORIGIN_REACH = 4  # tokens from a change's first figure to its "to" ("from 1.2 million in 2021 to")


_RANGE_WORDS = ("to", "through", "until", "till", "-", "–")
# The May Day holiday is no month: like other holidays, its figures are the year's (gold:
# "during Spring Festival travel rush" is 2022)
_MAY_DAY = re.compile(r"\bMay Day\b")


def _baseline_date(ent) -> bool:
    """Whether a date is what the figure is compared with, not its period: "83% of 2019
    levels", "higher than 2019", "compared with last year", "rose 20 percent from 2021",
    "up 12% over 2019"."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > ent.sent.start else ""
    two_before = doc[ent.start - 2:ent.start].text.lower() if ent.start - 2 >= ent.sent.start else ""
    after = doc[ent.end].lower_ if ent.end < ent.sent.end else ""
    if after in ("level", "levels") or before in ("than", "versus", "vs", "vs."):
        return True
    if two_before in ("compared with", "compared to", "relative to") or any(
            t.lower_ in ("against", "compared", "versus") for t in doc[max(ent.start - 5, ent.sent.start):ent.start]):
        return True  # "rose 22% against the same span of 2018"
    bare_year = len(ent) == 1 and ent[0].like_num and len(ent[0].text) == 4
    if before == "over" and bare_year:
        return True
    # "from 2021" alone is a starting point; "from January through July" is a range
    ranged = any(t.lower_ in _RANGE_WORDS for t in ent) or after in _RANGE_WORDS
    return before == "from" and not ranged


def _month_name(month: int) -> str:
    import calendar
    return calendar.month_name[month]


# ---------------------------------------------------------------- tagger

def find_figures(doc, published_at: date | None, codebook: dict) -> list[dict]:
    """One record per distinct tourism figure (value, metric, place) in the document."""
    rules = _rules(codebook)
    records: list[dict] = []
    seen: set[tuple] = set()
    main_place: list[str | None] = []
    hint_year = year_hint(doc_text(doc)) if published_at is None else None
    numbers = number_positions(doc)  # the only tokens quantity_at can accept
    for sent in doc.sents:
        if not any_within(sent, numbers):
            continue
        sentence_is_tourism = None
        used: set[int] = set()
        for token in tokens_within(sent, numbers):
            if token.i in used:
                continue
            found = quantity_at(token)
            if found is None:
                continue
            quantity, span = found
            if sentence_is_tourism is None:
                sentence_is_tourism = _has_tourism_word(sent, rules)
            used.update(range(span.start, span.end))
            if span.start < sent.start or span.end > sent.end:
                continue
            if not 0 < quantity.value < math.inf:
                continue  # "zero crossings" says none happened: a figure counts something
            measure = _measure(span, quantity, rules, sentence_is_tourism)
            if measure is None or _excluded(measure, span, rules):
                continue
            place = _sentence_place(sent, span.start, rules.place_org_words)
            if place is None:
                if not main_place:
                    main_place.append(_document_place(doc))
                place = main_place[0]
            if measure.unit == "USD" and quantity.unit is None:
                continue  # a bare count next to a money noun ("two revenue streams")
            unit = quantity.unit or measure.unit
            start, end, period_text = _period(sent, span, published_at, rules, hint_year)
            # the same figure restated ("over a million visitors" ... "exceeding one million")
            key = (round(quantity.value, 6), measure.metric, start, end, period_text)
            if key in seen:
                continue
            seen.add(key)
            evidence = sent.text.strip()
            start_char = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            records.append({
                "metric": measure.metric, "value": float(quantity.value), "unit": unit,
                "qualifier": quantity.qualifier, "place": place, "period_start": start,
                "period_end": end, "period_text": period_text, "evidence": evidence,
                "start_char": start_char, "end_char": start_char + len(evidence),
                "confidence": rules.confidence[measure.how],
            })
    return records
