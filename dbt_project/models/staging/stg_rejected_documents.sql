-- Inputs the last scan could not read, with the reason in words.
with

rejected as (
    select * from {{ source('raw', 'rejected_documents') }}
),

renamed as (
    select
        rejected.source_uri,
        lower(trim(rejected.reason)) as reason,
        {{ clean_text('rejected.detail') }} as detail,
        rejected.raw_sha256,
        cast(rejected.rejected_at as timestamp) as rejected_at
    from rejected
)

select * from renamed
