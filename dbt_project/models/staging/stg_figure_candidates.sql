-- Tourism figure candidates of current documents at the current extractor version.
with

candidates as (
    select * from {{ source('raw', 'figure_candidates') }}
),

current_candidates as (
    select
        candidates.document_id,
        cast(candidates.candidate_index as integer) as candidate_index,
        lower(trim(candidates.metric)) as metric,
        cast(candidates.value as double) as value,
        {{ clean_text('candidates.unit') }} as unit,
        coalesce({{ clean_text('lower(candidates.qualifier)') }}, 'exact') as qualifier,
        {{ clean_text('candidates.place') }} as place,
        cast(candidates.period_start as date) as period_start,
        cast(candidates.period_end as date) as period_end,
        {{ clean_text('candidates.period_text') }} as period_text,
        candidates.evidence,
        cast(candidates.start_char as integer) as start_char,
        cast(candidates.end_char as integer) as end_char,
        cast(candidates.confidence as double) as confidence
    from candidates
    {{ join_current_extraction('candidates', 'figures') }}
)

select * from current_candidates
