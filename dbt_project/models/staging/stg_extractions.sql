-- The extractor version that is current per document and kind: the latest
-- extraction of each current document (older rows, if kept, are ignored).
with

extractions as (
    select * from {{ source('raw', 'extractions') }}
),

document_sources as (
    select * from {{ source('raw', 'document_sources') }}
),

latest as (
    select
        extractions.document_id,
        lower(trim(extractions.kind)) as kind,
        extractions.extractor_version,
        cast(extractions.extracted_at as timestamp) as extracted_at,
        cast(extractions.n_rows as integer) as n_rows
    from extractions
    where extractions.document_id in (select document_sources.document_id from document_sources)
    qualify row_number() over (
        partition by extractions.document_id, lower(trim(extractions.kind))
        order by extractions.extracted_at desc, extractions.extractor_version desc
    ) = 1
)

select * from latest
