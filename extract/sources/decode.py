"""Bytes to text: UTF-8 when it is, recovered legacy encodings, refusals otherwise.

Order matters for speed: almost every input is UTF-8, so charset detection
(charset-normalizer, imported lazily) only runs on the rare file that is not.
"""

from __future__ import annotations

import codecs
import re

from extract.sources.errors import InputRejected

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
# Control bytes other than tab, newline, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])
_MAX_CONTROL_SHARE = 0.05
# Share of words made mostly of non-ASCII letters above which cp1252 is a wrong guess.
_MAX_FOREIGN_WORD_SHARE = 0.1
_WORDS = re.compile(r"[^\W\d_]+")
# At most one corrupt byte per this many characters for "UTF-8 with damage".
_MAX_REPLACED_PER_CHARS = 500


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputRejected("binary" | "undecodable")."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise InputRejected("undecodable", f"starts with a {encoding} byte-order mark but is not valid {encoding}: {err.reason} at byte {err.start}") from None
    head = raw[:_SNIFF_BYTES]
    if b"\x00" in head:
        return _decode_with_nuls(raw, head)
    if _control_share(head) > _MAX_CONTROL_SHARE:
        raise InputRejected("binary", f"{_control_share(head):.0%} of the first {len(head)} bytes are control characters: not a text file")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _try_damaged_utf8(raw)
    if damaged is not None:
        return damaged, "utf-8 (invalid bytes replaced)"
    cp1252 = _try_cp1252(raw)
    if cp1252 is not None:
        return cp1252, "cp1252"
    return _detect(raw)


def _control_share(head: bytes) -> float:
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # a C loop, not a regex scan
    return controls / max(len(head), 1)


def _decode_with_nuls(raw: bytes, head: bytes) -> tuple[str, str]:
    """NUL bytes mean binary, unless they sit in every other byte (UTF-16 without a BOM)."""
    even_nuls = head[0::2].count(0) / max(len(head[0::2]), 1)
    odd_nuls = head[1::2].count(0) / max(len(head[1::2]), 1)
    encoding = "utf-16-le" if odd_nuls > 0.4 > even_nuls else "utf-16-be" if even_nuls > 0.4 > odd_nuls else None
    if encoding:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            text = None
        if text is not None and not _CONTROL_TEXT.search(text[:2000]):
            return text, encoding
    raise InputRejected("binary", f"contains NUL bytes ({head.count(0)} in the first {len(head)} bytes): not a text file")


_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _try_damaged_utf8(raw: bytes) -> str | None:
    """UTF-8 with a few corrupt bytes (a truncated copy, one bad byte) stays UTF-8.

    Accepted only when real multi-byte sequences decode and the bad bytes are rare;
    otherwise the file is more likely a legacy encoding.
    """
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if multibyte >= replaced and replaced <= max(1, len(text) // _MAX_REPLACED_PER_CHARS):
        return text
    return None


def _try_cp1252(raw: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1's printable range) when it reads like Western text.

    cp1252 decodes almost any bytes, so the result is judged: in Western text
    accented letters sit inside mostly-ASCII words ("López"); text in another
    legacy encoding read as cp1252 gives words made of accented letters only.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    words = _WORDS.findall(text)
    if not words:
        return None
    foreign = sum(1 for word in words if sum(ord(ch) > 127 for ch in word) * 2 > len(word))
    return text if foreign <= len(words) * _MAX_FOREIGN_WORD_SHARE else None


def _detect(raw: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # lazy: costs import time, rarely needed

    best = from_bytes(raw).best()
    if best is None:
        raise InputRejected("undecodable", f"not valid UTF-8 and no text encoding fits its {len(raw)} bytes")
    return str(best), best.encoding
