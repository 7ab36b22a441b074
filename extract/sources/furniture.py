"""Drop page furniture from scraped text, one line (paragraph) at a time.

Scraped pages carry sidebars of other headlines, comment prompts, menus, share
bars, bylines, timestamps, copyright and syndication notices and photo captions
around the story. The rules are general shapes, not strings from one page:
- a relative timestamp line ("- 6 hours ago") and the headline right above it;
- a line that is only a date/time, maybe labelled ("Nov 20, 2024 10:04 PM IST");
- a byline ("By X | Updated ...") that is short and is not a sentence;
- a photo caption ending in an agency credit ("... on Wednesday.(ANI)");
- a short line matching a phrase in furniture_phrases.txt, or made of nav words.
Sentences of the story are never edited, only whole furniture lines removed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from extract.sources.pubdate import DATE_PATTERN

PHRASES_FILE = Path(__file__).with_name("furniture_phrases.txt")
MAX_FURNITURE_LINE = 200
MAX_SIDEBAR_HEADLINE = 160
MAX_BYLINE = 90
MAX_NAV_TOKENS = 10

_RELATIVE_TIME = re.compile(
    r"^[-•·*|]?\s*(?:(?:updated|posted|published)\s*:?\s*)?"
    r"(?:(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|mo|months?|y|years?)\s+ago|just now|yesterday)\.?$",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?-i:[A-Z]{2,5})\)?)?", re.IGNORECASE)
_DATE_LABELS = re.compile(
    r"\b(?:published|posted|updated|last updated|first published|modified|date|dated|on|at|"
    r"mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?",
    re.IGNORECASE,
)
# "By Jane Doe", "BY JANE DOE", "ByHT News Desk" (glued), "Reported by ..."; not "Byline Bank".
_BYLINE = re.compile(r"^(?:By\s+|BY\s+|By(?=[A-Z])|(?:[Ww]ritten|[Rr]eported|[Ee]dited|[Pp]osted) by\s+)(?!THE\b|The\b)[A-Z]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")
# Glued to the caption's last sentence ("...on Wednesday.(ANI)"), or naming a photo credit
# ("... (AP Photo/Evan Vucci)"); a spaced "(Applause.)" in a transcript is not a credit.
_CAPTION_CREDIT = re.compile(
    r"[.!?][\"”’]?(?:\([A-Z][\w/&' -]{0,30}\)|\s\([^()]*\b(?:photo|image|file photo|pic|credit)\b[^()]*\))$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z-]*")
# A line_patterns entry that is plain ASCII words, maybe between word boundaries: r"\bsyndicated feed\b".
_PLAIN_WORDS = re.compile(r"(?:\\b)?([A-Za-z0-9 ']+)(?:\\b)?")
# Last characters a _RELATIVE_TIME line can have ("ago", "now", "yesterday", optional "."), any case.
_RELATIVE_TIME_ENDS = "oOwWyY."


def remove_furniture(text: str) -> str:
    """`text` without its furniture lines; blank lines are kept for paragraph breaks."""
    return "\n".join(remove_furniture_lines(text.split("\n")))


def remove_furniture_lines(lines: list[str]) -> list[str]:
    """`remove_furniture` on a list of lines (none holding a newline)."""
    drop = [False] * len(lines)
    after_timestamp: list[int] = []  # short lines right below a relative timestamp
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_FURNITURE_LINE:
            continue
        if _is_relative_time(stripped):
            drop[index] = True
            headline = _previous_nonblank(lines, index)
            if headline is not None and len(lines[headline].strip()) <= MAX_SIDEBAR_HEADLINE:
                drop[headline] = True
            following = _next_nonblank(lines, index)
            if following is not None and len(lines[following].strip()) <= MAX_SIDEBAR_HEADLINE:
                after_timestamp.append(following)
        elif is_furniture_line(stripped):
            drop[index] = True
    for index in after_timestamp:
        # The last headline of a sidebar cut before its timestamp: still inside the
        # sidebar when what follows it is furniture too, or nothing.
        following = _next_nonblank(lines, index)
        if following is None or drop[following]:
            drop[index] = True
    return [line for line, dropped in zip(lines, drop) if not dropped]


def is_furniture_line(line: str) -> bool:
    """True for one stripped line that is furniture on its own (no context needed)."""
    return (
        _is_date_only(line)
        or _is_byline(line)
        or _is_caption(line)
        or _matches_phrase(line)
        or _is_nav_line(line)
    )


def _is_relative_time(stripped: str) -> bool:
    """`_RELATIVE_TIME` matches; it ends in "o", "w", "y" or "." (any case), so most lines are ruled out unread."""
    return stripped[-1:] in _RELATIVE_TIME_ENDS and _RELATIVE_TIME.match(stripped) is not None


def _previous_nonblank(lines: list[str], index: int) -> int | None:
    for before in range(index - 1, -1, -1):
        if lines[before].strip():
            return None if _is_relative_time(lines[before].strip()) else before
    return None


def _next_nonblank(lines: list[str], index: int) -> int | None:
    for after in range(index + 1, len(lines)):
        if lines[after].strip():
            return after
    return None


def _is_date_only(line: str) -> bool:
    """A timestamp line; a date closed by a full stop is the date of a letter or order, kept.

    Every DATE_PATTERN date holds a year written "19.." or "20..": lines without one are not searched.
    """
    if line.endswith(".") or ("19" not in line and "20" not in line) or not DATE_PATTERN.search(line):
        return False
    rest = _DATE_LABELS.sub(" ", _TIME.sub(" ", DATE_PATTERN.sub(" ", line)))
    return not re.search(r"[A-Za-z0-9]", rest)


def _is_byline(line: str) -> bool:
    return len(line) <= MAX_BYLINE and bool(_BYLINE.match(line)) and not _ends_sentence(line)


def _is_caption(line: str) -> bool:
    """`_CAPTION_CREDIT` ends in ")" (maybe before a final newline): other lines are not searched."""
    return line.endswith((")", ")\n")) and _CAPTION_CREDIT.search(line) is not None


def _ends_sentence(line: str) -> bool:
    """`_SENTENCE_END` matches: searched from 3 characters before the end, the longest match it has."""
    return _SENTENCE_END.search(line, max(len(line) - 3, 0)) is not None


def _matches_phrase(line: str) -> bool:
    vocabulary = _vocabulary()
    return bool(vocabulary.at_start.match(line)
                or (_may_match_anywhere(line, vocabulary.anywhere_words) and vocabulary.anywhere.search(line)))


def _may_match_anywhere(line: str, words: tuple[str, ...] | None) -> bool:
    """False only when no `anywhere` pattern can match, so the slow case-blind regex is skipped.

    Every match holds one of `words` in some letter case. Under re.IGNORECASE an
    ASCII letter matches its two cases and only "i", "k", "s" match more ("İ", "ı",
    Kelvin "K", "ſ"): lower() finds all but "İ", "ı" and "ſ", so lines with those are searched.
    """
    if words is None:
        return True
    if not line.isascii() and ("\u0130" in line or "\u0131" in line or "\u017f" in line):
        return True
    lowered = line.lower()
    for word in words:
        if word in lowered:
            return True
    return False


def _is_nav_line(line: str) -> bool:
    if _ends_sentence(line):
        return False
    tokens = line.split()
    if len(tokens) > MAX_NAV_TOKENS:
        return False
    nav_words = _vocabulary().nav_words
    words = _WORD.findall(line.lower())
    hits = sum(1 for word in words if word in nav_words)
    return hits >= 1 and hits * 2 >= len(words)


class _Vocabulary(NamedTuple):
    at_start: re.Pattern   # the patterns anchored at "^", tried only at the line start
    anywhere: re.Pattern   # the other patterns
    anywhere_words: tuple[str, ...] | None  # lower-cased text one of which every `anywhere` match holds
    nav_words: frozenset[str]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    """The patterns and nav words of PHRASES_FILE, once per process.

    Anchored patterns are joined into one regex tried only at the line start
    (re.match), which keeps the check cheap on long transcripts.
    """
    sections: dict[str, list[str]] = {}
    current = None
    for raw in PHRASES_FILE.read_text(encoding="utf-8").splitlines():
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("[") and entry.endswith("]"):
            current = sections.setdefault(entry[1:-1], [])
        elif current is not None:
            current.append(entry)
    patterns = sections.get("line_patterns", [])
    at_start = [p[1:] for p in patterns if p.startswith("^")]
    anywhere = [p for p in patterns if not p.startswith("^")]
    return _Vocabulary(_alternation(at_start), _alternation(anywhere), _literal_words(anywhere),
                       frozenset(w.lower() for w in sections.get("nav_words", [])))


def _alternation(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


def _literal_words(patterns: list[str]) -> tuple[str, ...] | None:
    """The lower-cased text of patterns that are plain words (maybe between \\b); None if one is not."""
    words = [_PLAIN_WORDS.fullmatch(p) for p in patterns]
    if not all(words):
        return None
    return tuple(match.group(1).lower() for match in words)
