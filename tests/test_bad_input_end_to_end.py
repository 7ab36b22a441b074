"""The whole job on tests/fixtures/bad_input: every file and line ends up somewhere.

Each input listed in EXPECTED.json is either a document of dim_documents (under
its source_uri) or a row of rejected_documents with the expected reason, hidden
files leave no trace, and the good documents among the bad still yield their
meetings and tourism figures in the published warehouse.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "bad_input"
EXPECTED = json.loads((FIXTURE / "EXPECTED.json").read_text(encoding="utf-8"))
MAX_BYTES = EXPECTED["max_file_bytes"]
QUIET = {"DAGSTER_DISABLE_TELEMETRY": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
         "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}

pytestmark = pytest.mark.slow


def run_job(raw_dir: Path, warehouse: Path, **env: str) -> subprocess.CompletedProcess:
    """``python -m communique.run`` on ``raw_dir``, all state beside ``warehouse``.

    DAGSTER_HOME is dropped so the run uses an ephemeral instance, never the developer's."""
    inherited = {k: v for k, v in os.environ.items()
                 if k != "DAGSTER_HOME" and not k.startswith("COMMUNIQUE_")}
    environment = {**inherited, **QUIET, "COMMUNIQUE_RAW_DIR": str(raw_dir),
                   "COMMUNIQUE_WAREHOUSE": str(warehouse), "COMMUNIQUE_N_PROCESS": "1", **env}
    return subprocess.run([sys.executable, "-m", "communique.run"], cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=1200)


def query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def expected_inputs() -> dict[str, dict]:
    return {**EXPECTED["inputs"], **EXPECTED["generated"]}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Publish once from a copy of the fixture plus a file one byte over the size limit."""
    root = tmp_path_factory.mktemp("bad_input_e2e")
    raw = root / "raw"
    shutil.copytree(FIXTURE, raw)
    (raw / "oversized.txt").write_bytes(b"Xi Jinping held talks with Emomali Rahmon. " * (MAX_BYTES // 43 + 1))
    assert (raw / "oversized.txt").stat().st_size > MAX_BYTES
    published = root / "warehouse.duckdb"
    run = run_job(raw, published, COMMUNIQUE_MAX_FILE_BYTES=str(MAX_BYTES))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert published.is_file()
    return published


@pytest.fixture(scope="module")
def documents(warehouse: Path) -> dict[str, tuple]:
    """source_uri -> (document_id, published_at, published_at_source, text)."""
    rows = query(warehouse, "select unnest(source_uris), document_id, published_at, "
                            "published_at_source, text from dim_documents")
    return {uri: rest for uri, *rest in rows}


@pytest.fixture(scope="module")
def rejections(warehouse: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for uri, reason in query(warehouse, "select source_uri, reason from rejected_documents"):
        out.setdefault(uri, []).append(reason)
    return out


def test_nothing_but_the_listed_inputs_appears(documents, rejections):
    seen = set(documents) | set(rejections)
    assert seen == set(expected_inputs())
    assert not [uri for uri in seen if any(part.startswith(".") for part in uri.split("/"))]
    assert not set(documents) & set(rejections), "an input is both a document and a rejection"


@pytest.mark.parametrize("uri", sorted(expected_inputs()))
def test_input_is_accounted_for_as_expected(uri, documents, rejections):
    expected = expected_inputs()[uri]
    if expected["outcome"] == "rejection":
        assert rejections.get(uri) == [expected["reason"]]
        return
    assert uri in documents, f"{uri} missing from dim_documents (rejected as {rejections.get(uri)})"
    document_id, published_at, published_at_source, text = documents[uri]
    if "published_at" in expected:
        assert published_at == date.fromisoformat(expected["published_at"])
    if "published_at_source" in expected:
        assert published_at_source == expected["published_at_source"]
    if "contains" in expected:
        assert expected["contains"] in text
    if "not_contains" in expected:
        assert expected["not_contains"] not in text
    if "same_document_as" in expected:
        assert document_id == documents[expected["same_document_as"]][0]


def test_rejections_explain_themselves(warehouse):
    rows = query(warehouse, "select source_uri, detail, rejected_at from rejected_documents")
    assert rows and all(detail and rejected_at for _, detail, rejected_at in rows)


def _facts(warehouse: Path, uri: str, sql: str) -> list[tuple]:
    return query(warehouse, sql.replace("{uri}", uri.replace("'", "''")))


MEETING_SIDES = """
select m.country_codes from fct_meetings m
join bridge_meeting_documents b using (meeting_id)
join dim_documents d using (document_id)
where list_contains(d.source_uris, '{uri}')
"""

FIGURE_VALUES = """
select f.value from fct_tourism_figures f join dim_documents d using (document_id)
where list_contains(d.source_uris, '{uri}')
"""

PLEDGER_SIDES = """
select p.pledger_country_codes from fct_pledges p join dim_documents d using (document_id)
where list_contains(d.source_uris, '{uri}')
"""


@pytest.mark.parametrize(("uri", "sides"), [
    ("whitehouse/2021-01-22-readout-of-president-joe-biden-call-with-prime-minister-justin-trudeau-of-canada.md",
     {"CAN", "USA"}),
    ("legacy/obrador_readout_cp1252.md", {"MEX", "USA"}),
])
def test_good_readouts_yield_their_meeting(warehouse, uri, sides):
    found = [set(codes) for (codes,) in _facts(warehouse, uri, MEETING_SIDES)]
    assert any(sides <= codes for codes in found), found


@pytest.mark.parametrize(("uri", "value"), [
    ("kazakhstan_tourism.html", 1_000_000),
    ("wire.jsonl#globaltimes-2357bf4c06", 32_300_000),
    ("wire.jsonl#line-6", 1_000_000_000),
])
def test_good_documents_yield_their_tourism_figure(warehouse, uri, value):
    values = [v for (v,) in _facts(warehouse, uri, FIGURE_VALUES)]
    assert any(abs(v - value) <= 0.01 * value for v in values), values


def test_seed_among_bad_files_yields_chinas_pledge(warehouse):
    sides = [set(codes) for (codes,) in _facts(warehouse, "seed_xi_tajikistan.txt", PLEDGER_SIDES)]
    assert any("CHN" in codes for codes in sides), sides

