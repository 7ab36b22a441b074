"""Resolve a date expression against the publication date into a (start, end) day range.

News rarely states full dates: "on Wednesday", "yesterday", "last month",
"November 20". Analysts read them relative to the story's publication date:
a weekday means the most recent such day on or before publication; a month
or day without a year means the latest one not after publication.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_FULL_DATE = re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day2>\d{1,2}))?"
                        r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
_DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE
                        + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b" + _MONTH_RE + r"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
_MONTH_RANGE = re.compile(r"\b(?P<first>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s*"
                          r"(?:to|through|until|till|-|–)\s*" + _MONTH_RE
                          + r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")
# "between 2010 and 2018", "from 2019 to 2022", "2019-2022": the years between, both whole
_YEAR_RANGE = re.compile(r"\b(?P<first>(?:19|20)\d\d)\s*(?:and|to|through|until|[-–])\s*(?P<last>(?:19|20)\d\d)\b")
_RELATIVE_DAY = re.compile(r"\b(today|tonight|yesterday|tomorrow|last night|this (morning|afternoon|evening)"
                           r"|(this|last|next) (week|month|year))\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?P<last>last\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, published_at: date | None) -> int | None:
    """Latest year in which month/day is not after publication."""
    if published_at is None:
        return None
    year = published_at.year
    candidate = _safe_date(year, month, min(day, 28) if month == 2 else day)
    return year - 1 if candidate and candidate > published_at + timedelta(days=1) else year


def _relative(text: str, published_at: date | None) -> tuple[date | None, date | None] | None:
    """Expressions relative to publication: today, yesterday, this/last week|month|year."""
    if published_at is None:
        return None
    lower = text.lower()
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening|earlier today)\b", lower):
        return published_at, published_at
    if re.search(r"\b(yesterday|last night)\b", lower):
        day = published_at - timedelta(days=1)
        return day, day
    if re.search(r"\bday before yesterday\b", lower):
        day = published_at - timedelta(days=2)
        return day, day
    if re.search(r"\b(this|earlier this) week\b", lower):
        monday = published_at - timedelta(days=published_at.weekday())
        return monday, published_at
    if re.search(r"\blast week\b", lower):
        monday = published_at - timedelta(days=published_at.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if re.search(r"\b(this|earlier this) month\b", lower):
        return published_at.replace(day=1), _month_end(published_at.year, published_at.month)
    if re.search(r"\blast month\b", lower):
        first = (published_at.replace(day=1) - timedelta(days=1)).replace(day=1)
        return first, _month_end(first.year, first.month)
    if re.search(r"\b(this|earlier this) year\b", lower):
        return date(published_at.year, 1, 1), date(published_at.year, 12, 31)
    if re.search(r"\blast year\b", lower):
        return date(published_at.year - 1, 1, 1), date(published_at.year - 1, 12, 31)
    return None


def year_hint(text: str) -> int | None:
    """The year a story without a publication date is about: its most frequent explicit
    19xx/20xx year (ties to the latest), or None when it names none."""
    counts: dict[int, int] = {}
    for m in _YEAR.finditer(text or ""):
        counts[int(m["year"])] = counts.get(int(m["year"]), 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def resolve_date(text: str, published_at: date | None,
                 hint_year: int | None = None) -> tuple[date | None, date | None]:
    """(start, end) of the days ``text`` refers to; (None, None) when it fixes none.

    ``hint_year`` (from ``year_hint``) stands in for an unknown publication date, but only
    for expressions that need just a year ("November 20", "this year"); weekdays and
    relative days ("on Thursday", "yesterday") still need a real publication date.
    """
    if not text:
        return None, None
    if published_at is None and hint_year is not None:
        if re.search(r"\b(this|earlier this) year\b", text, re.IGNORECASE):
            return date(hint_year, 1, 1), date(hint_year, 12, 31)
        if not _WEEKDAY.search(text) and not _RELATIVE_DAY.search(text):
            return resolve_date(text, date(hint_year, 12, 31))
    if m := _ISO.search(text):
        day = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        return day, day
    for pattern in (_FULL_DATE, _DAY_MONTH):
        if m := pattern.search(text):
            month, day = _MONTHS[m["month"].lower()], int(m["day"])
            year = int(m["year"]) if m["year"] else _year_for(month, day, published_at)
            if year is None:
                return None, None
            start = _safe_date(year, month, day)
            end = _safe_date(year, month, int(m["day2"])) if m.groupdict().get("day2") else start
            return start, end or start
    if m := _MONTH_RANGE.search(text):  # "January to March": the months between, both whole
        first, last = _MONTHS[m["first"].lower()], _MONTHS[m["month"].lower()]
        relative = _relative(text, published_at)  # "January through July this year"
        year = int(m["year"]) if m["year"] else relative[1].year if relative else _year_for(last, 1, published_at)
        if year is None:
            return None, None
        return date(year if first <= last else year - 1, first, 1), _month_end(year, last)
    relative = _relative(text, published_at)
    if relative:
        return relative
    if m := _WEEKDAY.search(text):
        if published_at is None:
            return None, None
        back = (published_at.weekday() - _WEEKDAYS[m["weekday"].lower()]) % 7
        if m["last"] and back == 0:
            back = 7
        day = published_at - timedelta(days=back)
        return day, day
    if m := _MONTH_YEAR.search(text):
        month = _MONTHS[m["month"].lower()]
        if m["month"].lower() in ("may", "mar") and not m["year"] and not text.strip()[:1].isupper():
            return None, None  # "may" the verb
        year = int(m["year"]) if m["year"] else _year_for(month, 1, published_at)
        if year is None:
            return None, None
        return date(year, month, 1), _month_end(year, month)
    if (m := _YEAR_RANGE.search(text)) and int(m["first"]) < int(m["last"]):
        return date(int(m["first"]), 1, 1), date(int(m["last"]), 12, 31)
    if m := _YEAR.search(text):
        year = int(m["year"])
        return date(year, 1, 1), date(year, 12, 31)
    return None, None


def resolve_day(text: str, published_at: date | None) -> date | None:
    """The single day ``text`` fixes, or None when it names a longer period."""
    start, end = resolve_date(text, published_at)
    return start if start is not None and start == end else None
