"""YAML front matter ("---" block at the top of Markdown/text files) to metadata."""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

TITLE_KEYS = ("title",)
DATE_KEYS = ("date", "published_time", "published")
URL_KEYS = ("source_url", "url")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (metadata, body). Metadata values are strings; no front matter gives {}.

    Parsed with the YAML *base* loader so dates stay the strings the author wrote
    (PyYAML would turn "2021-01-21 17:12:47-05:00" into UTC and could move the day).
    Broken YAML yields no metadata but still drops the block from the body.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    body = text[match.end():]
    import yaml  # lazy: only files with front matter need it

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        loaded = yaml.load(match.group(1), Loader=loader)
    except yaml.YAMLError:
        return {}, body
    if not isinstance(loaded, dict):
        return {}, body
    return {str(k): v for k, v in loaded.items() if isinstance(v, str)}, body


def first_value(metadata: dict, keys: tuple[str, ...]) -> str | None:
    """The first non-blank string value among `keys`."""
    for key in keys:
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
