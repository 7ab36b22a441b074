"""dbt in this process: node results stream out, a failed test raises, no file is left open."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from communique.dbt_inprocess import DbtFailed, LogLines, parse_manifest, stream_dbt

PROFILE = """
tiny:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{path}"
      threads: 2
"""

PROJECT = """
name: tiny
version: "1.0.0"
config-version: 2
profile: tiny
flags:
  send_anonymous_usage_stats: false
"""

SCHEMA = """
models:
  - name: numbers
    columns:
      - name: n
        data_tests:
          - not_null
          - accepted_values:
              arguments:
                values: [1, 2]
                quote: false
"""


def _project(tmp_path: Path, model_sql: str) -> tuple[Path, Path]:
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(PROJECT)
    (project / "models" / "numbers.sql").write_text(model_sql)
    (project / "models" / "numbers.yml").write_text(SCHEMA)
    database = tmp_path / "tiny.duckdb"
    (project / "profiles.yml").write_text(PROFILE.format(path=database))
    return project, database


def _args(project: Path) -> list[str]:
    target = project / "target"
    return ["build", "--project-dir", str(project), "--profiles-dir", str(project),
            "--target-path", str(target), "--log-path", str(target)]


def _assert_not_held_open(database: Path) -> None:
    # a different configuration than dbt-duckdb's fails while this process still holds the file
    duckdb.connect(str(database), read_only=True).close()


@pytest.mark.slow
def test_results_stream_and_the_file_is_released(tmp_path):
    project, database = _project(tmp_path, "select 1 as n union all select 2")
    events = list(stream_dbt(_args(project)))
    names = [(e["info"]["name"], e["data"]["node_info"]["unique_id"].split(".")[0]) for e in events]
    assert names.count(("LogModelResult", "model")) == 1
    assert names.count(("LogTestResult", "test")) == 2
    assert all(e["data"]["node_info"]["node_status"] in ("success", "pass") for e in events)
    _assert_not_held_open(database)


@pytest.mark.slow
def test_a_failing_test_raises_after_its_result(tmp_path):
    project, database = _project(tmp_path, "select 1 as n union all select 3")
    seen = []
    with pytest.raises(DbtFailed, match="accepted_values"):
        for event in stream_dbt(_args(project)):
            seen.append((event["data"]["node_info"]["node_name"], event["data"]["node_info"]["node_status"]))
    assert ("numbers", "success") in seen
    assert any(name.startswith("accepted_values") and status == "fail" for name, status in seen)
    _assert_not_held_open(database)


@pytest.mark.slow
def test_a_build_given_a_parsed_manifest_does_not_parse_again(tmp_path):
    project, database = _project(tmp_path, "select 1 as n union all select 2")
    target = project / "target"
    manifest = parse_manifest(["parse", "--project-dir", str(project), "--profiles-dir", str(project),
                               "--target-path", str(target), "--log-path", str(target)])
    assert manifest is not None and "model.tiny.numbers" in manifest.nodes
    (project / "models" / "numbers.sql").write_text("select 1 as n union all select 3")
    events = list(stream_dbt(_args(project), manifest))  # the model as parsed: 1 and 2
    assert len(events) == 3 and all(e["data"]["node_info"]["node_status"] in ("success", "pass") for e in events)
    with pytest.raises(DbtFailed, match="accepted_values"):  # parsed again: the 3 fails its test
        list(stream_dbt(_args(project)))
    _assert_not_held_open(database)


@pytest.mark.slow
def test_a_project_that_does_not_parse_gives_no_manifest(tmp_path):
    project, _ = _project(tmp_path, "select 1 as n")
    (project / "models" / "numbers.yml").write_text("models: [unclosed\n")
    target = project / "target"
    assert parse_manifest(["parse", "--project-dir", str(project), "--profiles-dir", str(project),
                           "--target-path", str(target), "--log-path", str(target)]) is None


def _event(level: str, text: str, name: str = "SomeEvent"):
    return SimpleNamespace(info=SimpleNamespace(name=name, level=level, msg=text,
                                                ts=SimpleNamespace(seconds=0, nanos=0)))


def test_log_lines_keep_what_dbts_loggers_would(tmp_path, monkeypatch):
    monkeypatch.setenv("DBT_ENV_SECRET_TOKEN", "hunter2")
    console = io.StringIO()
    lines = LogLines(tmp_path, console)
    lines(_event("debug", "select 1 from hunter2"))
    lines(_event("test", "a test-level line"))
    lines(_event("info", "1 of 2 OK created sql table model main.numbers"))
    lines(_event("warn", "Got 10 results, configured to warn if != 0; token hunter2"))
    lines(_event("info", "Done. PASS=1", name="PrintEvent"))
    printed = console.getvalue().splitlines()
    assert len(printed) == 3
    assert re.fullmatch(r"\d\d:\d\d:\d\d  1 of 2 OK created sql table model main.numbers", printed[0])
    assert printed[1].endswith("configured to warn if != 0; token *****")
    assert printed[2] == "Done. PASS=1"
    logged = (tmp_path / "dbt.log").read_text().splitlines()
    assert len(logged) == 1 and "[warn ]" in logged[0] and logged[0].endswith("token *****")


@pytest.mark.slow
def test_a_build_prints_progress_and_logs_only_warnings(tmp_path, capsys):
    project, _ = _project(tmp_path, "select 1 as n union all select 3")
    (project / "models" / "numbers.yml").write_text(SCHEMA.replace(
        "quote: false", "quote: false\n              config:\n                severity: warn"))
    events = list(stream_dbt(_args(project)))
    assert len(events) == 3
    out = capsys.readouterr().out
    assert re.search(r"^\d\d:\d\d:\d\d  1 of 3 START sql view model main.numbers", out, re.M)
    assert "Completed with 1 warning" in out
    logged = (project / "target" / "dbt.log").read_text()
    assert "[warn ]" in logged and "[debug]" not in logged and "[info ]" not in logged
