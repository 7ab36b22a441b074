-- Question: what tourism figures were reported for each place, and how did they
-- change over time?
-- One row per figure, ordered by place, metric and period; change_from_previous
-- compares with the previous period of the same place, metric and unit.
select
    f.place,
    f.metric,
    f.unit,
    f.period_start,
    f.period_end,
    f.qualifier,
    f.value,
    f.value - lag(f.value) over (
        partition by f.place, f.metric, f.unit order by f.period_start, f.period_end
    ) as change_from_previous,
    f.figure_id,
    d.published_at,
    d.source_uri
from fct_tourism_figures as f
left join dim_documents as d on d.document_id = f.document_id
order by f.place nulls last, f.metric, f.unit, f.period_start nulls last, f.period_end, f.figure_id
