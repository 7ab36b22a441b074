"""The `communique` command on the warehouse built from the sample."""

from __future__ import annotations

import shutil
import subprocess
import sys
import types

import duckdb
import pytest

import communique
from analyst_fixtures import REPO, sample_warehouse
from communique import cli


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--warehouse", str(sample_warehouse()), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_status_counts_rows_of_every_mart(capsys):
    code, out, _ = run_cli(capsys, "status")
    assert code == 0
    with duckdb.connect(str(sample_warehouse()), read_only=True) as con:
        n_meetings = con.execute("select count(*) from fct_meetings").fetchone()[0]
    assert "published at" in out
    assert any(line.split() == ["fct_meetings", str(n_meetings)] for line in out.splitlines())
    assert "rejected_documents" in out and "MISSING" not in out


def test_query_prints_a_table(capsys):
    code, out, _ = run_cli(capsys, "query", "select place, value from fct_tourism_figures order by value desc")
    assert code == 0
    header, rule, first = out.splitlines()[:3]
    assert header.split() == ["place", "value"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert "Horgos" in first and "1000000" in first


def test_query_runs_a_ready_query_by_name_with_parameters(capsys):
    with duckdb.connect(str(sample_warehouse()), read_only=True) as con:
        pledge_id = con.execute("select pledge_id from fct_pledges order by pledge_id limit 1").fetchone()[0]
    code, out, _ = run_cli(capsys, "query", "evidence_for_fact", "--param", f"fact_id={pledge_id}")
    assert code == 0
    assert pledge_id[:20] in out and "(1 row)" in out


@pytest.mark.parametrize("sql", [
    "delete from fct_meetings",
    "create table scratch as select 1",
    "copy fct_meetings to '/tmp/communique-cli-leak.csv'",
    "select 1; drop table fct_pledges",
])
def test_query_refuses_writes(capsys, sql):
    code, out, err = run_cli(capsys, "query", sql)
    assert code == 2 and out == ""
    assert "refused" in err and len(err.splitlines()) == 1
    with duckdb.connect(str(sample_warehouse()), read_only=True) as con:
        assert con.execute("select count(*) from fct_pledges").fetchone()[0] > 0


def test_query_error_is_one_short_line(capsys):
    code, _, err = run_cli(capsys, "query", "select no_such_column from fct_meetings")
    assert code == 2
    assert err.startswith("communique: query failed:") and len(err.splitlines()) == 1


def test_evidence_shows_sentence_and_document(capsys):
    with duckdb.connect(str(sample_warehouse()), read_only=True) as con:
        pledge_id, evidence, uri = con.execute("""
            select p.pledge_id, p.evidence, d.source_uri from fct_pledges p join dim_documents d using (document_id)
            where 'TJK' in p.beneficiary_country_codes limit 1""").fetchone()
    code, out, _ = run_cli(capsys, "evidence", pledge_id)
    assert code == 0
    assert out.startswith(f"pledge {pledge_id}")
    assert evidence in out and uri in out


def test_evidence_of_unknown_id_says_what_ids_are(capsys):
    code, out, err = run_cli(capsys, "evidence", "nope")
    assert code == 2 and "meeting_id" in err


def test_missing_warehouse_says_to_run_make_run(capsys, tmp_path):
    code = cli.main(["--warehouse", str(tmp_path / "none.duckdb"), "status"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == f"communique: no warehouse at {tmp_path / 'none.duckdb'}: run `make run` first"


def test_evaluate_scores_the_evaluation_warehouse(capsys, tmp_path, monkeypatch):
    # the scoring itself is communique.evaluate's; here: the CLI hands it the eval warehouse
    shutil.copy(sample_warehouse(), tmp_path / "warehouse.duckdb")
    calls = []
    fake = types.SimpleNamespace(main=lambda argv: calls.append(argv) or 0)
    monkeypatch.setitem(sys.modules, "communique.evaluate", fake)
    monkeypatch.setattr(communique, "evaluate", fake, raising=False)
    code = cli.main(["evaluate", "--no-build", "--eval-dir", str(tmp_path)])
    assert code == 0
    assert calls and calls[0][:2] == ["--warehouse", str(tmp_path / "warehouse.duckdb")]


def test_evaluate_without_eval_warehouse_says_what_to_do(capsys, tmp_path):
    code = cli.main(["evaluate", "--no-build", "--eval-dir", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2 and "without --no-build" in err


def test_help_does_not_import_heavy_modules():
    probe = ("import sys, communique.cli as c\n"
             "heavy = [m for m in ('duckdb', 'plotly', 'pandas', 'dagster', 'great_expectations') if m in sys.modules]\n"
             "print(heavy)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_status_shows_the_recorded_gate_results(capsys, tmp_path):
    from communique.warehouse_status import GateStatus, QualityStatus, write_quality_status

    shutil.copy(sample_warehouse(), tmp_path / "warehouse.duckdb")
    write_quality_status(tmp_path / "quality", QualityStatus("2024-11-22T02:10:00+00:00", "run-9", (
        GateStatus("country_codes_valid", False, "2 of 40 country codes: not ISO 3166-1 alpha-3"),
        GateStatus("unique_fct_meetings_meeting_id", True, "", "dbt_test"))))
    code = cli.main(["--warehouse", str(tmp_path / "warehouse.duckdb"), "status"])
    out = capsys.readouterr().out
    assert code == 0
    assert "quality gates (2024-11-22T02:10:00+00:00): FAILED" in out
    assert "FAIL country_codes_valid: 2 of 40 country codes" in out
    assert "and 1 dbt tests" in out


def test_a_failed_warning_is_shown_but_does_not_fail_the_status(capsys, tmp_path):
    from communique.warehouse_status import GateStatus, QualityStatus, write_quality_status

    shutil.copy(sample_warehouse(), tmp_path / "warehouse.duckdb")
    write_quality_status(tmp_path / "quality", QualityStatus("2024-11-22T02:10:00+00:00", "run-9", (
        GateStatus("country_codes_valid", True, "all 40 country codes pass"),
        GateStatus("fct_meetings_have_two_sides", False, "1 row", "dbt_test", "warn"))))
    code = cli.main(["--warehouse", str(tmp_path / "warehouse.duckdb"), "status"])
    out = capsys.readouterr().out
    assert code == 0
    assert "passed, with 1 warning(s) worth a look" in out
    assert "WARN fct_meetings_have_two_sides" in out
