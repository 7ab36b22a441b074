-- Question: how many meetings did each pair of countries hold, month by month?
-- One row per (month, country pair). A meeting between three countries counts
-- once for each of its pairs. month is 'undated' for meetings whose date the
-- text does not fix (they are still counted, in rows of their own).
with meeting_pairs as (
    select
        m.meeting_id,
        coalesce(strftime(m.meeting_date, '%Y-%m'), 'undated') as month,
        a.country_code as country_a,
        b.country_code as country_b,
        m.n_documents
    from fct_meetings as m,
        unnest(m.country_codes) as a(country_code),
        unnest(m.country_codes) as b(country_code)
    where a.country_code < b.country_code
)

select
    month,
    country_a,
    country_b,
    count(distinct meeting_id) as n_meetings,
    sum(n_documents) as n_reports,
    list(distinct meeting_id order by meeting_id) as meeting_ids
from meeting_pairs
group by month, country_a, country_b
order by month = 'undated', month, n_meetings desc, country_a, country_b
