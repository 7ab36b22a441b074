"""Plotly figures of the dashboard, one function per section, from plain frames.

Every figure renders even with no rows (an explanatory note instead of an
empty axis), so a young warehouse still gives a complete page. Figures are
plain dicts in plotly's JSON schema (``{"data": [...], "layout": {...}}``),
which plotly.js draws as they are: building them as ``plotly.graph_objects``
validated every property in Python and made the page take about 1 s of each
run, against about 0.2 s now.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections import Counter
from itertools import combinations

from functools import lru_cache

import pandas as pd

HEIGHT = 420
MIN_TIMELINE_SPAN = pd.Timedelta(days=60)
Figure = dict  # {"data": [trace, ...], "layout": {...}}


@lru_cache(maxsize=1)
def _template() -> dict:
    """plotly's "plotly_white" look, resolved to JSON (plotly.js knows no template names)."""
    import plotly.io as pio

    return pio.templates["plotly_white"].to_plotly_json()


def _blues() -> list[list]:
    """plotly's "Blues" as stops: plotly.js has a scale of that name, but a different one."""
    from plotly.colors import sequential

    return [[i / (len(sequential.Blues) - 1), color] for i, color in enumerate(sequential.Blues)]


def _figure(data: list[dict] | None = None, **layout) -> Figure:
    return {"data": data or [], "layout": {
        "template": _template(), "height": HEIGHT, "margin": dict(l=60, r=20, t=30, b=50),
        "hoverlabel": dict(align="left"), **layout}}


def text_or(value: object, default: str) -> str:
    """A frame cell as escaped HTML text; ``default`` for NULL (None, NaN, NaT)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return html.escape(default)
    return html.escape(str(value))


def _hover_text(text: object, width: int = 80) -> str:
    """Escape and wrap a sentence for a hover label."""
    return "<br>".join(textwrap.wrap(text_or(text, ""), width))


def _empty(note: str) -> Figure:
    return _figure(annotations=[dict(text=note, showarrow=False, xref="paper", yref="paper",
                                     x=0.5, y=0.5, font=dict(size=15, color="#666"))],
                   xaxis=dict(visible=False), yaxis=dict(visible=False))


def _scatter(**trace) -> dict:
    return {"type": "scatter", **trace}


def meetings_timeline(meetings: pd.DataFrame) -> Figure:
    """Each meeting at its date, one row per country group; hollow when the text gives no date."""
    meetings = meetings[meetings["shown_date"].notna()]
    if meetings.empty:
        return _empty("No dated meetings in the warehouse yet")
    traces = []
    for dated, label, symbol in ((True, "date in the text", "circle"),
                                 (False, "undated: shown at first report", "circle-open")):
        rows = meetings[meetings["dated"] == dated]
        if rows.empty:
            continue
        hover = [
            f"<b>{text_or(r.countries, '?')}</b> {r.meeting_date if dated else '(date not in text)'}<br>"
            f"{text_or(r.participants, 'participants unknown')}<br>{text_or(r.location, 'location unknown')}, "
            f"{text_or(r.mode, 'unknown')}; {r.n_documents} report(s)<br><i>{_hover_text(r.evidence)}</i>"
            for r in rows.itertuples()
        ]
        traces.append(_scatter(
            x=rows["shown_date"], y=rows["countries"], mode="markers", name=label,
            marker=dict(symbol=symbol, size=8 + 4 * rows["n_documents"].clip(upper=5), line=dict(width=2)),
            hovertext=hover, hoverinfo="text"))
    xaxis = dict(title=dict(text="meeting date"), tickformat="%d %b %Y")
    first, last = pd.to_datetime(meetings["shown_date"]).agg(["min", "max"])
    if last - first < MIN_TIMELINE_SPAN:  # a few days would be drawn hour by hour
        middle = first + (last - first) / 2
        xaxis["range"] = [middle - MIN_TIMELINE_SPAN / 2, middle + MIN_TIMELINE_SPAN / 2]
    return _figure(traces, legend=dict(orientation="h", y=1.08), xaxis=xaxis,
                   yaxis=dict(title=dict(text="countries")))


def _circle_layout(nodes: list[str]) -> dict[str, tuple[float, float]]:
    step = 2 * math.pi / max(len(nodes), 1)
    return {node: (math.cos(i * step), math.sin(i * step)) for i, node in enumerate(nodes)}


def meetings_network(meetings: pd.DataFrame) -> Figure:
    """Countries as nodes, meetings between them as edges (thicker: more meetings)."""
    pairs = Counter(pair for codes in meetings.get("country_codes", [])
                    for pair in combinations(sorted(set(codes if codes is not None else [])), 2))
    if not pairs:
        return _empty("No meetings between two or more countries yet")
    degree = Counter()
    for (a, b), n in pairs.items():
        degree[a] += n
        degree[b] += n
    position = _circle_layout(sorted(degree))
    traces = []
    heaviest = max(pairs.values())
    edges_by_count: dict[int, list[tuple[str, str]]] = {}
    for pair, n in sorted(pairs.items()):
        edges_by_count.setdefault(n, []).append(pair)
    for n, edges in sorted(edges_by_count.items()):
        # one trace per line width (a None breaks the line): a trace per edge made building
        # the page take a third of a second more on a thousand documents
        xs = [x for a, b in edges for x in (position[a][0], position[b][0], None)]
        ys = [y for a, b in edges for y in (position[a][1], position[b][1], None)]
        traces.append(_scatter(x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip",
                               line=dict(width=1 + 7 * n / heaviest, color="rgba(70,110,170,0.55)")))
    traces.append(_scatter(  # invisible points at edge midpoints carry the edge hover
        x=[(position[a][0] + position[b][0]) / 2 for a, b in pairs],
        y=[(position[a][1] + position[b][1]) / 2 for a, b in pairs],
        mode="markers", marker=dict(size=14, opacity=0), showlegend=False, hoverinfo="text",
        hovertext=[f"{a}–{b}: {n} meeting(s)" for (a, b), n in pairs.items()]))
    nodes = sorted(degree)
    traces.append(_scatter(
        x=[position[c][0] for c in nodes], y=[position[c][1] for c in nodes],
        mode="markers+text", text=nodes, textposition="top center", showlegend=False,
        marker=dict(size=[14 + 4 * math.sqrt(degree[c]) for c in nodes], color="#e07b39"),
        hovertext=[f"{c}: {degree[c]} meeting(s)" for c in nodes], hoverinfo="text"))
    return _figure(traces, xaxis=dict(visible=False, range=[-1.4, 1.4]),
                   yaxis=dict(visible=False, range=[-1.3, 1.3], scaleanchor="x"))


def pledges_heatmap(pledge_pairs: pd.DataFrame) -> Figure:
    """Number of pledges from each pledger country (rows) to each beneficiary (columns)."""
    if pledge_pairs.empty:
        return _empty("No pledges in the warehouse yet")
    grid = pledge_pairs.pivot_table(index="pledger_country", columns="beneficiary_country",
                                    values="n_pledges", aggfunc="sum", fill_value=0)
    heatmap = dict(
        type="heatmap", z=grid.where(grid > 0).values,  # blank, not "0", where nobody pledged
        x=list(grid.columns), y=list(grid.index), colorscale=_blues(),
        texttemplate="%{z}", hoverongaps=False, hovertemplate="%{y} → %{x}: %{z} pledge(s)<extra></extra>",
        zmin=0, zmax=max(int(grid.values.max()), 1), colorbar=dict(title=dict(text="pledges")))
    return _figure([heatmap], xaxis=dict(title=dict(text="beneficiary country")),
                   yaxis=dict(title=dict(text="pledger country"), autorange="reversed"))


def tourism_figures(figures: pd.DataFrame) -> Figure:
    """Reported figures by place and period (log scale: visitors and projects differ by 10^5).

    Periods are categories in time order ("2024", "2024-03", ...): a figure covers
    a period, not an instant.
    """
    if figures.empty:
        return _empty("No tourism figures in the warehouse yet")
    traces = []
    periods = list(dict.fromkeys(figures["period_label"]))  # the frame comes sorted by period
    for place, rows in figures.groupby("place", sort=True):
        hover = [
            f"<b>{text_or(place, '?')}</b>: {text_or(r.qualifier, '')} {r.value:,.0f} {text_or(r.unit, '')} "
            f"({text_or(r.metric, 'metric unknown')})<br>period {text_or(r.period_start, '?')} – "
            f"{text_or(r.period_end, '?')}"
            f"<br><i>{_hover_text(r.evidence)}</i>"
            for r in rows.itertuples()
        ]
        traces.append(_scatter(x=rows["period_label"], y=rows["value"], mode="markers+lines", name=place,
                               marker=dict(size=11), hovertext=hover, hoverinfo="text"))
    return _figure(traces, legend=dict(font=dict(size=11)),
                   xaxis=dict(title=dict(text="period"), type="category", categoryorder="array",
                              categoryarray=periods),
                   yaxis=dict(title=dict(text="value (log scale)"), type="log"))
