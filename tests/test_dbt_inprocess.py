"""dbt in this process: node results stream out, a failed test raises, no file is left open."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from communique.dbt_inprocess import DbtFailed, parse_manifest, stream_dbt

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
