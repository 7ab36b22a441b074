"""Remove Markdown syntax that is noise for NLP, keeping the words it marks up.

Runs after unwrapping, so a link whose text was wrapped over two lines is whole.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"(?<!\\)(?:\*+|(?<![\w])__+|__+(?![\w]))")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'$&=:;,/@^%?])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_ONLY_HASHES = re.compile(r"^\s*#+\s*$")
# Lines without any of these need no work (most prose lines).
_MAY_HAVE_MARKUP = re.compile(r"[\[\]<>*\\#_`]|^\s*(?:[-+]|\d{1,3}[.)])")


def strip_markdown(text: str) -> str:
    """Markdown to plain text, line by line (line = paragraph or list item)."""
    return "\n".join(_strip_line(line) for line in text.split("\n"))


def _strip_line(line: str) -> str:
    if not _MAY_HAVE_MARKUP.search(line):
        return line
    if _RULE.match(line):
        return ""
    line = _BULLET.sub("", _HEADING.sub("", line))
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    return "" if _ONLY_HASHES.match(line) else line
