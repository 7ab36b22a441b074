-- Pledge candidates of current documents at the current extractor version.
with

candidates as (
    select * from {{ source('raw', 'pledge_candidates') }}
),

current_candidates as (
    select
        candidates.document_id,
        cast(candidates.candidate_index as integer) as candidate_index,
        {{ clean_text('candidates.pledger_name') }} as pledger_name,
        lower(trim(candidates.pledger_type)) as pledger_type,
        {{ clean_text('upper(candidates.pledger_country_code)') }} as pledger_country_code,
        {{ clean_text('candidates.pledger_title') }} as pledger_title,
        {{ clean_codes('candidates.pledger_country_codes') }} as pledger_country_codes,
        {{ clean_codes('candidates.beneficiary_country_codes') }} as beneficiary_country_codes,
        {{ clean_text('candidates.content') }} as content,
        cast(candidates.pledge_date as date) as pledge_date,
        candidates.evidence,
        cast(candidates.start_char as integer) as start_char,
        cast(candidates.end_char as integer) as end_char,
        cast(candidates.confidence as double) as confidence,
        candidates.trigger
    from candidates
    {{ join_current_extraction('candidates', 'pledges') }}
)

select * from current_candidates
