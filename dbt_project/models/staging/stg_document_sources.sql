-- Where each current document was found (replaced by every scan).
with

document_sources as (
    select * from {{ source('raw', 'document_sources') }}
),

renamed as (
    select
        document_sources.source_uri,
        document_sources.document_id,
        document_sources.raw_sha256,
        {{ clean_text('document_sources.url') }} as url,
        {{ clean_text('document_sources.landing_partition') }} as landing_partition,
        cast(document_sources.first_seen_at as timestamp) as first_seen_at
    from document_sources
)

select * from renamed
