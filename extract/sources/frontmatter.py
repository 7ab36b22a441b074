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

    try:
        loaded = _load_yaml(yaml, match.group(1))
    except yaml.YAMLError:
        return {}, body
    if not isinstance(loaded, dict):
        return {}, body
    return {str(k): v for k, v in loaded.items() if isinstance(v, str)}, body


def _load_yaml(yaml, source: str) -> object:
    """yaml.load with the base loader; a flat mapping of scalars is built straight from its nodes.

    That is what the base constructor makes of it (every scalar is its string,
    a repeated key keeps its last value), without its per-node Python calls.
    """
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _flat_scalars(yaml, loader, node):
            return {key.value: value.value for key, value in node.value}
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _flat_scalars(yaml, loader, node) -> bool:
    """A mapping of scalar keys to scalar values, and no constructor registered on the loader."""
    return (isinstance(node, yaml.MappingNode)
            and not loader.yaml_constructors and not loader.yaml_multi_constructors
            and all(isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode) for key, value in node.value))


def first_value(metadata: dict, keys: tuple[str, ...]) -> str | None:
    """The first non-blank string value among `keys`."""
    for key in keys:
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
