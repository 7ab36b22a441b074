"""resolve_date on expressions taken from corpus sentences."""

from datetime import date

import pytest

from pathlib import Path

from extract.dates import resolve_date, year_hint

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
    ("January to March", (date(2024, 1, 1), date(2024, 3, 31))),
    ("January-June 2023", (date(2023, 1, 1), date(2023, 6, 30))),
    ("November through February", (date(2023, 11, 1), date(2024, 2, 29))),
    ("January through July last year", (date(2023, 1, 1), date(2023, 7, 31))),
])
def test_resolves_against_publication(text, expected):
    assert resolve_date(text, WEDNESDAY) == expected


def test_month_day_after_publication_is_last_year():
    assert resolve_date("December 30", date(2025, 1, 3)) == (date(2024, 12, 30), date(2024, 12, 30))


def test_relative_needs_publication_date():
    assert resolve_date("on Wednesday", None) == (None, None)
    assert resolve_date("the afternoon", WEDNESDAY) == (None, None)


SEED_000 = Path("/work/shared/corpus/seeds/000_2cff20377abe7606.txt")


def test_year_hint_is_the_most_frequent_explicit_year_ties_to_latest():
    assert year_hint("Talks in 2023. Trade rose in 2024 and in 2024 again; 1999 was long ago.") == 2024
    assert year_hint("The 2019 and 2021 summits.") == 2021
    assert year_hint("No year at all, on Thursday.") is None
    assert year_hint(SEED_000.read_text(encoding="utf-8")) == 2024


@pytest.mark.parametrize("text, expected", [
    ("On the afternoon of November 20", (date(2024, 11, 20), date(2024, 11, 20))),
    ("over a million visitors this year", (date(2024, 1, 1), date(2024, 12, 31))),
    ("in November 2022", (date(2022, 11, 1), date(2022, 11, 30))),
    ("on Thursday", (None, None)),         # a weekday needs a real publication date
    ("yesterday", (None, None)),
    ("last month", (None, None)),
])
def test_year_hint_only_for_expressions_that_need_just_a_year(text, expected):
    assert resolve_date(text, None, hint_year=2024) == expected


def test_publication_date_wins_over_year_hint():
    assert resolve_date("this year", date(2023, 5, 1), hint_year=2024) == (date(2023, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize("text, expected", [
    ("between 2010 and 2018", (date(2010, 1, 1), date(2018, 12, 31))),
    ("from 2019 to 2022", (date(2019, 1, 1), date(2022, 12, 31))),
    ("2019-2022", (date(2019, 1, 1), date(2022, 12, 31))),
])
def test_a_range_of_years_is_every_year_in_it(text, expected):
    assert resolve_date(text, date(2023, 1, 1)) == expected
