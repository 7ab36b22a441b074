-- One row per meeting, however many documents report it. Attributes come from
-- the most confident report (then the earliest); a missing date, place or
-- mode is filled from the other reports. The date is the most confident one
-- not after the first publication of any report (else the earliest).
with

clusters as (
    select * from {{ ref('int_meeting_clusters') }}
),

candidates as (
    select * from {{ ref('int_meeting_candidates') }}
),

reports as (
    select
        clusters.meeting_id,
        clusters.report_order,
        candidates.*
    from clusters
    inner join candidates
        on candidates.candidate_id = clusters.candidate_id
),

-- the first day any report of the meeting was published: its date cannot be later
bounds as (
    select
        reports.meeting_id,
        min(reports.published_at) as first_published_at
    from reports
    group by reports.meeting_id
),

final as (
    select
        reports.meeting_id,
        coalesce(
            first(reports.meeting_date order by reports.confidence desc, reports.report_order)
                filter (where bounds.first_published_at is null
                    or reports.meeting_date <= bounds.first_published_at),
            min(reports.meeting_date)
        ) as meeting_date,
        coalesce(
            first(reports.location order by reports.confidence desc, reports.report_order),
            first(reports.location order by reports.report_order) filter (where reports.location is not null)
        ) as location,
        coalesce(
            first(reports.mode order by reports.confidence desc, reports.report_order)
                filter (where reports.mode <> 'unknown'),
            'unknown'
        ) as mode,
        first(reports.country_codes order by reports.report_order) as country_codes,
        cast(count(distinct reports.document_id) as integer) as n_documents,
        first(reports.evidence order by reports.confidence desc, reports.report_order) as evidence,
        first(reports.document_id order by reports.confidence desc, reports.report_order) as evidence_document_id,
        max(reports.confidence) as confidence
    from reports
    inner join bounds
        on bounds.meeting_id = reports.meeting_id
    group by reports.meeting_id
)

select * from final
