-- One row per current document, with every place it was found.
with

documents as (
    select * from {{ ref('stg_documents') }}
),

document_sources as (
    select * from {{ ref('stg_document_sources') }}
),

sources_per_document as (
    select
        document_sources.document_id,
        list(document_sources.source_uri order by document_sources.source_uri) as source_uris
    from document_sources
    group by document_sources.document_id
),

final as (
    select
        documents.document_id,
        sources_per_document.source_uris[1] as source_uri,
        sources_per_document.source_uris,
        documents.title,
        documents.published_at,
        documents.published_at_source,
        documents.content_sha256,
        documents.n_chars,
        documents.text,
        documents.ingested_at
    from documents
    inner join sources_per_document
        on sources_per_document.document_id = documents.document_id
)

select * from final
