"""The tables behind the dashboard, read once from the published warehouse.

Kept apart from the figures so the SQL can be checked against the warehouse
contract on its own, and the figures can be drawn from hand-made frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from communique.readonly import connect_read_only

# One row per meeting; a meeting the text does not date is placed at its first
# report's publication date (`dated = false`); with no publication date either,
# shown_date is NULL and the page lists it under the timeline instead.
MEETINGS_SQL = """
select
    m.meeting_id,
    m.meeting_date,
    coalesce(m.meeting_date, min(d.published_at)) as shown_date,
    m.meeting_date is not null as dated,
    array_to_string(m.country_codes, '–') as countries,
    m.country_codes,
    m.location,
    m.mode,
    m.n_documents,
    m.evidence,
    string_agg(distinct a.name, ', ' order by a.name) as participants
from fct_meetings as m
left join bridge_meeting_documents as bd on bd.meeting_id = m.meeting_id
left join dim_documents as d on d.document_id = bd.document_id
left join bridge_meeting_participants as bp on bp.meeting_id = m.meeting_id
left join dim_actors as a on a.actor_id = bp.actor_id
group by m.meeting_id, m.meeting_date, m.country_codes, m.location, m.mode, m.n_documents, m.evidence
order by shown_date nulls last, countries
"""

# Every (pledger country, beneficiary country) pair of every pledge; NULL
# beneficiary for a pledge that names none.
PLEDGE_PAIRS_SQL = """
select
    pledger.country_code as pledger_country,
    coalesce(beneficiary.country_code, '(none named)') as beneficiary_country,
    count(distinct p.pledge_id) as n_pledges
from fct_pledges as p,
    unnest(p.pledger_country_codes) as pledger(country_code),
    unnest(case when len(p.beneficiary_country_codes) = 0 then [null::varchar]
                else p.beneficiary_country_codes end) as beneficiary(country_code)
group by all
order by pledger_country, beneficiary_country
"""

FIGURES_SQL = """
select
    f.figure_id,
    coalesce(f.place, '(place unknown)') as place,
    f.metric,
    f.unit,
    f.qualifier,
    f.value,
    f.period_start,
    f.period_end,
    case
        when f.period_start is null then coalesce(f.period_text, 'period unknown')
        when f.period_start = date_trunc('year', f.period_start)
            and f.period_end = last_day(date_trunc('year', f.period_start) + interval 11 month)
            then strftime(f.period_start, '%Y')
        when f.period_start = date_trunc('month', f.period_start) and f.period_end = last_day(f.period_start)
            then strftime(f.period_start, '%Y-%m')
        when f.period_start = f.period_end then strftime(f.period_start, '%Y-%m-%d')
        else strftime(f.period_start, '%Y-%m-%d') || ' – ' || coalesce(strftime(f.period_end, '%Y-%m-%d'), '?')
    end as period_label,
    f.evidence
from fct_tourism_figures as f
left join dim_documents as d on d.document_id = f.document_id
order by f.period_start nulls last, f.period_end, place, f.metric
"""

REJECTIONS_SQL = "select reason, count(*) as n from rejected_documents group by reason order by n desc"


@dataclass(frozen=True)
class DashboardData:
    meetings: pd.DataFrame
    pledge_pairs: pd.DataFrame
    figures: pd.DataFrame
    rejections: pd.DataFrame


def read_dashboard_data(warehouse: Path) -> DashboardData:
    with connect_read_only(warehouse) as con:
        frames = [con.execute(sql).df() for sql in (MEETINGS_SQL, PLEDGE_PAIRS_SQL, FIGURES_SQL, REJECTIONS_SQL)]
    return DashboardData(*frames)
