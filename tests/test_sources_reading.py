"""Decoding, publication dates, walking order, source_uris and skipping unchanged files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import CORPUS
from extract.documents import Document, Rejection
from extract.sources import FileRead, Unchanged, cleaner_version, read_path, read_raw_dir
from extract.sources.decode import decode_bytes
from extract.sources.errors import InputRejected
from extract.sources.pubdate import find_text_date, parse_date
from extract.sources.rescan import SOURCES_DIR, cleaner_digest
from extract.sources.walk import iter_input_files

SENTENCE = "President Biden spoke with Mexican President Andrés Manuel López Obrador yesterday to review bilateral cooperation on the administration’s policies."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_recoverable_encodings_decode_to_the_same_text(encoding: str) -> None:
    raw = SENTENCE.encode(encoding, errors="replace" if encoding == "latin-1" else "strict")
    text, _ = decode_bytes(raw)
    expected = SENTENCE if encoding != "latin-1" else SENTENCE.replace("’", "?")
    assert text == expected


def test_other_legacy_encoding_is_not_misread_as_cp1252() -> None:
    cyrillic = "Президент провёл переговоры с министром иностранных дел в Москве."
    assert decode_bytes(cyrillic.encode("cp1251"))[0] == cyrillic


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"), (bytes(range(0x80, 0x100)) * 3, "undecodable")],
)
def test_unreadable_bytes_are_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(InputRejected) as refused:
        decode_bytes(raw)
    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-01-21 17:12:47-05:00", date(2021, 1, 21)),  # White House published_time: the local day
        ("2025-03-14 20:30:26Z", date(2025, 3, 14)),        # VOA
        ("2017-08-31T08:54", date(2017, 8, 31)),             # headlines
        ("Nov 20, 2024", date(2024, 11, 20)),
        ("not a date", None),
        ("2021-02-30", None),
    ],
)
def test_metadata_dates(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_text_date_from_a_scraped_header() -> None:
    seed = (CORPUS / "seeds" / "002_7c22ec6678f18bc5.txt").read_text(encoding="utf-8")
    assert find_text_date(seed) == date(2024, 11, 20)


def test_dates_inside_story_sentences_are_not_publication_dates() -> None:
    seed = (CORPUS / "seeds" / "001_a9e167943ddc8dc0.txt").read_text(encoding="utf-8")
    assert "March 29, 2024" in seed
    assert find_text_date(seed) is None


def test_published_label_wins_over_updated() -> None:
    header = "Rajnath Singh tells Chinese counterpart in Laos\nUpdated - November 21, 2024 08:15 am IST\nPublished - November 20, 2024 10:04 pm IST\n"
    assert find_text_date(header) == date(2024, 11, 20)


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    seed = (CORPUS / "seeds" / "004_bab6568d393393c4.txt").read_bytes()
    for name in ("b.txt", "a/z.txt", "a/b/c.txt", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(seed)
    uris = [item.source_uri for item in read_raw_dir(tmp_path, 1 << 20)]
    assert uris == ["a/b/c.txt", "a/z.txt", "b.txt"]


def test_walk_yields_plain_string_paths_that_name_the_files(tmp_path: Path) -> None:
    # not Path objects: each would intern its name in a table that never shrinks
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.txt").write_text("Biden met Macron in Paris.\n")
    (tmp_path / "b.txt").write_text("Kishida met Yoon in Seoul.\n")
    files = list(iter_input_files(tmp_path))
    assert [(uri, type(path)) for uri, path in files] == [("a/z.txt", str), ("b.txt", str)]
    assert [Path(path).read_text() for _, path in files] == [
        "Biden met Macron in Paris.\n", "Kishida met Yoon in Seoul.\n"]


def test_voa_line_becomes_titled_dated_document() -> None:
    path = CORPUS / "voa" / "voa_stories.jsonl"
    docs = [item for item in read_path(path, CORPUS, 20 << 20)]
    assert all(isinstance(item, Document) for item in docs) and len(docs) == 89
    first = docs[0]
    assert first.source_uri == "voa/voa_stories.jsonl#8011115"
    assert first.text.startswith("Iraq says key Islamic State leader is dead\n\nOne of the Islamic State")
    assert (first.published_at, first.published_at_source) == (date(2025, 3, 14), "metadata")
    assert first.url == "https://www.voanews.com/a/iraq-says-key-islamic-state-leader-is-dead/8011115.html"


def test_document_ids_are_content_hashes(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Xi has previously visited Tajikistan in 2014 and 2019.\n")
    (tmp_path / "two.txt").write_text("Xi has previously visited Tajikistan in 2014 and 2019.\r\n\r\n")
    one, two = read_raw_dir(tmp_path, 1 << 20)
    assert one.document_id == two.document_id and len(one.document_id) == 20
    assert one.content_sha256.startswith(one.document_id) and one.raw_sha256 != two.raw_sha256


def test_duplicate_jsonl_ids_keep_source_uris_unique(tmp_path: Path) -> None:
    line = '{"id": "bbc-1", "text": "Who are Somalia\'s al-Shabab?"}'
    (tmp_path / "wire.jsonl").write_text(f"{line}\n{line}\n")
    assert [item.source_uri for item in read_raw_dir(tmp_path, 1 << 20)] == ["wire.jsonl#bbc-1", "wire.jsonl#line-2"]


def test_oversized_file_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    (rejection,) = read_raw_dir(tmp_path, 1024)
    assert isinstance(rejection, Rejection) and rejection.reason == "oversized"
    assert "2,048" in rejection.detail and "1,024" in rejection.detail


# ---------------------------------------------------------------- skipping unchanged files

def test_known_files_announce_every_file_and_skip_unchanged_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE)
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "One story."}\n{"id": "2", "text": "Another."}\n')
    (tmp_path / "c.txt").write_bytes(b"x" * 2048)
    first = list(read_raw_dir(tmp_path, 1024, known_files={}))
    assert [type(item).__name__ for item in first] == [
        "FileRead", "Document", "FileRead", "Document", "Document", "FileRead", "Rejection"]
    assert first[-2] == FileRead("c.txt", None, cleaner_version())  # too large: bytes never read
    known = {m.source_uri: (m.raw_sha256, m.cleaner_version) for m in first if isinstance(m, FileRead) and m.raw_sha256}
    (tmp_path / "a.txt").write_text(SENTENCE + "\nOne more line.\n")
    second = list(read_raw_dir(tmp_path, 1024, known_files=known))
    assert [type(item).__name__ for item in second] == ["FileRead", "Document", "Unchanged", "FileRead", "Rejection"]
    assert second[2] == Unchanged("b.jsonl", known["b.jsonl"][0], cleaner_version())


def test_a_file_read_by_another_cleaner_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Xi has previously visited Tajikistan in 2014 and 2019.\n")
    marker, _ = read_raw_dir(tmp_path, 1 << 20, known_files={})
    older = {"a.txt": (marker.raw_sha256, "an-older-cleaner")}
    assert [type(item).__name__ for item in read_raw_dir(tmp_path, 1 << 20, known_files=older)] == ["FileRead", "Document"]


def test_cleaner_version_follows_every_cleaner_file(tmp_path: Path) -> None:
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert cleaner_digest(copy) == cleaner_digest(SOURCES_DIR) == cleaner_version()
    versions = {cleaner_digest(copy)}
    with open(copy / "furniture_phrases.txt", "a", encoding="utf-8") as handle:
        handle.write("\n^newsletter sign-up$\n")
    versions.add(cleaner_digest(copy))
    with open(copy / "unwrap.py", "a", encoding="utf-8") as handle:
        handle.write("\n# a code change\n")
    versions.add(cleaner_digest(copy))
    assert len(versions) == 3


# ---------------------------------------------------------------- reading on an executor

def test_a_scan_on_process_workers_reads_the_same_items_in_the_same_order(tmp_path: Path, monkeypatch) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from extract.sources import reader

    for seed in sorted((CORPUS / "seeds").iterdir()):
        shutil.copy(seed, tmp_path / seed.name)
    shutil.copy(CORPUS / "voa" / "voa_stories.jsonl", tmp_path / "voa.jsonl")
    (tmp_path / "empty.txt").write_bytes(b"")
    first = list(read_raw_dir(tmp_path, 1 << 24, known_files={}))
    known = {m.source_uri: (m.raw_sha256, m.cleaner_version) for m in first if isinstance(m, FileRead) and m.raw_sha256}
    (tmp_path / "voa.jsonl").unlink()
    (tmp_path / "late.txt").write_text(SENTENCE)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        for known_files in (None, {}, known):
            expected = list(read_raw_dir(tmp_path, 1 << 24, known_files=known_files))
            for per_task in (1, 3):
                monkeypatch.setattr(reader, "FILES_PER_TASK", per_task)
                assert list(read_raw_dir(tmp_path, 1 << 24, known_files=known_files, executor=pool)) == expected
    seeds = len(list((CORPUS / "seeds").iterdir()))
    assert [type(item).__name__ for item in expected] == ["Unchanged"] * (seeds + 1) + ["FileRead", "Document"]
    assert sum(isinstance(item, Document) for item in first) == seeds + 89


def test_walk_order_is_the_sorted_order_of_uris(tmp_path: Path) -> None:
    # a directory's files sort by their whole uri: "a-b/x" before "a.txt" before "a/x"
    names = ["a/x.txt", "a-b/x.txt", "a.txt", "a/b/c.txt", "a/b.txt", "ab.txt", "a0/y.txt", "B.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Biden met Macron in Paris.\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Biden met Macron in Paris.\n")
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "file-link.txt").symlink_to(tmp_path / "ab.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    uris = [uri for uri, _ in iter_input_files(tmp_path)]
    assert uris == sorted(names + ["file-link.txt"])
