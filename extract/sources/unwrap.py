"""Undo hard wrapping: lines of one paragraph become one line.

Two situations. Markdown has it in its grammar: a single newline inside a
paragraph is a space, while list items, headings and hard breaks start lines.
Plain text has no grammar, so a line is joined to the next only when the text
is visibly wrapped at a fixed width and the line was "full" (the next word
would not have fitted); short lines such as headlines and list entries stay.
"""

from __future__ import annotations

import re

_MD_BLOCK_START = re.compile(r"^\s{0,3}(?:[-*+]\s|\d{1,3}[.)]\s|#|>|\|)")
_BLOCK_MARKS = "-*+#>|"  # with decimal digits: the first non-space of any _MD_BLOCK_START line
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•·]\s|\d{1,3}[.)]\s)")
_ORDERED_MARK = re.compile(r"(\d{1,3})[.)]\s")
MAX_WRAP_WIDTH = 100
MIN_WRAPPED_LINES = 4


def unwrap_markdown(text: str) -> str:
    """Join the lines of each Markdown paragraph / list item with a space."""
    return "\n".join(unwrap_markdown_lines(text))


def unwrap_markdown_lines(text: str) -> list[str]:
    """`unwrap_markdown` as a list of lines, for callers that go on line by line.

    A paragraph is collected as parts and joined once when it ends (a blank
    line, a block start, a hard break or a heading), instead of re-copying
    the growing line for every source line.
    """
    out: list[str] = []
    parts: list[str] = []  # the open paragraph: the next source line may continue it
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if parts:
                out.append(" ".join(parts))
                parts = []
            out.append("")
            continue
        first = stripped[0]
        # Inline tests (this loop runs for every source line): the first and last
        # characters rule out most lines before any regex or endswith.
        if parts and ((first not in _BLOCK_MARKS and not first.isdecimal()) or _MD_BLOCK_START.match(line) is None
                      or first.isdecimal() and _numbered_continuation(stripped, parts[0])):
            if len(parts) == 1:
                parts[0] = parts[0].rstrip()  # later parts are stripped already
            parts.append(stripped)
        else:
            if parts:
                out.append(" ".join(parts))
            parts = [line]
        if line[-1] in " \\" and line.endswith(("\\", "  ")):  # hard break: ends the paragraph, marker dropped
            out.append(" ".join(parts).rstrip(" \\"))
            parts = []
        elif first == "#":  # a heading is never continued
            out.append(" ".join(parts))
            parts = []
    if parts:
        out.append(" ".join(parts))
    return out


def _numbered_continuation(stripped: str, opening: str) -> bool:
    """A wrapped line that starts with a number, not a list item: in Markdown only "1." starts a
    list inside a paragraph ("... near Sabina Shoal ... on August" / "19.  Mr. Sullivan reiterated")."""
    number = _ORDERED_MARK.match(stripped)
    return number is not None and number.group(1) != "1" and _LIST_ITEM.match(opening) is None


def unwrap_plain(text: str) -> str:
    """Join hard-wrapped lines of plain text; leave text with long lines as it is."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    for index, line in enumerate(lines):
        if out and out[-1] and line.strip() and not _LIST_ITEM.match(line) and _was_full(lines[index - 1], line, width):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def wrap_width(lines: list[str]) -> int | None:
    """The column the text was wrapped at, or None when it does not look wrapped."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if width > MAX_WRAP_WIDTH or width < 30:
        return None
    full = sum(
        1 for before, after in zip(lines, lines[1:]) if before.strip() and after.strip() and _was_full(before, after, width)
    )
    return width if full * 2 >= len(lengths) else None


def _was_full(line: str, next_line: str, width: int) -> bool:
    next_word = next_line.strip().split(" ", 1)[0]
    return len(line.rstrip()) + 1 + len(next_word) > width - 2
