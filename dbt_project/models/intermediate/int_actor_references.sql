-- Every place an actor is named (mentions, meeting participants, pledgers),
-- resolved to one actor id across documents. The key is
-- (actor_type, normalised name, country code); a reference without a code
-- takes the code when all other references to that name agree on one.
-- Countries and organisations are identified by their code alone
-- ("U.N." and "United Nations" are one actor): their name part is the code.
with

mentions as (
    select * from {{ ref('stg_actor_mentions') }}
),

meeting_candidates as (
    select * from {{ ref('stg_meeting_candidates') }}
),

pledge_candidates as (
    select * from {{ ref('stg_pledge_candidates') }}
),

mention_references as (
    select
        'mention' as reference_kind,
        mentions.document_id,
        mentions.mention_index as reference_index,
        0 as participant_index,
        mentions.name,
        mentions.actor_type,
        mentions.country_code,
        mentions.title
    from mentions
),

participant_rows as (
    select
        meeting_candidates.document_id,
        meeting_candidates.candidate_index,
        unnest(meeting_candidates.participants) as participant,
        generate_subscripts(meeting_candidates.participants, 1) as participant_index
    from meeting_candidates
),

participant_references as (
    select
        'meeting_participant' as reference_kind,
        participant_rows.document_id,
        participant_rows.candidate_index as reference_index,
        participant_rows.participant_index,
        {{ clean_text('participant_rows.participant.name') }} as name,
        lower(trim(participant_rows.participant.actor_type)) as actor_type,
        {{ clean_text('upper(participant_rows.participant.country_code)') }} as country_code,
        {{ clean_text('participant_rows.participant.title') }} as title
    from participant_rows
),

-- A joint pledger ("the two sides") is no single actor: it has no own code.
pledger_references as (
    select
        'pledger' as reference_kind,
        pledge_candidates.document_id,
        pledge_candidates.candidate_index as reference_index,
        0 as participant_index,
        pledge_candidates.pledger_name as name,
        pledge_candidates.pledger_type as actor_type,
        pledge_candidates.pledger_country_code as country_code,
        pledge_candidates.pledger_title as title
    from pledge_candidates
    where pledge_candidates.pledger_name is not null
        and (pledge_candidates.pledger_type = 'person' or pledge_candidates.pledger_country_code is not null)
),

all_references as (
    select * from mention_references
    union all
    select * from participant_references
    union all
    select * from pledger_references
),

named_references as (
    select
        all_references.*,
        {{ name_key('all_references.name') }} as name_key
    from all_references
    where all_references.name is not null
),

only_known_code as (
    select
        named_references.actor_type,
        named_references.name_key,
        min(named_references.country_code) as country_code
    from named_references
    where named_references.country_code is not null
    group by named_references.actor_type, named_references.name_key
    having count(distinct named_references.country_code) = 1
),

resolved as (
    select
        named_references.reference_kind,
        named_references.document_id,
        named_references.reference_index,
        named_references.participant_index,
        named_references.name,
        named_references.actor_type,
        coalesce(named_references.country_code, only_known_code.country_code) as country_code,
        named_references.title,
        named_references.name_key
    from named_references
    left join only_known_code
        on only_known_code.actor_type = named_references.actor_type
        and only_known_code.name_key = named_references.name_key
),

keyed as (
    select
        resolved.*,
        case
            when resolved.actor_type in ('country', 'organization') and resolved.country_code is not null
                then lower(resolved.country_code)
            else resolved.name_key
        end as identity_key
    from resolved
),

final as (
    select
        {{ stable_id(['keyed.actor_type', 'keyed.identity_key', 'keyed.country_code']) }} as actor_id,
        keyed.*
    from keyed
)

select * from final
