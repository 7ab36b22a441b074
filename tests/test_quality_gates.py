"""Each quality gate passes a sound warehouse and fails a broken one, naming the row.

The warehouses are small DuckDB files with the mart schemas of docs/design.md,
filled with real sentences of a seed article; each test breaks one thing.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest
import yaml

from communique.quality import format_failures, run_gates, sample_markdown
from communique.quality_codes import valid_codes

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEED = CORPUS / "seeds" / "000_2cff20377abe7606.txt"
DOC_ID = "2cff20377abe7606aaaa"
PUBLISHED = date(2024, 11, 21)

MEETING = ("On the afternoon of November 20, Chinese Defense Minister Dong Jun held talks with "
           "Indian Defense Minister Rajnath Singh in Vientiane, Laos.")
PLEDGE = ("They also agreed to strictly abide by the recent common understanding reached by the "
          "two sides, and to make efforts to de-escalate tensions in border areas.")
FIGURE = ("Among the more than 30 cooperation projects implemented under the tourism year "
          "program, there are media cooperation projects.")

SCHEMA = """
create table dim_documents (document_id varchar, source_uri varchar, source_uris varchar[],
  title varchar, published_at date, published_at_source varchar, content_sha256 varchar,
  n_chars integer, text varchar, ingested_at timestamp);
create table dim_actors (actor_id varchar, name varchar, actor_type varchar,
  country_code varchar, title varchar);
create table fct_meetings (meeting_id varchar, meeting_date date, location varchar, mode varchar,
  country_codes varchar[], n_documents integer, evidence varchar, confidence double);
create table bridge_meeting_participants (meeting_id varchar, actor_id varchar);
create table bridge_meeting_documents (meeting_id varchar, document_id varchar,
  evidence varchar, start_char integer, end_char integer);
create table fct_pledges (pledge_id varchar, document_id varchar, pledge_date date,
  pledger_actor_id varchar, pledger_country_codes varchar[],
  beneficiary_country_codes varchar[], content varchar, evidence varchar,
  start_char integer, end_char integer, confidence double);
create table fct_tourism_figures (figure_id varchar, document_id varchar, metric varchar,
  value double, unit varchar, qualifier varchar, place varchar, period_start date,
  period_end date, evidence varchar, start_char integer, end_char integer, confidence double);
create table rejected_documents (source_uri varchar, reason varchar, detail varchar,
  rejected_at timestamp);
"""


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def make_warehouse(path: Path, n_meetings: int = 1, published_at: date | None = PUBLISHED) -> Path:
    """A sound warehouse: the seed article, its Dong Jun / Rajnath Singh meeting, a pledge, a figure."""
    text = seed_text()
    con = duckdb.connect(str(path))
    con.execute(SCHEMA)
    con.execute("insert into dim_documents values (?, 'seeds/000.txt', ['seeds/000.txt'], NULL, ?, "
                "'text', 'sha', ?, ?, now())", [DOC_ID, published_at, len(text), text])
    con.execute("insert into dim_actors values ('a_dong', 'Dong Jun', 'person', 'CHN', 'Defense Minister'),"
                " ('a_singh', 'Rajnath Singh', 'person', 'IND', 'Defense Minister'),"
                " ('a_un', 'United Nations', 'organization', 'UN', NULL),"
                " ('a_someone', 'Wu Qian', 'person', NULL, 'spokesperson')")
    m_start, m_end = span(text, MEETING)
    for i in range(n_meetings):
        meeting_id = f"m{i}"
        con.execute("insert into fct_meetings values (?, DATE '2024-11-20', 'Vientiane', 'in_person', "
                    "['CHN', 'IND'], 1, ?, 0.9)", [meeting_id, MEETING])
        con.execute("insert into bridge_meeting_participants values (?, 'a_dong'), (?, 'a_singh')",
                    [meeting_id, meeting_id])
        con.execute("insert into bridge_meeting_documents values (?, ?, ?, ?, ?)",
                    [meeting_id, DOC_ID, MEETING, m_start, m_end])
    p_start, p_end = span(text, PLEDGE)
    con.execute("insert into fct_pledges values ('p0', ?, DATE '2024-11-20', NULL, ['CHN', 'IND'], "
                "[], 'strictly abide by the recent common understanding', ?, ?, ?, 0.8)",
                [DOC_ID, PLEDGE, p_start, p_end])
    f_start, f_end = span(text, FIGURE)
    con.execute("insert into fct_tourism_figures values ('f0', ?, 'projects', 30, 'projects', 'over', "
                "'Kazakhstan', DATE '2024-01-01', DATE '2024-12-31', ?, ?, ?, 0.7)",
                [DOC_ID, FIGURE, f_start, f_end])
    con.close()
    return path


def tamper(path: Path, *statements: str, params: list | None = None) -> None:
    con = duckdb.connect(str(path))
    for statement in statements:
        con.execute(statement, params or [])
    con.close()


def gates(build: Path, tmp_path: Path, published: Path | None = None) -> dict:
    return {r.name: r for r in run_gates(build, published, tmp_path / "quality")}


@pytest.fixture()
def build(tmp_path: Path) -> Path:
    return make_warehouse(tmp_path / "build.duckdb")


def failed(results: dict) -> set[str]:
    return {name for name, r in results.items() if not r.passed}


def test_sound_warehouse_passes_every_gate_and_renders_data_docs(build, tmp_path):
    results = gates(build, tmp_path)
    assert failed(results) == set()
    assert len(results) == 6
    docs = results["country_codes_valid"].data_docs
    assert docs is not None and docs.is_file() and docs.name == "index.html"
    assert format_failures(list(results.values())) == ""


def test_invalid_country_code_fails_and_names_the_row(build, tmp_path):
    tamper(build, "update dim_actors set country_code = 'XXX' where actor_id = 'a_singh'",
           "update fct_pledges set beneficiary_country_codes = ['KAZ', 'India']")
    result = gates(build, tmp_path)["country_codes_valid"]
    assert not result.passed
    assert result.offending_count == 2
    offending = {(row["table_name"], row["row_id"], row["code"]) for row in result.sample}
    assert offending == {("dim_actors", "a_singh", "XXX"), ("fct_pledges", "p0", "India")}


@pytest.mark.parametrize("prepared", [False, True], ids=["started", "started-and-set-up"])
def test_gates_run_in_a_started_validator_give_the_same_verdicts(build, tmp_path, monkeypatch, prepared):
    """start_validator (called as a run's dbt build starts) moves GX into a process of its own,
    which may set up the checkpoints before the build exists; the verdicts, samples and Data
    Docs are those of an in-process run, the docs are written by the time finish_docs returns,
    and the process is used once."""
    from communique import quality_gx

    monkeypatch.setattr(quality_gx, "_VALIDATOR", {})
    monkeypatch.setattr(quality_gx, "_RENDERING", {})
    tamper(build, "update dim_actors set country_code = 'XXX' where actor_id = 'a_singh'")
    in_process = gates(build, tmp_path / "here")
    assert quality_gx.start_validator(tmp_path / "there" / "quality" if prepared else None)
    assert not quality_gx.start_validator()  # one is waiting already
    pool = quality_gx._VALIDATOR["pool"]
    elsewhere = gates(build, tmp_path / "there")
    assert quality_gx._VALIDATOR == {} and pool._shutdown_thread
    docs = quality_gx.finish_docs()
    assert docs is not None and docs.is_file()
    assert quality_gx.finish_docs() is None  # waited for once
    assert failed(elsewhere) == failed(in_process) == {"country_codes_valid"}
    for name, result in in_process.items():
        other = elsewhere[name]
        assert (other.passed, other.message, other.offending_count, other.sample) == \
            (result.passed, result.message, result.offending_count, result.sample)
        assert other.data_docs == docs


def test_a_validator_sets_up_exactly_the_gates_a_build_is_read_into(build):
    """The checkpoints a validator prepares are found by plan (rules and words, no rows):
    every gate read from a build must have a plan, or its set-up is silently redone."""
    from communique.quality_frames import gate_plans, read_build, row_count_frame

    frames, unrunnable, counts = read_build(build)
    frames.append(row_count_frame(counts, {}))
    assert unrunnable == {}
    assert [gate.plan for gate in frames] == [gate.plan for gate in gate_plans()]
    assert all(gate.frame.empty for gate in gate_plans())


def test_checkpoints_set_up_ahead_are_the_ones_used(build, tmp_path, monkeypatch):
    """In the validator, _validate runs the prepared checkpoints instead of building new ones."""
    from communique import quality_gx

    monkeypatch.setattr(quality_gx, "_PREPARED", {})
    monkeypatch.setattr(quality_gx, "_UNRENDERED", [])
    project = tmp_path / "quality"
    quality_gx._prepare(project, None)
    built = []
    original = quality_gx._checkpoint
    monkeypatch.setattr(quality_gx, "_checkpoint", lambda *a: built.append(a) or original(*a))
    results = {r.name: r for r in run_gates(build, None, project)}
    assert failed(results) == set() and built == []
    assert quality_gx._PREPARED == {}  # used once
    quality_gx._prepare(project, None)
    quality_gx._PREPARED["project_dir"] = tmp_path / "elsewhere"  # set up for another project
    built.clear()
    run_gates(build, None, project)
    assert len(built) == 6


def test_null_inside_a_code_list_fails(build, tmp_path):
    tamper(build, "update fct_meetings set country_codes = ['CHN', NULL]")
    result = gates(build, tmp_path)["country_codes_valid"]
    assert not result.passed and result.sample[0]["row_id"] == "m0"


def test_code_list_holds_iso_and_the_spec_organisations_only():
    codes = valid_codes()
    assert {"CHN", "IND", "KAZ", "UN", "EU", "ASEAN", "SCO", "NATO", "AU", "G20"} <= codes
    assert not {"XXX", "CN", "China", "", "chn"} & codes


def test_an_organisation_added_to_the_codebook_becomes_valid(build, tmp_path):
    codebook = tmp_path / "codebook"
    codebook.mkdir()
    (codebook / "actors.yaml").write_text(
        "country_aliases: {Ruritania: XRU}\norganizations:\n  CICA: [CICA]\n", encoding="utf-8")
    tamper(build, "update dim_actors set country_code = 'CICA' where actor_id = 'a_un'",
           "update dim_actors set country_code = 'XRU' where actor_id = 'a_singh'")
    result = {r.name: r for r in run_gates(build, None, tmp_path / "q", codebook)}["country_codes_valid"]
    # the new organisation passes; an alias target is not trusted to be a code
    assert [row["code"] for row in result.sample] == ["XRU"]


@pytest.mark.parametrize("value", [0.0, -5.0, math.inf, math.nan, None])
def test_tourism_value_must_be_positive_and_finite(build, tmp_path, value):
    tamper(build, "update fct_tourism_figures set value = ?", params=[value])
    results = gates(build, tmp_path)
    assert failed(results) == {"tourism_values_positive_finite"}
    assert results["tourism_values_positive_finite"].sample[0]["figure_id"] == "f0"


def test_meeting_dated_after_publication_fails(build, tmp_path):
    tamper(build, "update fct_meetings set meeting_date = DATE '2024-11-27'")
    result = gates(build, tmp_path)["dates_not_after_publication"]
    assert not result.passed and result.offending_count == 1
    assert result.sample[0] == {"table_name": "fct_meetings", "fact_id": "m0", "document_id": DOC_ID,
                                "fact_date": "2024-11-27", "published_at": "2024-11-21",
                                "not_after_publication": False}


def test_pledge_dated_after_publication_fails(build, tmp_path):
    tamper(build, "update fct_pledges set pledge_date = DATE '2025-01-01'")
    result = gates(build, tmp_path)["dates_not_after_publication"]
    assert not result.passed and result.sample[0]["fact_id"] == "p0"


def test_unknown_publication_date_does_not_bound_fact_dates(tmp_path):
    build = make_warehouse(tmp_path / "build.duckdb", published_at=None)
    tamper(build, "update fct_meetings set meeting_date = DATE '2030-01-01'")
    assert gates(build, tmp_path)["dates_not_after_publication"].passed


@pytest.mark.parametrize("table", ["bridge_meeting_documents", "fct_pledges", "fct_tourism_figures"])
def test_evidence_off_by_one_fails(build, tmp_path, table):
    tamper(build, f"update {table} set start_char = start_char + 1, end_char = end_char + 1")
    result = gates(build, tmp_path)["evidence_matches_text"]
    assert not result.passed and result.offending_count == 1
    row = result.sample[0]
    assert row["table_name"] == table
    assert row["text_at_offsets"] == row["evidence"][1:] + seed_text()[row["end_char"] - 1]


def test_evidence_offsets_count_code_points_not_bytes(build, tmp_path):
    # The seed has a curly apostrophe ("world’s", 3 UTF-8 bytes) before the meeting sentence.
    text = seed_text()
    assert text.index("\u2019") < text.index(MEETING)
    assert gates(build, tmp_path)["evidence_matches_text"].passed


def test_evidence_of_a_missing_document_fails(build, tmp_path):
    tamper(build, "update fct_tourism_figures set document_id = 'gone'")
    result = gates(build, tmp_path)["evidence_matches_text"]
    assert not result.passed and result.sample[0]["fact_id"] == "f0"


def test_orphan_bridge_rows_fail(build, tmp_path):
    tamper(build, "insert into bridge_meeting_participants values ('m0', 'a_nobody')",
           "insert into bridge_meeting_documents select 'm_gone', document_id, evidence, start_char,"
           " end_char from bridge_meeting_documents")
    result = gates(build, tmp_path)["no_orphan_bridge_rows"]
    assert not result.passed and result.offending_count == 2
    assert {(r["table_name"], r["meeting_id"], r["linked_id"]) for r in result.sample} == {
        ("bridge_meeting_participants", "m0", "a_nobody"),
        ("bridge_meeting_documents", "m_gone", DOC_ID)}


def test_row_count_collapse_against_published_fails(tmp_path):
    published = make_warehouse(tmp_path / "published.duckdb", n_meetings=40)
    build = make_warehouse(tmp_path / "build.duckdb", n_meetings=19)
    result = gates(build, tmp_path, published)["row_counts_not_collapsed"]
    assert not result.passed and result.offending_count == 1
    assert result.sample[0]["table_name"] == "fct_meetings"
    assert (result.sample[0]["build_rows"], result.sample[0]["published_rows"]) == (19, 40)


def test_row_count_at_half_of_published_passes(tmp_path):
    published = make_warehouse(tmp_path / "published.duckdb", n_meetings=40)
    build = make_warehouse(tmp_path / "build.duckdb", n_meetings=20)
    assert gates(build, tmp_path, published)["row_counts_not_collapsed"].passed


def test_small_published_tables_and_first_builds_pass(tmp_path):
    published = make_warehouse(tmp_path / "published.duckdb", n_meetings=19)
    build = make_warehouse(tmp_path / "build.duckdb", n_meetings=1)
    assert gates(build, tmp_path, published)["row_counts_not_collapsed"].passed
    assert gates(build, tmp_path, tmp_path / "never_published.duckdb")["row_counts_not_collapsed"].passed


def test_missing_mart_fails_the_gates_that_read_it(build, tmp_path):
    tamper(build, "drop table fct_tourism_figures")
    results = gates(build, tmp_path)
    assert failed(results) == {"tourism_values_positive_finite", "evidence_matches_text",
                               "row_counts_not_collapsed"}
    assert "fct_tourism_figures" in results["tourism_values_positive_finite"].message


def test_build_and_published_files_are_not_modified(tmp_path):
    published = make_warehouse(tmp_path / "published.duckdb", n_meetings=3)
    build = make_warehouse(tmp_path / "build.duckdb")
    before = [p.read_bytes() for p in (published, build)]
    gates(build, tmp_path, published)
    assert [p.read_bytes() for p in (published, build)] == before


def test_format_failures_names_each_failed_gate_with_its_rows(build, tmp_path):
    tamper(build, "update dim_actors set country_code = 'XXX' where actor_id = 'a_dong'",
           "update fct_tourism_figures set value = -30")
    results = run_gates(build, None, tmp_path / "quality")
    report = format_failures(results)
    assert "FAILED country_codes_valid" in report and "a_dong" in report and "XXX" in report
    assert "FAILED tourism_values_positive_finite" in report and "f0" in report
    assert "evidence_matches_text" not in report
    assert "index.html" in report
    country = next(r for r in results if r.name == "country_codes_valid")
    table = sample_markdown(country.sample)
    assert table.splitlines()[0] == "| table_name | column_name | row_id | code |"
    assert "| dim_actors | country_code | a_dong | XXX |" in table


# ---------------------------------------------------------------------------
# The Dagster checks: blocking, so a failed gate stops what depends on the marts.
# ---------------------------------------------------------------------------

def _stub_job(break_with: str | None):
    """The eight marts as stub assets writing a hand-built build file, plus a publish asset."""
    from dagster import AssetKey, asset

    from communique.config import load_settings
    from communique.publish import build_path
    from orchestration.checks import MARTS, quality_checks

    def mart(name):
        @asset(name=name)
        def _mart(context):
            path = build_path(load_settings(), context.run.run_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                make_warehouse(path)
                if break_with:
                    tamper(path, break_with)
        return _mart

    @asset(deps=[AssetKey([m]) for m in MARTS])
    def publish_stub():
        return "published"

    return [*(mart(m) for m in MARTS), publish_stub, quality_checks]


def _check_events(result) -> dict:
    return {e.asset_check_evaluation_data.check_name: e.asset_check_evaluation_data
            for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"}


def test_failed_gate_blocks_what_depends_on_the_marts(tmp_path, monkeypatch):
    from dagster import AssetKey, DagsterInstance, materialize

    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    result = materialize(_stub_job("update fct_tourism_figures set value = -1"),
                         instance=DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    checks = _check_events(result)
    assert len(checks) == 6
    failed_check = checks["tourism_values_positive_finite"]
    assert not failed_check.passed and failed_check.severity.value == "ERROR"
    assert failed_check.metadata["offending_rows"].value == 1
    assert "f0" in failed_check.metadata["sample"].value
    assert failed_check.metadata["data_docs"].value.endswith("index.html")
    assert all(c.passed for name, c in checks.items() if name != "tourism_values_positive_finite")
    materialized = {e.asset_key for e in result.all_events if e.event_type_value == "ASSET_MATERIALIZATION"}
    assert AssetKey(["fct_tourism_figures"]) in materialized
    assert AssetKey(["publish_stub"]) not in materialized
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "tourism_values_positive_finite" in str(failure.event_specific_data.error)


def test_passing_gates_let_the_publish_asset_run(tmp_path, monkeypatch):
    from dagster import AssetKey, DagsterInstance, materialize

    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    result = materialize(_stub_job(None), instance=DagsterInstance.ephemeral())
    assert result.success and all(c.passed for c in _check_events(result).values())
    assert result.asset_materializations_for_node("publish_stub")
    assert AssetKey(["dim_actors"]) in {c.asset_key for c in _check_events(result).values()}


# ---------------------------------------------------------------------------
# Through the real job: a broken build must never replace the published file.
# ---------------------------------------------------------------------------

from test_bad_input_end_to_end import run_job  # noqa: E402  (one way to run the job)

READOUTS = sorted(p for p in (CORPUS / "whitehouse").glob("*readout-of-president-bidens-call-with-*.md"))[:30]
MIN_PUBLISHED_MEETINGS = 20


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse published from 30 White House call readouts (big enough to collapse)."""
    root = tmp_path_factory.mktemp("published_site")
    raw = root / "raw"
    raw.mkdir()
    for readout in READOUTS:
        shutil.copy(readout, raw / readout.name)
    run = run_job(raw, root / "site" / "warehouse.duckdb")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return root


@pytest.fixture()
def site(published_site: Path, tmp_path: Path) -> Path:
    """A private copy of the published site (warehouse + state) for one test to break."""
    shutil.copytree(published_site / "site", tmp_path / "site")
    return tmp_path / "site" / "warehouse.duckdb"


def assert_blocked(run: subprocess.CompletedProcess, warehouse: Path, before: str, gate: str) -> Path:
    """The run failed naming ``gate``; the published file is untouched; the build is kept."""
    output = run.stdout + run.stderr
    assert run.returncode != 0, output[-3000:]
    assert gate in output, output[-3000:]
    assert sha256(warehouse) == before
    assert query_one(warehouse, "select count(*) from fct_meetings") >= MIN_PUBLISHED_MEETINGS
    builds = sorted((warehouse.parent / f"{warehouse.stem}.state" / "builds").rglob("*.duckdb"),
                    key=lambda p: p.stat().st_mtime)
    assert builds, "the failed build was not kept"
    return builds[-1]


def query_one(path: Path, sql: str):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_published_site_is_big_enough_to_collapse(published_site):
    warehouse = published_site / "site" / "warehouse.duckdb"
    assert query_one(warehouse, "select count(*) from fct_meetings") >= MIN_PUBLISHED_MEETINGS


@pytest.mark.slow
def test_codebook_typo_is_refused_before_anything_is_published(published_site, site, tmp_path):
    codebook = tmp_path / "codebook"
    shutil.copytree(REPO / "extract" / "codebook", codebook)
    actors = yaml.safe_load((codebook / "actors.yaml").read_text(encoding="utf-8"))
    # an analyst's typo: the United States mapped to a code that does not exist
    actors.setdefault("country_aliases", {}).update({"United States": "XXX", "U.S.": "XXX"})
    (codebook / "actors.yaml").write_text(yaml.safe_dump(actors, allow_unicode=True), encoding="utf-8")
    before = sha256(site)
    run = run_job(published_site / "raw", site, COMMUNIQUE_CODEBOOK=str(codebook))
    output = run.stdout + run.stderr
    assert run.returncode != 0, output[-3000:]
    assert "invalid codes in actors codebook" in output and "'XXX'" in output, output[-3000:]
    assert sha256(site) == before


def forget_published_build(site: Path, monkeypatch) -> None:
    """The public "build again" switch: forget the published fingerprint, keep the cache."""
    from communique.config import load_settings
    from communique.publish import write_published_fingerprint

    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(site))
    write_published_fingerprint(load_settings(), None)


def work_db_update(site: Path, sql: str) -> int:
    con = duckdb.connect(str(site.parent / f"{site.stem}.state" / "work.duckdb"))
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_invalid_country_code_in_the_facts_blocks_publish(published_site, site, monkeypatch):
    # An extractor bug simulated in the work database: the United States coded 'XXX'.
    changed = work_db_update(site, "update raw.meeting_candidates set country_codes = "
                             "list_transform(country_codes, lambda c: case when c = 'USA' then 'XXX' else c end) "
                             "where list_contains(country_codes, 'USA')")
    assert changed >= MIN_PUBLISHED_MEETINGS
    forget_published_build(site, monkeypatch)
    before = sha256(site)
    run = run_job(published_site / "raw", site)
    build = assert_blocked(run, site, before, "country_codes_valid")
    assert query_one(build, "select count(*) from fct_meetings where list_contains(country_codes, 'XXX')") > 0


@pytest.mark.slow
def test_offsets_that_miss_their_evidence_block_publish(published_site, site, monkeypatch):
    # A store bug simulated in the work database: every meeting's offsets shifted by one.
    # The candidate tables are not part of the build fingerprint, so the run is told to
    # forget what it published without losing the cache.
    shifted = work_db_update(site, "update raw.meeting_candidates set start_char = start_char + 1, "
                             "end_char = end_char + 1")
    assert shifted >= MIN_PUBLISHED_MEETINGS
    forget_published_build(site, monkeypatch)
    before = sha256(site)
    run = run_job(published_site / "raw", site)
    # dbt's evidence test and the GX gate share the name; whichever runs first stops the run
    assert_blocked(run, site, before, "evidence_matches_text")


@pytest.mark.slow
def test_collapsed_row_count_blocks_publish(published_site, site, tmp_path):
    raw = tmp_path / "one_document"
    raw.mkdir()
    shutil.copy(READOUTS[0], raw / READOUTS[0].name)
    before = sha256(site)
    run = run_job(raw, site)
    build = assert_blocked(run, site, before, "row_counts_not_collapsed")
    assert query_one(build, "select count(*) from fct_meetings") < MIN_PUBLISHED_MEETINGS / 2
