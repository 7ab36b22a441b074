"""Every input in tests/fixtures/bad_input is accounted for exactly as EXPECTED.json says.

Bad files must become Rejections with the right reason while the good files
around them (and the good lines of a partly broken JSONL file) still load.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from extract.documents import Document, Rejection
from extract.sources import read_path, read_raw_dir

FIXTURE = Path(__file__).parent / "fixtures" / "bad_input"
EXPECTED = json.loads((FIXTURE / "EXPECTED.json").read_text(encoding="utf-8"))
MAX_BYTES = EXPECTED["max_file_bytes"]


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture plus a generated file one byte over the size limit."""
    copy = tmp_path_factory.mktemp("raw") / "bad_input"
    shutil.copytree(FIXTURE, copy)
    with open(copy / "oversized.txt", "wb") as handle:
        handle.write(b"Chinese Defense Minister Dong Jun held talks. " * (MAX_BYTES // 46 + 1))
    assert (copy / "oversized.txt").stat().st_size > MAX_BYTES
    return copy


@pytest.fixture(scope="module")
def outcomes(raw_dir: Path) -> list[Document | Rejection]:
    return list(read_raw_dir(raw_dir, MAX_BYTES))


def expected_inputs() -> dict[str, dict]:
    return {**EXPECTED["inputs"], **EXPECTED["generated"]}


def test_every_input_accounted_for_exactly_once(outcomes: list[Document | Rejection]) -> None:
    uris = [item.source_uri for item in outcomes]
    assert len(uris) == len(set(uris)), "a source_uri came back twice"
    assert sorted(uris) == sorted(expected_inputs())


def test_hidden_files_are_never_read(outcomes: list[Document | Rejection]) -> None:
    assert not [item.source_uri for item in outcomes if any(part.startswith(".") for part in item.source_uri.split("/"))]


@pytest.mark.parametrize("uri", sorted(expected_inputs()))
def test_outcome_matches_expectation(uri: str, outcomes: list[Document | Rejection]) -> None:
    expected = expected_inputs()[uri]
    by_uri = {item.source_uri: item for item in outcomes}
    got = by_uri[uri]
    if expected["outcome"] == "rejection":
        assert isinstance(got, Rejection), f"{uri} should be rejected as {expected['reason']}"
        assert got.reason == expected["reason"]
        assert got.detail and got.detail[0].isalnum()
        return
    assert isinstance(got, Document), f"{uri} was rejected: {getattr(got, 'detail', '')}"
    if "published_at" in expected:
        assert got.published_at == date.fromisoformat(expected["published_at"])
    if "published_at_source" in expected:
        assert got.published_at_source == expected["published_at_source"]
    if "contains" in expected:
        assert expected["contains"] in got.text
    if "not_contains" in expected:
        assert expected["not_contains"] not in got.text
    if "same_document_as" in expected:
        assert got.document_id == by_uri[expected["same_document_as"]].document_id


def test_rejections_carry_raw_hash_except_unread_oversized(outcomes: list[Document | Rejection]) -> None:
    for item in outcomes:
        if isinstance(item, Rejection):
            assert (item.raw_sha256 is None) == (item.reason == "oversized"), item


def test_oversized_detail_names_size_and_limit(outcomes: list[Document | Rejection]) -> None:
    oversized = next(item for item in outcomes if item.source_uri == "oversized.txt")
    assert f"{MAX_BYTES:,}" in oversized.detail
    assert f"{(FIXTURE / 'seed_xi_tajikistan.txt').stat().st_size:,}" not in oversized.detail


def test_malformed_jsonl_detail_has_line_number_and_json_error(outcomes: list[Document | Rejection]) -> None:
    truncated = next(item for item in outcomes if item.source_uri == "wire.jsonl#line-2")
    assert "line 2" in truncated.detail and "Unterminated string" in truncated.detail


def test_recovered_encodings_read_like_the_utf8_original(outcomes: list[Document | Rejection]) -> None:
    """The cp1252 copy keeps its accents and curly quotes instead of turning them into mojibake."""
    cp1252 = next(item for item in outcomes if item.source_uri == "legacy/obrador_readout_cp1252.md")
    assert "López Obrador" in cp1252.title
    assert "administration’s draconian" in cp1252.text
    assert "\r" not in cp1252.text


def test_read_path_reads_one_file_relative_to_root(raw_dir: Path) -> None:
    items = list(read_path(raw_dir / "wire.jsonl", raw_dir, MAX_BYTES))
    assert [item.source_uri for item in items] == [uri for uri in EXPECTED["inputs"] if uri.startswith("wire.jsonl#")]
