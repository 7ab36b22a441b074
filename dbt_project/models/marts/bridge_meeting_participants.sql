-- Who took part in each meeting (all reports' participants together).
with

clusters as (
    select * from {{ ref('int_meeting_clusters') }}
),

participants as (
    select * from {{ ref('int_actor_references') }}
    where reference_kind = 'meeting_participant'
),

final as (
    select distinct
        clusters.meeting_id,
        participants.actor_id
    from clusters
    inner join participants
        on participants.document_id = clusters.document_id
        and participants.reference_index = clusters.candidate_index
)

select * from final
