"""The dbt project end to end: one `dbt build` on a realistic work database.

The build runs once per module (it costs seconds on a shared machine); the
tests then read the candidate warehouse it wrote, as an analyst would.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.work_db import STALE_TEXT, document_id, make_work_db, seed_texts  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DBT = REPO / ".venv" / "bin" / "dbt"
MARTS = (
    "dim_documents", "dim_actors", "fct_meetings", "bridge_meeting_participants",
    "bridge_meeting_documents", "fct_pledges", "fct_tourism_figures", "rejected_documents",
)
QUIET_ENV = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1", "DAGSTER_DISABLE_TELEMETRY": "1"}


def run_dbt(command: str, tmp: Path, extra_env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run dbt on the project with its artefacts in `tmp`, not in the shared tree."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMUNIQUE_")}
    env.update(QUIET_ENV, **extra_env)
    return subprocess.run(
        [str(DBT), command, *args, "--project-dir", "dbt_project", "--profiles-dir", "dbt_project",
         "--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("dbt_build")
    work_db, build_db = tmp / "work.duckdb", tmp / "candidate.duckdb"
    ids = make_work_db(work_db)
    result = run_dbt("build", tmp, {"COMMUNIQUE_WORK_DB": str(work_db), "COMMUNIQUE_BUILD_PATH": str(build_db)})
    assert result.returncode == 0, result.stdout[-4000:]
    # the published file must stand alone: take the work database away
    shutil.move(work_db, tmp / "work-moved-away.duckdb")
    return {"path": build_db, "ids": ids, "stdout": result.stdout}


@pytest.fixture(scope="module")
def warehouse(build):
    with duckdb.connect(str(build["path"]), read_only=True) as con:
        yield con


def rows(con, sql: str, *params) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_build_ran_unit_tests_and_data_tests(build):
    assert "unit_test" in build["stdout"]
    assert "ERROR=0" in build["stdout"] and "WARN=0" in build["stdout"]


def test_same_talks_in_two_documents_are_one_meeting(warehouse, build):
    ids = build["ids"]
    meetings = rows(warehouse, "select * from fct_meetings where list_contains(country_codes, 'IND') "
                               "and meeting_date = date '2024-11-20'")
    assert len(meetings) == 1
    talks = meetings[0]
    assert talks["n_documents"] == 2
    assert talks["country_codes"] == ["CHN", "IND"]
    assert talks["location"] == "Vientiane" and talks["mode"] == "in_person"
    reports = rows(warehouse, "select * from bridge_meeting_documents where meeting_id = ? order by document_id",
                   talks["meeting_id"])
    assert sorted(r["document_id"] for r in reports) == sorted([ids["defense_talks"], ids["laos_talks"]])
    assert len({r["evidence"] for r in reports}) == 2
    texts = seed_texts()
    label_of = {doc_id: label for label, doc_id in ids.items()}
    for report in reports:
        text = texts[label_of[report["document_id"]]]
        assert text[report["start_char"]:report["end_char"]] == report["evidence"]
    assert talks["evidence"] in {r["evidence"] for r in reports}


def test_meeting_participants_are_resolved_actors(warehouse):
    names = rows(warehouse, """
        select actors.name, actors.country_code from fct_meetings as meetings
        join bridge_meeting_participants as bridge using (meeting_id)
        join dim_actors as actors using (actor_id)
        where meetings.n_documents = 2 order by actors.name""")
    assert names == [{"name": "Dong Jun", "country_code": "CHN"}, {"name": "Rajnath Singh", "country_code": "IND"}]


def test_other_talks_between_the_same_sides_stay_apart(warehouse):
    chn_ind = rows(warehouse, "select meeting_date, location from fct_meetings "
                              "where country_codes = ['CHN', 'IND'] order by meeting_date")
    assert [(str(m["meeting_date"]), m["location"]) for m in chn_ind] == [
        ("2024-11-18", "Rio de Janeiro"), ("2024-11-20", "Vientiane")]


def test_meeting_id_is_a_content_hash(warehouse):
    (meeting_id,) = warehouse.execute(
        "select meeting_id from fct_meetings where n_documents = 2").fetchone()
    expected = hashlib.md5("CHN,IND|2024-11-20|vientiane|jun,singh".encode()).hexdigest()
    assert meeting_id == expected


def test_only_current_documents_and_extractor_versions_are_published(warehouse, build):
    doc_ids = {r["document_id"] for r in rows(warehouse, "select document_id from dim_documents")}
    assert doc_ids == set(build["ids"].values())
    assert document_id(STALE_TEXT) not in doc_ids
    assert rows(warehouse, "select * from fct_meetings where list_contains(country_codes, 'RUS')") == []
    assert rows(warehouse, "select * from bridge_meeting_documents where reported_date = date '2024-11-27'") == []


def test_one_text_found_twice_is_one_document_with_both_sources(warehouse, build):
    (doc,) = rows(warehouse, "select * from dim_documents where document_id = ?", build["ids"]["horgos"])
    assert doc["source_uris"] == sorted(doc["source_uris"]) and len(doc["source_uris"]) == 2
    assert doc["source_uri"] == doc["source_uris"][0]
    assert doc["published_at"] is None and doc["published_at_source"] == "unknown"


def test_pledges_keep_joint_pledgers_without_an_actor(warehouse):
    pledges = rows(warehouse, "select p.*, a.name as actor_name from fct_pledges p "
                              "left join dim_actors a on a.actor_id = p.pledger_actor_id order by p.evidence")
    assert len(pledges) == 2
    by_pledger = {p["pledger_name"]: p for p in pledges}
    assert by_pledger["The two sides"]["pledger_actor_id"] is None
    assert by_pledger["The two sides"]["pledger_country_codes"] == ["CHN", "IND"]
    assert by_pledger["Arif Alvi"]["actor_name"] == "Arif Alvi"
    assert by_pledger["Arif Alvi"]["beneficiary_country_codes"] == ["CHN"]


def test_tourism_figure_over_a_million_visitors(warehouse):
    figures = rows(warehouse, "select * from fct_tourism_figures where metric = 'visitors'")
    assert [(f["value"], f["qualifier"], f["unit"]) for f in figures] == [(1_000_000.0, "over", "people")]
    assert "over a million visitors" in figures[0]["evidence"]
    assert (figures[0]["period_start"].isoformat(), figures[0]["period_text"]) == ("2024-01-01", "this year")


def test_rejections_are_published(warehouse):
    assert rows(warehouse, "select source_uri, reason from rejected_documents") == [
        {"source_uri": "2024-11-21/scan.pdf", "reason": "binary"}]


def test_published_file_stands_alone_read_only(warehouse):
    databases = {name for (name,) in warehouse.execute(
        "select database_name from duckdb_databases() where not internal").fetchall()}
    assert "work" not in databases
    views = warehouse.execute("select sql from duckdb_views() where not internal").fetchall()
    assert not any("work." in sql.lower() for (sql,) in views)
    for mart in MARTS:
        warehouse.execute(f"select count(*) from main.{mart}").fetchone()
    with pytest.raises(duckdb.Error):
        warehouse.execute("create table main.scratch as select 1")
    types = dict(warehouse.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'main' and table_name = 'fct_meetings'").fetchall())
    assert types["country_codes"] == "VARCHAR[]" and types["meeting_date"] == "DATE"


def test_parse_works_offline_without_environment(tmp_path):
    result = run_dbt("parse", tmp_path, {})
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "target" / "manifest.json").is_file()


def _declared_not_null() -> set[tuple[str, str]]:
    """(mart, column) pairs the marts' property files declare NOT NULL or primary key."""
    import yaml

    declared = set()
    for path in (REPO / "dbt_project" / "models" / "marts").glob("*.yml"):
        for model in yaml.safe_load(path.read_text())["models"]:
            for column in model.get("columns", []):
                kinds = {c["type"] for c in column.get("constraints", [])}
                if kinds & {"not_null", "primary_key"}:
                    declared.add((model["name"], column["name"]))
    return declared


def test_declared_not_null_columns_are_enforced_by_the_database(build, tmp_path):
    """The marts' NOT NULL constraints stand in for not_null tests: DuckDB must hold them."""
    declared = _declared_not_null()
    assert len(declared) >= 40
    with duckdb.connect(str(build["path"]), read_only=True) as con:
        nullable = {(t, c): n for t, c, n in con.execute(
            "select table_name, column_name, is_nullable from duckdb_columns() "
            "where schema_name = 'main'").fetchall()}
    assert {pair for pair in declared if nullable.get(pair) is not False} == set()
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(build["path"], copy)
    with duckdb.connect(str(copy)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("update main.fct_meetings set evidence = null")


@pytest.mark.parametrize(("limit", "expected"), [(None, "244.1 MiB"), ("200MiB", "200.0 MiB")])
def test_the_builds_duckdb_memory_limit_comes_from_the_environment(tmp_path, limit, expected):
    """256MB (decimal) by default, COMMUNIQUE_DBT_MEMORY_LIMIT when set: DuckDB's own
    default, 80% of RAM, let the 5,000-document build hold 200 MB more."""
    work_db = tmp_path / "work.duckdb"
    make_work_db(work_db)
    env = {"COMMUNIQUE_WORK_DB": str(work_db), "COMMUNIQUE_BUILD_PATH": str(tmp_path / "b.duckdb")}
    if limit:
        env["COMMUNIQUE_DBT_MEMORY_LIMIT"] = limit
    result = run_dbt("show", tmp_path, env, "--inline",
                     "select current_setting('memory_limit') as memory_limit", "--output", "json")
    assert result.returncode == 0, result.stdout[-4000:]
    assert f'"memory_limit": "{expected}"' in result.stdout
