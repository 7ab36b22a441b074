"""The analysts' dashboard: one self-contained HTML page rebuilt after each publish.

A single file with plotly.js inlined opens from file:// or any static host with
no network and no server, which suits a nightly batch product read by people
who only need to look. Written to ``<warehouse dir>/dashboard/index.html``.
Run ``python -m communique.dashboard`` to rebuild it by hand.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import plotly.io as pio
from plotly.offline import get_plotlyjs

from communique.dashboard_data import DashboardData, read_dashboard_data
from communique.dashboard_figures import (
    meetings_network, meetings_timeline, pledges_heatmap, text_or, tourism_figures,
)
from communique.warehouse_status import WarehouseStatus, warehouse_status

# Stable element ids (tests and bookmarks rely on them) -> section title and figure.
PLOT_SECTIONS = {
    "meetings-timeline": ("Meetings over time", lambda d: meetings_timeline(d.meetings)),
    "meetings-network": ("Who meets whom", lambda d: meetings_network(d.meetings)),
    "pledges-matrix": ("Pledges: pledger → beneficiary", lambda d: pledges_heatmap(d.pledge_pairs)),
    "tourism-figures": ("Tourism figures by place and period", lambda d: tourism_figures(d.figures)),
}
QUALITY_ID = "data-quality"
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}

STYLE = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1em 2em; color: #222; }
h1 { margin-bottom: 0.1em; } .meta { color: #666; margin-top: 0; }
section { margin: 1.5em 0; } table { border-collapse: collapse; font-size: 0.9em; }
td, th { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em; text-align: left; }
.ok { color: #1a7f37; font-weight: bold; } .fail { color: #c62828; font-weight: bold; }
.unknown, .warn { color: #8a6d00; font-weight: bold; } .grid { display: flex; gap: 3em; flex-wrap: wrap; }
"""
_VERDICT_HTML = {"ok": '<span class="ok">pass</span>', "WARN": '<span class="warn">warning</span>',
                 "FAIL": '<span class="fail">FAIL</span>'}


def default_output(warehouse: Path) -> Path:
    return Path(warehouse).parent / "dashboard" / "index.html"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def quality_section(status: WarehouseStatus, data: DashboardData) -> str:
    """Gate verdicts of the run that published, row counts and last rejections."""
    quality = status.quality
    if quality is None:
        verdict = '<p class="unknown">No quality-gate results recorded for this warehouse.</p>'
        gates = ""
    else:
        word = quality.headline("all gates passed", "some gates FAILED")
        css = "ok" if quality.passed else "fail"
        verdict = f'<p class="{css}" data-status="{css}">{word} (run recorded {html.escape(quality.recorded_at)})</p>'
        shown, tests_passed = quality.to_show()
        gates = _table(["check", "result", "detail"], [
            [html.escape(g.name), _VERDICT_HTML[g.verdict],
             html.escape(g.message)] for g in shown])
        if tests_passed:
            gates += f"<p>and {tests_passed} dbt tests passed</p>"
    counts = _table(["mart", "rows"], [[html.escape(m), "missing" if n is None else f"{n:,}"]
                                       for m, n in status.mart_rows.items()])
    rejections = _table(["rejection reason", "inputs"],
                        [[text_or(r.reason, "?"), str(r.n)] for r in data.rejections.itertuples()]
                        ) if not data.rejections.empty else "<p>No rejected inputs.</p>"
    return (f'<section id="{QUALITY_ID}"><h2>Data quality</h2>{verdict}'
            f'<div class="grid"><div>{gates}</div><div>{counts}</div><div>{rejections}</div></div></section>')


def undated_meetings(data: DashboardData) -> str:
    """Meetings with neither a date in the text nor a dated report: listed, not plotted."""
    rows = data.meetings[data.meetings["shown_date"].isna()]
    if rows.empty:
        return ""
    items = "".join(f"<li>{text_or(r.countries, '?')}: {text_or(r.participants, 'participants unknown')}"
                    f" in {text_or(r.location, 'an unknown place')} (<code>{r.meeting_id}</code>)</li>"
                    for r in rows.itertuples())
    return (f'<div id="meetings-undated"><p>{len(rows)} meeting(s) with no date in the text and no '
            f'publication date, not on the timeline:</p><ul>{items}</ul></div>')


def render_page(status: WarehouseStatus, data: DashboardData) -> str:
    plots = []
    for element_id, (title, draw) in PLOT_SECTIONS.items():
        div = pio.to_html(draw(data), full_html=False, include_plotlyjs=False, div_id=element_id,
                          config=PLOTLY_CONFIG, validate=False)  # the figures are plain dicts
        if element_id == "meetings-timeline":
            div += undated_meetings(data)
        plots.append(f'<section id="section-{element_id}"><h2>{html.escape(title)}</h2>{div}</section>')
    published = f"{status.published_at:%Y-%m-%d %H:%M UTC}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>communique dashboard</title>
<style>{STYLE}</style><script>{get_plotlyjs()}</script></head>
<body><h1>communique</h1>
<p class="meta">Meetings, pledges and tourism figures from the news. Warehouse published {published};
hover a point for its evidence, then <code>communique evidence ID</code> for the document.</p>
{quality_section(status, data)}
{''.join(plots)}
</body></html>
"""


def build_dashboard(warehouse: Path, quality_dir: Path | None = None, output: Path | None = None) -> Path:
    """Render the page from the published warehouse; replace the old page atomically."""
    warehouse = Path(warehouse)
    quality_dir = Path(quality_dir) if quality_dir else warehouse.parent / "quality"
    output = Path(output) if output else default_output(warehouse)
    page = render_page(warehouse_status(warehouse, quality_dir), read_dashboard_data(warehouse))
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(output)
    return output


def main() -> int:
    from communique.config import load_settings
    from communique.readonly import WarehouseMissing

    settings = load_settings()
    try:
        path = build_dashboard(settings.warehouse, settings.quality_dir)
    except WarehouseMissing as missing:
        print(f"communique dashboard: {missing}", file=sys.stderr)
        return 2
    print(f"dashboard written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
