"""Character- and whitespace-level cleaning shared by every format.

Kept separate from line joining so the order is explicit: characters first
(so every later step sees "\n" line ends and no control bytes), spaces last.
"""

from __future__ import annotations

import re

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Controls (C0 but tab/newline, DEL, C1), soft hyphen, zero-width space, word joiner, BOM.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff]")
# Tab, no-break space, the Unicode space block, narrow/medium/ideographic spaces.
_ODD_SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r" {2,}")
_LINE_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_RUN = re.compile(r"\n{3,}")


def normalise_newlines(text: str) -> str:
    """All line ends as "\\n" (Windows, old Mac, Unicode separators, form feeds)."""
    return _NEWLINES.sub("\n", text)


def normalise_characters(text: str) -> str:
    """Drop control and invisible characters; turn tabs and Unicode spaces into " "."""
    return _ODD_SPACES.sub(" ", _INVISIBLE.sub("", text))


def tidy_whitespace(text: str) -> str:
    """Collapse space runs, trim every line, keep at most one blank line between paragraphs."""
    text = _LINE_EDGE_SPACES.sub("\n", _SPACE_RUN.sub(" ", text))
    return _BLANK_RUN.sub("\n\n", text).strip()


def clean_inline(value: str | None) -> str | None:
    """A one-line metadata value (title, url) cleaned the same way as text; blank -> None."""
    if value is None:
        return None
    cleaned = " ".join(normalise_characters(normalise_newlines(value)).split())
    return cleaned or None
