"""The dashboard built from the sample warehouse renders in a real (headless) browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from analyst_fixtures import REPO, sample_warehouse
from communique.dashboard import PLOT_SECTIONS, QUALITY_ID, build_dashboard, default_output, render_page
from communique.dashboard_data import read_dashboard_data
from communique.warehouse_status import (
    GateStatus, QualityStatus, warehouse_status, write_quality_status,
)

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--virtual-time-budget=10000"]


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing in CI: .ci/install-chromium.sh should have installed it")
    pytest.skip("no /usr/bin/chromium: run .ci/install-chromium.sh to render the dashboard")


class SvgInside(HTMLParser):
    """For each watched element id: the text and the number of plotly <svg class="main-svg"> inside it."""

    def __init__(self, ids):
        super().__init__()
        self.ids, self.stack = set(ids), []
        self.svgs = {i: 0 for i in ids}
        self.text = {i: [] for i in ids}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"br", "img", "meta", "link", "input", "hr"}:
            return
        self.stack.append(attrs.get("id") if attrs.get("id") in self.ids else None)
        if tag == "svg" and "main-svg" in (attrs.get("class") or ""):
            for open_id in filter(None, self.stack):
                self.svgs[open_id] += 1

    def handle_endtag(self, tag):
        if tag not in {"br", "img", "meta", "link", "input", "hr"} and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for open_id in filter(None, self.stack):
            self.text[open_id].append(data)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> Path:
    # a copy, so the recorded quality status below stays in this test's directory
    root = tmp_path_factory.mktemp("dashboard")
    warehouse = root / "warehouse.duckdb"
    shutil.copy(sample_warehouse(), warehouse)
    write_quality_status(root / "quality", QualityStatus("2024-11-22T02:10:00+00:00", "run-1", (
        GateStatus("evidence_matches_text", True, "all 26 facts pass"),
        GateStatus("country_codes_valid", True, "all 40 codes pass"))))
    return build_dashboard(warehouse)


def chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=120)


def test_dashboard_is_written_beside_the_warehouse(dashboard):
    assert dashboard == default_output(dashboard.parent.parent / "warehouse.duckdb")
    page = dashboard.read_text(encoding="utf-8")
    assert re.search(r"<script[^>]*\bsrc=", page) is None  # plotly.js inlined: works offline from file://
    for element_id in [*PLOT_SECTIONS, QUALITY_ID]:
        assert f'id="{element_id}"' in page


def test_plots_render_in_headless_chromium(dashboard, tmp_path):
    require_chromium()
    dom = chromium(dashboard.as_uri(), tmp_path / "profile", "--dump-dom").stdout
    parser = SvgInside([*PLOT_SECTIONS, QUALITY_ID])
    parser.feed(dom)
    for element_id in PLOT_SECTIONS:
        assert parser.svgs[element_id] >= 1, f"#{element_id} has no plotly svg: JS did not draw it"
    with duckdb.connect(str(sample_warehouse()), read_only=True) as con:
        meeting_countries = {c for (c,) in con.execute(
            "select distinct unnest(country_codes) from fct_meetings where len(country_codes) > 1").fetchall()}
    assert {"CHN", "IND"} <= meeting_countries
    assert meeting_countries <= set(" ".join(parser.text["meetings-network"]).split())
    assert "Horgos" in " ".join(parser.text["tourism-figures"])
    quality = " ".join(parser.text[QUALITY_ID])
    assert "all gates passed" in quality and "evidence_matches_text" in quality


def test_screenshot_is_kept_for_review(dashboard, tmp_path):
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    shot.unlink(missing_ok=True)
    done = chromium(dashboard.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2600")
    assert shot.is_file(), done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a blank page compresses to a few KB


def test_a_failed_gate_is_shown_as_failed(dashboard):
    warehouse = dashboard.parent.parent / "warehouse.duckdb"
    status = warehouse_status(warehouse, dashboard.parent.parent / "quality")
    failed = QualityStatus("2024-11-23T02:10:00+00:00", "run-2", (
        GateStatus("tourism_values_positive_finite", False, "1 of 3 tourism figures: value is not positive"),
        GateStatus("not_null_fct_meetings_meeting_id", True, "", "dbt_test"),
        GateStatus("unique_fct_pledges_pledge_id", True, "", "dbt_test"),
        GateStatus("accepted_values_fct_meetings_mode", False, "1 row has mode 'phone'", "dbt_test")))
    page = render_page(status.__class__(status.path, status.published_at, status.mart_rows, failed),
                       read_dashboard_data(warehouse))
    assert "some gates FAILED" in page and "value is not positive" in page
    assert "all gates passed" not in page
    # failed dbt tests get a line each; passed ones are only counted
    assert "accepted_values_fct_meetings_mode" in page and "and 2 dbt tests passed" in page
    assert "unique_fct_pledges_pledge_id" not in page


def test_analyst_assets_record_gates_and_rebuild_the_dashboard_after_a_publish(tmp_path, monkeypatch):
    from dagster import AssetCheckResult, AssetCheckSpec, DagsterInstance, MaterializeResult, asset, materialize

    from orchestration.analyst import analyst_dashboard, published_quality_status

    warehouse = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(warehouse))

    @asset(name="published_warehouse",
           check_specs=[AssetCheckSpec("evidence_matches_text", asset="published_warehouse")])
    def fake_publish():  # stands for the real job: gates evaluated, build published
        shutil.copy(sample_warehouse(), warehouse)
        return MaterializeResult(check_results=[AssetCheckResult(
            check_name="evidence_matches_text", passed=False,
            description="2 of 26 facts: evidence differs from the text")])

    result = materialize([fake_publish, published_quality_status, analyst_dashboard],
                         instance=DagsterInstance.ephemeral())
    assert result.success
    page = (tmp_path / "dashboard" / "index.html").read_text(encoding="utf-8")
    assert "some gates FAILED" in page and "evidence differs from the text" in page
    assert (tmp_path / "quality" / "last_run.json").is_file()


def test_the_nightly_job_rebuilt_dashboard_catalog_and_quality_status():
    warehouse = sample_warehouse()
    page = default_output(warehouse)
    assert page.is_file() and page.stat().st_mtime >= warehouse.stat().st_mtime - 1
    assert (warehouse.parent / "docs" / "index.html").is_file()
    status = warehouse_status(warehouse, warehouse.parent / "quality")
    assert status.quality is not None, "the job recorded no quality-gate results"
    assert status.quality.passed and sum(g.kind == "gate" for g in status.quality.gates) >= 6
    assert "all gates passed" in page.read_text(encoding="utf-8")


def test_meetings_without_any_date_are_listed_not_plotted(dashboard):
    data = read_dashboard_data(dashboard.parent.parent / "warehouse.duckdb")
    timeless = data.meetings.copy()
    timeless.loc[timeless.index[0], "shown_date"] = None
    first = timeless.iloc[0]
    status = warehouse_status(dashboard.parent.parent / "warehouse.duckdb", dashboard.parent.parent / "quality")
    page = render_page(status, data.__class__(timeless, data.pledge_pairs, data.figures, data.rejections))
    undated = page[page.index('id="meetings-undated"'):]
    assert f"<code>{first['meeting_id']}</code>" in undated[:undated.index("</ul>")]


def test_null_cells_render_as_words_not_crashes(dashboard):
    """NULL location, participants, mode and codes are legal in the marts: the page must still build."""
    warehouse = dashboard.parent.parent / "warehouse.duckdb"
    data = read_dashboard_data(warehouse)
    sparse = data.meetings.copy()
    sparse["location"] = float("nan")  # what DuckDB .df() gives for a NULL varchar
    sparse["participants"] = None
    sparse["mode"] = None
    sparse.loc[sparse.index[0], "country_codes"] = None
    sparse.loc[sparse.index[1], "shown_date"] = None
    status = warehouse_status(warehouse, dashboard.parent.parent / "quality")
    page = render_page(status, data.__class__(sparse, data.pledge_pairs, data.figures, data.rejections))
    assert "location unknown" in page and "participants unknown" in page


def test_figures_are_figures_plotly_accepts_with_rows_and_without(dashboard):
    """The figures are plain dicts that plotly.js draws unchecked: plotly's own schema must
    accept every property of them (it raises on an unknown one), for a full warehouse and an
    empty one."""
    import plotly.graph_objects as go

    data = read_dashboard_data(dashboard.parent.parent / "warehouse.duckdb")
    empty = data.__class__(data.meetings.iloc[0:0], data.pledge_pairs.iloc[0:0], data.figures.iloc[0:0],
                           data.rejections)
    for title, draw in PLOT_SECTIONS.values():
        for frames in (data, empty):
            figure = go.Figure(draw(frames))
            assert figure.layout.template.layout.plot_bgcolor == "white", title  # plotly_white
            assert figure.data or figure.layout.annotations, title
