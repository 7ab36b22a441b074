-- One row per pledge (evidence sentence and pledger) per document.
with

pledges as (
    select * from {{ ref('stg_pledge_candidates') }}
),

pledgers as (
    select * from {{ ref('int_actor_references') }}
    where reference_kind = 'pledger'
),

final as (
    select
        {{ stable_id(['pledges.document_id', "'pledge'", 'pledges.candidate_index']) }} as pledge_id,
        pledges.document_id,
        pledges.pledge_date,
        pledgers.actor_id as pledger_actor_id,
        pledges.pledger_name,
        pledges.pledger_country_codes,
        pledges.beneficiary_country_codes,
        pledges.content,
        pledges.evidence,
        pledges.start_char,
        pledges.end_char,
        pledges.confidence
    from pledges
    left join pledgers
        on pledgers.document_id = pledges.document_id
        and pledgers.reference_index = pledges.candidate_index
)

select * from final
