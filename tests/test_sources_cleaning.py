"""Text cleaning on real White House Markdown and scraped seed text."""

from __future__ import annotations

from conftest import CORPUS
from extract.sources.assemble import clean_text, prepend_title
from extract.sources.frontmatter import split_front_matter
from extract.sources.markdown import strip_markdown
from extract.sources.textclean import normalise_characters, normalise_newlines, tidy_whitespace
from extract.sources.unwrap import unwrap_markdown, unwrap_plain, wrap_width

TRUDEAU = CORPUS / "whitehouse" / "2021-01-22-readout-of-president-joe-biden-call-with-prime-minister-justin-trudeau-of-canada.md"


def test_front_matter_gives_metadata_and_local_date_string() -> None:
    metadata, body = split_front_matter(TRUDEAU.read_text(encoding="utf-8"))
    assert metadata["title"].startswith("Readout of President Joe\u00a0Biden Call")
    assert metadata["published_time"].startswith("2021-01-22 ")  # kept as written, not moved to UTC
    assert not body.startswith("---") and "President Biden spoke with Canadian" in body


def test_markdown_paragraph_lines_are_joined_with_a_space() -> None:
    raw = "President Biden spoke with Canadian Prime Minister Justin Trudeau in his\nfirst call to a foreign leader.\n\nThe President acknowledged\nPrime Minister Trudeau’s disappointment."
    assert unwrap_markdown(raw) == (
        "President Biden spoke with Canadian Prime Minister Justin Trudeau in his first call to a foreign leader."
        "\n\nThe President acknowledged Prime Minister Trudeau’s disappointment."
    )


def test_markdown_list_items_stay_separate_and_continuations_join() -> None:
    raw = "Attendees included:\n\n-   International Union of Operating Engineers\n    (IUOE)\n-   Secretary of Defense"
    assert strip_markdown(unwrap_markdown(raw)).split("\n") == [
        "Attendees included:", "", "International Union of Operating Engineers (IUOE)", "Secretary of Defense",
    ]


def test_a_wrapped_line_starting_with_a_number_is_no_list_item() -> None:
    # whitehouse 2024-08-20: the day of the month wrapped to a line start; only "1." opens a list
    # inside a paragraph, and a list's next number goes on opening items
    raw = ("vessels operating lawfully near Sabina Shoal in the Philippines exclusive economic zone on August\n"
           "19.  Mr. Sullivan reiterated the ironclad U.S. commitment.\n\n1. first\n2. second")
    assert strip_markdown(unwrap_markdown(raw)).split("\n") == [
        "vessels operating lawfully near Sabina Shoal in the Philippines exclusive economic zone on August 19.  "
        "Mr. Sullivan reiterated the ironclad U.S. commitment.", "", "first", "second"]


def test_markdown_noise_is_stripped_but_words_kept() -> None:
    raw = (
        "**<u>Background:</u>** The President signed a\n[Presidential\nMemorandum](https://bidenwhitehouse.archives.gov/briefing-room/x/)"
        " on the 27<sup>th</sup> \\*today\\*.\n\n\\###"
    )
    assert strip_markdown(unwrap_markdown(raw)).strip() == (
        "Background: The President signed a Presidential Memorandum on the 27th *today*.\n"
    ).strip()


def test_whitehouse_readout_cleans_to_unwrapped_paragraphs() -> None:
    _, body = split_front_matter(TRUDEAU.read_text(encoding="utf-8"))
    text = clean_text(body, markdown=True)
    assert "President Biden spoke with Canadian Prime Minister Justin Trudeau in his first call to a foreign leader" in text
    assert "#" not in text and "\\" not in text and "\u00a0" not in text
    assert all(len(p) > 72 for p in text.split("\n\n")[:2])  # no longer wrapped at 72 columns


def test_plain_text_with_long_lines_is_not_joined() -> None:
    seed = (CORPUS / "seeds" / "000_2cff20377abe7606.txt").read_text(encoding="utf-8")
    assert wrap_width(seed.split("\n")) is None
    assert unwrap_plain(seed) == seed


def test_hard_wrapped_plain_text_is_joined_but_short_lines_stay() -> None:
    readout = TRUDEAU.read_text(encoding="utf-8").split("---\n", 2)[2].replace("\\###", "")
    plain = "Readout of the call\n\n" + readout
    joined = unwrap_plain(plain)
    assert "Trudeau in his first call to a foreign leader" in joined
    assert joined.startswith("Readout of the call\n\n")


def test_control_characters_and_unicode_spaces() -> None:
    raw = "Vice President Harris\u00a0spoke\x00 by\u200b phone\r\ntoday.\x0c"
    assert tidy_whitespace(normalise_characters(normalise_newlines(raw))) == "Vice President Harris spoke by phone\ntoday."


def test_title_becomes_first_paragraph_unless_body_opens_with_it() -> None:
    title = "Iraq says key Islamic State leader is dead"
    body = "One of the Islamic State terror group's most senior leaders is dead."
    assert prepend_title(title, body) == f"{title}\n\n{body}"
    headline = "China saw over 1 bln passenger trips during Spring Festival travel rush"
    assert prepend_title(headline, headline) == headline
    assert prepend_title(None, body) == body
