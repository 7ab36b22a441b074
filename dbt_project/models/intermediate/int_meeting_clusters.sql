-- Cross-document clustering: the same talks reported by several documents
-- become one meeting.
-- 1. Two reports "agree" when they come from different documents, have the
--    same sides (equal sorted country codes), their participants do not
--    contradict (the people of one are all named by the other, or one names
--    no person), neither is dated after the other's publication, and
--    either both are dated at most a day apart, or (one undated) they name
--    the same place and the undated one was published within 3 days of the
--    other's date. Undated reports with no publication day compare only with
--    each other, by place.
-- 2. A report with no agreeing earlier report is a root: it starts a
--    meeting. Every other report joins its earliest agreeing root (or stays
--    alone when it agrees with no root, so a chain never drifts far).
-- 3. One document never contributes two reports to one meeting.
-- Comparing by day is an equi-join on (sides, day) over a small window, so the
-- cost grows with the reports per day, not with the square of all reports.
-- meeting_id hashes content only (sides, first date, root's place and
-- surnames), so it does not depend on run order or time.
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

-- The day a report is compared by: its meeting date, else (undated) its
-- publication day; reports with neither compare only among themselves.
reports as (
    select
        ordered.*,
        coalesce(ordered.meeting_date, ordered.published_at, date '0001-01-01') as anchor_day,
        case
            when ordered.meeting_date is not null then {{ var('meeting_date_tolerance_days', 1) }}
            when ordered.published_at is not null then {{ var('undated_meeting_tolerance_days', 3) }}
            else 0
        end as tolerance_days
    from ordered
),

reach as (
    select
        reports.*,
        reports.anchor_day + cast(offsets.offset_days as integer) as reach_day
    from reports
    cross join lateral (
        select unnest(range(-reports.tolerance_days, reports.tolerance_days + 1)) as offset_days
    ) as offsets
),

-- later report -> earlier report it agrees with (see 1. above)
agreeing_earlier as (
    select distinct
        later.candidate_id,
        earlier.candidate_id as earlier_candidate_id,
        earlier.report_order as earlier_report_order
    from reach as later
    inner join reports as earlier
        on earlier.sides_key = later.sides_key
        and earlier.anchor_day = later.reach_day
    where earlier.report_order < later.report_order
        and earlier.document_id <> later.document_id
        and {{ participants_agree('earlier', 'later') }}
        -- no document reports talks held after it was published: reports dated a day
        -- apart are one meeting only when each date fits both publications
        and (earlier.meeting_date is null or later.published_at is null
            or earlier.meeting_date <= later.published_at)
        and (later.meeting_date is null or earlier.published_at is null
            or later.meeting_date <= earlier.published_at)
        and (
            (earlier.meeting_date is not null and later.meeting_date is not null)
            or earlier.place_key = later.place_key
        )
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
        reports.*,
        one_report_per_document.root_candidate_id
    from reports
    inner join one_report_per_document
        on one_report_per_document.candidate_id = reports.candidate_id
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
    inner join reports as root
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
        cluster_members.report_order
    from cluster_members
    inner join cluster_ids
        on cluster_ids.root_candidate_id = cluster_members.root_candidate_id
)

select * from final
