"""Page furniture removal on real scraped lines from /work/shared/corpus/seeds.

Each rule is checked both ways: the furniture line goes, and a real story
sentence of similar shape stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.sources.furniture import is_furniture_line, remove_furniture

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@pytest.mark.parametrize(
    "line",
    [
        "Nov 20, 2024 10:04 PM IST",                      # timestamp line (seed 002)
        "Updated - November 21, 2024 08:15 am IST",
        "Published: Nov 20, 2024",
        "ByHT News Desk",                                  # glued byline (seed 002)
        "By Staff Reporter | Updated: Nov 21, 2024",
        "date 2024-11-20 Menu Explore",                    # menu bar (seed 002)
        "Comments",                                        # comment prompts (seed 004)
        "Post a Comment",
        "Comments are moderated and will appear after approval.",
        "(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)",
        "Defence minister Rajnath Singh meets Chinese minister Of national defence, Admiral Dong Jun during the 11th ASEAN Defence Ministers Meeting-Plus (ADMM Plus), in Vientiane on Wednesday.(ANI)",
        "Also read: India, China agree on patrolling arrangements",
        "Follow us on Twitter",
        "© 2024 Dawn News. All rights reserved.",
        "Share on Facebook Twitter WhatsApp",
        "Copyright 2024 Example News",
        "President Biden speaks in the East Room of the White House. (AP Photo/Evan Vucci)",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Islamabad: Pakistan and China on Friday reaffirmed the resolve to work together for promoting regional peace and prosperity as well as jointly cope with external challenges.",
        "Jaishankar meets Chinese counterpart",             # a subhead inside the story
        "India-China disengagement",
        "Pakistan, China vow to further strengthen their Strategic Cooperative Partnership",
        "2024 Kazakhstan Tourism Year in China closes with fruitful results",
        "Xi has previously visited Tajikistan in 2014 and 2019.",
        "Facebook, Twitter highlight security steps for users in Ukraine",  # a headline with two nav words
        "Byline Bank",                                     # an attendee, not a byline
        # shapes from the full White House archive that are text, not furniture
        "(c)  This order shall be implemented consistent with applicable law and subject to the availability of appropriations.",
        "Thank you. (Applause.)",
        "BY THE PRESIDENT OF THE UNITED STATES OF AMERICA",
        "January 20, 2025.",
        "The launch of the Kazakhstan Tourism Year in China was celebrated with grandeur in Beijing on March 29, 2024.",
    ],
)
def test_story_lines_are_kept(line: str) -> None:
    assert not is_furniture_line(line)
    assert remove_furniture(line) == line


def test_sidebar_of_timestamped_headlines_is_removed() -> None:
    seed = (SEEDS / "003_282e4fa9da86ad1e.txt").read_text(encoding="utf-8")
    cleaned = remove_furniture(seed)
    assert "hours ago" not in cleaned
    assert "Plane crash in Colombia kills 15" not in cleaned
    assert "Pakistan will not become party to Abraham Accord" not in cleaned
    # the story right above the sidebar is intact
    assert "He said that China would welcome Pakistani students to study in Chinese educational institutions." in cleaned


def test_last_sidebar_headline_without_its_timestamp_goes_too() -> None:
    text = "Story sentence that ends here.\nGold prices set new record\n- 12 hours ago\n\nClaude has an 80-page soul document. Is that enough?\nComments"
    assert remove_furniture(text).strip() == "Story sentence that ends here."


def test_short_line_after_sidebar_but_before_story_text_is_kept() -> None:
    text = "Gold prices set new record\n- 12 hours ago\nIndia-China disengagement\nBoth the Indian and Chinese forces completed the disengagement exercise."
    assert "India-China disengagement" in remove_furniture(text)


def test_two_story_seed_keeps_both_stories() -> None:
    seed = (SEEDS / "000_2cff20377abe7606.txt").read_text(encoding="utf-8")
    assert remove_furniture(seed) == seed
