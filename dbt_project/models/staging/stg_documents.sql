-- Ephemeral: inlined into its users, so the published file does not hold every text twice.
{{ config(materialized="ephemeral") }}
-- Current documents: raw.documents keeps history, a document is current only
-- while the latest scan still found it under at least one source.
with

documents as (
    select * from {{ source('raw', 'documents') }}
),

document_sources as (
    select * from {{ source('raw', 'document_sources') }}
),

current_documents as (
    select distinct document_sources.document_id
    from document_sources
),

typed as (
    select
        documents.document_id,
        documents.content_sha256,
        {{ clean_text('documents.title') }} as title,
        cast(documents.published_at as date) as published_at,
        case
            when documents.published_at is null then 'unknown'
            else coalesce({{ clean_text('lower(documents.published_at_source)') }}, 'unknown')
        end as published_at_source,
        documents.text,
        cast(coalesce(documents.n_chars, length(documents.text)) as integer) as n_chars,
        cast(documents.first_ingested_at as timestamp) as ingested_at
    from documents
    inner join current_documents
        on current_documents.document_id = documents.document_id
)

select * from typed
