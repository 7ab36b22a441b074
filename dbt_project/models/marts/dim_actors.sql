-- People, countries and organisations named in the documents, one row each.
with

actors as (
    select * from {{ ref('int_actors') }}
),

final as (
    select
        actors.actor_id,
        actors.name,
        actors.actor_type,
        actors.country_code,
        actors.title,
        cast(actors.n_documents as integer) as n_documents
    from actors
)

select * from final
