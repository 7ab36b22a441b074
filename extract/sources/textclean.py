"""Character- and whitespace-level cleaning shared by every format.

Kept separate from line joining so the order is explicit: characters first
(so every later step sees "\n" line ends and no control bytes), spaces last.
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Controls (C0 but tab/newline, DEL, C1), soft hyphen, zero-width space, word joiner, BOM.
_INVISIBLE_CHARS = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff"
# Tab, no-break space, the Unicode space block, narrow/medium/ideographic spaces.
_ODD_SPACE_CHARS = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_INVISIBLE_OR_ODD = re.compile(f"[{_INVISIBLE_CHARS}{_ODD_SPACE_CHARS}]")
# Two or more spaces, three or more newlines: written with a literal prefix of two
# characters (not " {2,}") so the regex engine skips ahead fast.
_SPACE_RUN = re.compile("   *")
_BLANK_RUN = re.compile("\n\n\n+")


def normalise_newlines(text: str) -> str:
    """All line ends as "\\n" (Windows, old Mac, Unicode separators, form feeds)."""
    # Six substring scans are far cheaper than a regex pass over text that has none (the usual case).
    if ("\r" in text or "\x0b" in text or "\x0c" in text or "\x85" in text
            or "\u2028" in text or "\u2029" in text):
        return _NEWLINES.sub("\n", text)
    return text


def normalise_characters(text: str) -> str:
    """Drop control and invisible characters; turn tabs and Unicode spaces into " "."""
    text = text.replace("\u00a0", " ")  # by far the most frequent one (HTML &nbsp;)
    if not _INVISIBLE_OR_ODD.search(text):
        return text
    return _ODD_SPACES.sub(" ", _INVISIBLE.sub("", text))


def tidy_whitespace(text: str) -> str:
    """Collapse space runs, trim every line, keep at most one blank line between paragraphs."""
    return tidy_lines(text.split("\n"))


def tidy_lines(lines: list[str]) -> str:
    """`tidy_whitespace` of the lines joined by newlines, trimming line by line.

    Trimming each line's spaces is what removing spaces around every newline
    does (the first and last line differ only at the ends, which the final
    strip removes anyway), and trimming before collapsing runs gives the same.
    """
    text = "\n".join([line.strip(" ") for line in lines])
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def clean_inline(value: str | None) -> str | None:
    """A one-line metadata value (title, url) cleaned the same way as text; blank -> None."""
    if value is None:
        return None
    cleaned = " ".join(normalise_characters(normalise_newlines(value)).split())
    return cleaned or None
