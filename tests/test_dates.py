"""resolve_date on expressions taken from corpus sentences."""

from datetime import date

import pytest

from extract.dates import resolve_date

WEDNESDAY = date(2024, 11, 20)


@pytest.mark.parametrize("text, expected", [
    ("on Wednesday", (WEDNESDAY, WEDNESDAY)),
    ("On Monday", (date(2024, 11, 18), date(2024, 11, 18))),
    ("On the afternoon of November 20", (WEDNESDAY, WEDNESDAY)),
    ("today", (WEDNESDAY, WEDNESDAY)),
    ("Yesterday", (date(2024, 11, 19), date(2024, 11, 19))),
    ("last month", (date(2024, 10, 1), date(2024, 10, 31))),
    ("this year", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ("in November 2022", (date(2022, 11, 1), date(2022, 11, 30))),
    ("from May 10-11", (date(2024, 5, 10), date(2024, 5, 11))),
    ("on Feb. 18", (date(2024, 2, 18), date(2024, 2, 18))),
])
def test_resolves_against_publication(text, expected):
    assert resolve_date(text, WEDNESDAY) == expected


def test_month_day_after_publication_is_last_year():
    assert resolve_date("December 30", date(2025, 1, 3)) == (date(2024, 12, 30), date(2024, 12, 30))


def test_relative_needs_publication_date():
    assert resolve_date("on Wednesday", None) == (None, None)
    assert resolve_date("the afternoon", WEDNESDAY) == (None, None)
