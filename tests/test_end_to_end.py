"""The whole nightly job on the five seed articles, and what a second run changes (nothing).

The fact assertions depend on the extraction quality of the taggers (they are
the product's acceptance examples from the spec); the re-run assertions test
the runtime: identical marts, and an untouched published file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import RunDir, assert_ok, code_versions, mart_snapshot, query, run_job

pytestmark = pytest.mark.slow


def meetings_with(warehouse: Path, *names: str) -> list[tuple]:
    """fct_meetings rows whose participants include an actor named like each of ``names``."""
    conditions = " AND ".join(
        "EXISTS (SELECT 1 FROM bridge_meeting_participants p JOIN dim_actors a USING (actor_id) "
        "WHERE p.meeting_id = m.meeting_id AND a.name ILIKE ?)" for _ in names)
    return query(warehouse, f"SELECT meeting_id, meeting_date, location, n_documents FROM fct_meetings m "
                            f"WHERE {conditions}", [f"%{name}%" for name in names])


def test_singh_dong_vientiane_is_one_meeting_reported_twice(seed_run: RunDir):
    rows = meetings_with(seed_run.warehouse, "Singh", "Dong Jun")
    assert len(rows) == 1, rows
    _, meeting_date, location, n_documents = rows[0]
    assert str(meeting_date) == "2024-11-20"
    assert location == "Vientiane"
    assert n_documents == 2


@pytest.mark.parametrize("first, second", [("Jaishankar", "Wang Yi"), ("Alvi", "Qin Gang"),
                                           ("Xi Jinping", "Rahmon")])
def test_seed_meetings_exist(seed_run: RunDir, first: str, second: str):
    assert meetings_with(seed_run.warehouse, first, second)


def test_horgos_visitor_figure(seed_run: RunDir):
    rows = query(seed_run.warehouse, "SELECT value FROM fct_tourism_figures WHERE value = 1000000")
    assert rows


def test_xi_pledges_to_tajikistan(seed_run: RunDir):
    rows = query(seed_run.warehouse, """
        SELECT p.pledge_id FROM fct_pledges p JOIN dim_actors a ON a.actor_id = p.pledger_actor_id
        WHERE a.name ILIKE '%Xi Jinping%' AND list_contains(p.beneficiary_country_codes, 'TJK')""")
    assert rows


def _furniture_lines(raw_file: Path) -> list[str]:
    """Page furniture of a scraped seed: sidebar headlines (the line before '- N hours ago')
    and the comment / syndication footer lines."""
    lines = [line.strip() for line in raw_file.read_text(encoding="utf-8").splitlines()]
    sidebar = [lines[i - 1] for i, line in enumerate(lines)
               if i and re.fullmatch(r"- \d+ (hours?|minutes?|days?) ago", line) and lines[i - 1]]
    footer = [line for line in lines
              if line in {"Comments", "Post a Comment"} or "has not been edited by" in line]
    return sidebar + footer


def test_no_evidence_from_page_furniture(seed_run: RunDir):
    furniture = [line for name in ("003", "004")
                 for raw in seed_run.raw.glob(f"{name}_*.txt") for line in _furniture_lines(raw)]
    assert len(furniture) >= 10  # the sidebar of 003 and the footer of 004 were found
    evidence = query(seed_run.warehouse, """
        SELECT evidence FROM bridge_meeting_documents
        UNION ALL SELECT evidence FROM fct_pledges
        UNION ALL SELECT evidence FROM fct_tourism_figures""")
    leaked = [(text, line) for (text,) in evidence for line in furniture if line in text]
    assert not leaked


def test_summary_and_no_leftover_builds(seed_run: RunDir):
    assert seed_run.warehouse.is_file()
    leftovers = [p for p in (seed_run.state / "builds").iterdir() if p.is_file()]
    assert leftovers == []
    counts = query(seed_run.warehouse, "SELECT count(*) FROM dim_documents")[0][0]
    assert counts == len(list(seed_run.raw.iterdir()))


def test_dbt_builds_from_the_parse_made_during_the_nlp_step(seed_run: RunDir):
    """The job runs in one process, so dbt parsed the project for the build while the last
    batch was extracted, and the build used that parse (same project, variables and target)."""
    assert "dbt uses the project as parsed during the NLP step" in (seed_run.root / "seed-run.log").read_text()


def test_second_run_changes_nothing(copy_run: RunDir):
    """A run with nothing new reuses everything: identical marts, published file untouched."""
    before = mart_snapshot(copy_run.warehouse)
    stat_before = copy_run.warehouse.stat()
    code_before = code_versions()
    result = run_job(copy_run)
    assert_ok(result)
    if "unchanged" not in result.stdout and code_versions() != code_before:
        pytest.skip("extractor code or dbt project changed while the test ran (shared tree)")
    assert "unchanged" in result.stdout
    assert mart_snapshot(copy_run.warehouse) == before
    stat_after = copy_run.warehouse.stat()
    assert (stat_after.st_ino, stat_after.st_mtime_ns) == (stat_before.st_ino, stat_before.st_mtime_ns)
