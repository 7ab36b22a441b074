-- Actor mentions of current documents at the current extractor version.
with

mentions as (
    select * from {{ source('raw', 'actor_mentions') }}
),

current_mentions as (
    select
        mentions.document_id,
        cast(mentions.mention_index as integer) as mention_index,
        mentions.actor_key,
        {{ clean_text('mentions.name') }} as name,
        lower(trim(mentions.actor_type)) as actor_type,
        {{ clean_text('upper(mentions.country_code)') }} as country_code,
        {{ clean_text('mentions.title') }} as title,
        mentions.mention_text,
        cast(mentions.start_char as integer) as start_char,
        cast(mentions.end_char as integer) as end_char
    from mentions
    {{ join_current_extraction('mentions', 'mentions') }}
)

select * from current_mentions
