-- Inputs the last scan could not read, so an analyst can see what is missing.
with

rejected as (
    select * from {{ ref('stg_rejected_documents') }}
),

final as (
    select
        rejected.source_uri,
        rejected.reason,
        rejected.detail,
        rejected.raw_sha256,
        rejected.rejected_at
    from rejected
)

select * from final
