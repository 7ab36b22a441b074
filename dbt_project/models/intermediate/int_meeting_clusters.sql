-- Cross-document clustering: the same talks reported by several documents
-- become one meeting. Reports are grouped into islands of the same sides
-- (equal sorted country codes) whose dates are at most one day apart
-- (gaps and islands); undated reports join by place (the one dated island
-- at that place, else an island of their own per place; no place: alone).
-- Inside an island a report joins the earliest "root" report of another
-- document whose participants do not contradict it; a root is a report with
-- no such earlier report. One document never contributes two reports to a
-- meeting. meeting_id hashes content only (sides, first date, place,
-- the root's surnames), so it does not depend on run order or time.
with

candidates as (
    select * from {{ ref('int_meeting_candidates') }}
),

ordered as (
    select
        candidates.candidate_id,
        candidates.document_id,
        candidates.candidate_index,
        candidates.sides_key,
        candidates.meeting_date,
        candidates.location,
        lower(candidates.location) as place_key,
        candidates.participant_surnames,
        candidates.published_at,
        row_number() over (
            order by candidates.meeting_date nulls last, candidates.published_at nulls last,
                candidates.document_id, candidates.candidate_index
        ) as report_order
    from candidates
),

dated as (
    select
        ordered.*,
        ordered.meeting_date - lag(ordered.meeting_date) over (
            partition by ordered.sides_key order by ordered.report_order
        ) as days_since_previous
    from ordered
    where ordered.meeting_date is not null
),

dated_islands as (
    select
        dated.*,
        dated.sides_key || '|d' || sum(
            case when dated.days_since_previous is null or dated.days_since_previous > 1 then 1 else 0 end
        ) over (partition by dated.sides_key order by dated.report_order rows unbounded preceding) as island_key
    from dated
),

dated_island_places as (
    select dated_islands.sides_key, dated_islands.place_key, min(dated_islands.island_key) as island_key
    from dated_islands
    where dated_islands.place_key is not null
    group by dated_islands.sides_key, dated_islands.place_key
    having count(distinct dated_islands.island_key) = 1
),

undated_islands as (
    select
        ordered.*,
        null::bigint as days_since_previous,
        case
            when ordered.place_key is null then ordered.sides_key || '|c|' || ordered.candidate_id
            else coalesce(dated_island_places.island_key, ordered.sides_key || '|l|' || ordered.place_key)
        end as island_key
    from ordered
    left join dated_island_places
        on dated_island_places.sides_key = ordered.sides_key
        and dated_island_places.place_key = ordered.place_key
    where ordered.meeting_date is null
),

islands as (
    select * from dated_islands
    union all by name
    select * from undated_islands
),

-- The day a report is compared by: its meeting date, else (undated) its
-- publication day; reports with neither compare only among themselves.
reports as (
    select
        islands.*,
        coalesce(islands.meeting_date, islands.published_at, date '0001-01-01') as anchor_day,
        case
            when islands.meeting_date is not null then {{ var('meeting_date_tolerance_days', 1) }}
            when islands.published_at is not null then {{ var('undated_meeting_tolerance_days', 3) }}
            else 0
        end as tolerance_days
    from islands
),

reach as (
    select
        reports.*,
        reports.anchor_day + cast(unnest(range(-reports.tolerance_days, reports.tolerance_days + 1)) as integer)
            as reach_day
    from reports
),

-- later report -> earlier report of another document, same island, close in
-- time, participants agreeing (an equi-join on the day keeps this linear)
agreeing_earlier as (
    select distinct
        later.candidate_id,
        earlier.candidate_id as earlier_candidate_id,
        earlier.report_order as earlier_report_order
    from reach as later
    inner join reports as earlier
        on earlier.island_key = later.island_key
        and earlier.anchor_day = later.reach_day
    where earlier.report_order < later.report_order
        and earlier.document_id <> later.document_id
        and {{ participants_agree('earlier', 'later') }}
),

-- a root is a report with no agreeing earlier report: it starts a meeting
roots as (
    select reports.candidate_id
    from reports
    where reports.candidate_id not in (select agreeing_earlier.candidate_id from agreeing_earlier)
),

root_choice as (
    select
        agreeing_earlier.candidate_id,
        first(agreeing_earlier.earlier_candidate_id order by agreeing_earlier.earlier_report_order)
            as root_candidate_id
    from agreeing_earlier
    inner join roots
        on roots.candidate_id = agreeing_earlier.earlier_candidate_id
    group by agreeing_earlier.candidate_id
),

joined_root as (
    select
        reports.candidate_id,
        reports.document_id,
        reports.report_order,
        coalesce(root_choice.root_candidate_id, reports.candidate_id) as root_candidate_id
    from reports
    left join root_choice
        on root_choice.candidate_id = reports.candidate_id
),

-- a second report of the same document in one meeting is a meeting of its own
one_report_per_document as (
    select
        joined_root.candidate_id,
        case
            when row_number() over (
                partition by joined_root.root_candidate_id, joined_root.document_id
                order by joined_root.report_order
            ) = 1 then joined_root.root_candidate_id
            else joined_root.candidate_id
        end as root_candidate_id
    from joined_root
),

cluster_members as (
    select
        islands.*,
        one_report_per_document.root_candidate_id
    from islands
    inner join one_report_per_document
        on one_report_per_document.candidate_id = islands.candidate_id
),

cluster_keys as (
    select
        root.candidate_id as root_candidate_id,
        concat_ws('|',
            root.sides_key,
            coalesce(cast(min(members.meeting_date) as varchar), ''),
            coalesce(root.place_key, ''),
            array_to_string(root.participant_surnames, ',')
        ) as content_key,
        root.report_order as root_report_order
    from cluster_members as members
    inner join islands as root
        on root.candidate_id = members.root_candidate_id
    group by root.candidate_id, root.sides_key, root.place_key, root.participant_surnames, root.report_order
),

cluster_ids as (
    select
        cluster_keys.root_candidate_id,
        md5(
            cluster_keys.content_key || case when duplicate_rank > 1 then '#' || duplicate_rank else '' end
        ) as meeting_id
    from (
        select
            cluster_keys.*,
            row_number() over (
                partition by cluster_keys.content_key order by cluster_keys.root_report_order
            ) as duplicate_rank
        from cluster_keys
    ) as cluster_keys
),

final as (
    select
        cluster_ids.meeting_id,
        cluster_members.candidate_id,
        cluster_members.document_id,
        cluster_members.candidate_index,
        cluster_members.root_candidate_id,
        cluster_members.island_key,
        cluster_members.report_order
    from cluster_members
    inner join cluster_ids
        on cluster_ids.root_candidate_id = cluster_members.root_candidate_id
)

select * from final
