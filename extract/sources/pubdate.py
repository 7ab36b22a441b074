"""Publication dates: parsed from metadata values, or found at the top of the text.

Never invented: a date without a year, or a date inside a body sentence, is not a
publication date. Text dates count only on a short line near the top (a dateline or
timestamp line) or after a label such as "Published:" or "Updated".
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ISO = r"(?P<iso_y>(?:19|20)\d\d)[-/.](?P<iso_m>\d{1,2})[-/.](?P<iso_d>\d{1,2})(?!\d)"
_MONTH_DAY_YEAR = _MONTH + r"\s+(?P<mdy_d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>(?:19|20)\d\d)"
_DAY_MONTH_YEAR = r"(?P<dmy_d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.replace("month", "month2") + r",?\s+(?P<dmy_y>(?:19|20)\d\d)"
DATE_PATTERN = re.compile(rf"(?<![\w-])(?:{_ISO}|{_MONTH_DAY_YEAR}|{_DAY_MONTH_YEAR})", re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|first published|date|dated)\b\s*(?:on|at)?\s*[:\-–—|]?\s*$", re.IGNORECASE)
_ANY_LABEL = re.compile(r"\b(?:published|posted|updated|last updated|modified|date|dated)\b\s*(?:on|at)?\s*[:\-–—|]?\s*$", re.IGNORECASE)

TOP_LINES = 12
SHORT_LINE = 90


def parse_date(value: str) -> date | None:
    """The calendar date written at the start of a metadata value, in its own time zone.

    "2021-01-21 17:12:47-05:00" -> 2021-01-21 (the local day, not the UTC one);
    "2025-03-14 20:30:26Z", "2017-08-31T08:54", "Nov 20, 2024" and "20 November 2024" work too.
    """
    match = DATE_PATTERN.search(value[:40])
    return _to_date(match) if match and match.start() <= 12 else None


def find_text_date(text: str) -> date | None:
    """A publication date stated near the top of `text`, or None.

    Labelled "published/posted/date" dates win over "updated" ones; otherwise
    the first date on a short line among the first TOP_LINES non-empty lines.
    """
    candidates: list[tuple[int, int, date]] = []  # (rank, order, date)
    lines = [line for line in text.split("\n", 60)[:60] if line.strip()][:TOP_LINES]
    for order, line in enumerate(lines):
        if "19" not in line and "20" not in line:
            continue  # every DATE_PATTERN date has a year written 19.. or 20..
        for match in DATE_PATTERN.finditer(line):
            found = _to_date(match)
            if found is None:
                continue
            before = line[: match.start()]
            if _PUBLISHED_LABEL.search(before):
                candidates.append((0, order, found))
            elif _ANY_LABEL.search(before):
                candidates.append((1, order, found))
            elif len(line.strip()) <= SHORT_LINE:
                candidates.append((2, order, found))
    return min(candidates)[2] if candidates else None


def _to_date(match: re.Match) -> date | None:
    groups = match.groupdict()
    try:
        if groups["iso_y"]:
            return date(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
        if groups["mdy_y"]:
            return date(int(groups["mdy_y"]), _MONTHS[groups["month"].lower().rstrip(".")], int(groups["mdy_d"]))
        return date(int(groups["dmy_y"]), _MONTHS[groups["month2"].lower().rstrip(".")], int(groups["dmy_d"]))
    except (ValueError, KeyError):
        return None
