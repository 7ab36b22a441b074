-- Meeting candidates with what clustering needs: a stable candidate id, the
-- sides as one key, the participants' actor ids and surnames, and the
-- document's publication date for ordering reports.
with

candidates as (
    select * from {{ ref('stg_meeting_candidates') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
),

participants as (
    select * from {{ ref('int_actor_references') }}
    where reference_kind = 'meeting_participant'
),

participants_per_candidate as (
    select
        participants.document_id,
        participants.reference_index as candidate_index,
        list_sort(list_distinct(list(participants.actor_id))) as participant_actor_ids,
        list_sort(list_distinct(
            list({{ surname('participants.name') }}) filter (where participants.actor_type = 'person')
        )) as participant_surnames
    from participants
    group by participants.document_id, participants.reference_index
),

final as (
    select
        {{ stable_id(['candidates.document_id', "'meeting'", 'candidates.candidate_index']) }} as candidate_id,
        candidates.document_id,
        candidates.candidate_index,
        candidates.country_codes,
        array_to_string(candidates.country_codes, ',') as sides_key,
        candidates.meeting_date,
        candidates.location,
        candidates.mode,
        coalesce(participants_per_candidate.participant_actor_ids, []::varchar[]) as participant_actor_ids,
        coalesce(participants_per_candidate.participant_surnames, []::varchar[]) as participant_surnames,
        documents.published_at,
        candidates.evidence,
        candidates.start_char,
        candidates.end_char,
        candidates.confidence
    from candidates
    inner join documents
        on documents.document_id = candidates.document_id
    left join participants_per_candidate
        on participants_per_candidate.document_id = candidates.document_id
        and participants_per_candidate.candidate_index = candidates.candidate_index
)

select * from final
