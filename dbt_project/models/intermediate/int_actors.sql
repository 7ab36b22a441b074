-- One row per resolved actor: its most used spelling and title.
with

references_ as (
    select * from {{ ref('int_actor_references') }}
),

name_counts as (
    select references_.actor_id, references_.name, count(*) as n_references
    from references_
    group by references_.actor_id, references_.name
),

title_counts as (
    select references_.actor_id, references_.title, count(*) as n_references
    from references_
    where references_.title is not null
    group by references_.actor_id, references_.title
),

actors as (
    select
        references_.actor_id,
        min(references_.actor_type) as actor_type,
        min(references_.country_code) as country_code,
        count(*) as n_references,
        count(distinct references_.document_id) as n_documents
    from references_
    group by references_.actor_id
),

preferred_name as (
    select name_counts.actor_id, first(name_counts.name order by name_counts.n_references desc, name_counts.name) as name
    from name_counts
    group by name_counts.actor_id
),

preferred_title as (
    select title_counts.actor_id, first(title_counts.title order by title_counts.n_references desc, title_counts.title) as title
    from title_counts
    group by title_counts.actor_id
),

final as (
    select
        actors.actor_id,
        preferred_name.name,
        actors.actor_type,
        actors.country_code,
        preferred_title.title,
        actors.n_references,
        actors.n_documents
    from actors
    inner join preferred_name on preferred_name.actor_id = actors.actor_id
    left join preferred_title on preferred_title.actor_id = actors.actor_id
)

select * from final
