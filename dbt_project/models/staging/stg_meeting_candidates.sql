-- Meeting candidates (one per distinct meeting per document) of current
-- documents at the current extractor version, typed and trimmed.
with

candidates as (
    select * from {{ source('raw', 'meeting_candidates') }}
),

current_candidates as (
    select
        candidates.document_id,
        cast(candidates.candidate_index as integer) as candidate_index,
        candidates.participants,
        {{ clean_codes('candidates.country_codes') }} as country_codes,
        cast(candidates.meeting_date as date) as meeting_date,
        {{ clean_text('candidates.location') }} as location,
        coalesce({{ clean_text('lower(candidates.mode)') }}, 'unknown') as mode,
        candidates.evidence,
        cast(candidates.start_char as integer) as start_char,
        cast(candidates.end_char as integer) as end_char,
        cast(candidates.confidence as double) as confidence,
        candidates.trigger,
        coalesce(candidates.from_title, false) as from_title
    from candidates
    {{ join_current_extraction('candidates', 'meetings') }}
)

select * from current_candidates
