-- Which documents report each meeting, with each report's own evidence.
with

clusters as (
    select * from {{ ref('int_meeting_clusters') }}
),

candidates as (
    select * from {{ ref('int_meeting_candidates') }}
),

final as (
    select
        clusters.meeting_id,
        candidates.document_id,
        candidates.evidence,
        candidates.start_char,
        candidates.end_char,
        candidates.meeting_date as reported_date,
        candidates.confidence
    from clusters
    inner join candidates
        on candidates.candidate_id = clusters.candidate_id
)

select * from final
