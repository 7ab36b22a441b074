-- Question: which input files were rejected by the last run that rejected
-- anything, and why?
-- "Last night" is the most recent rejected_at day: rejected_at is the first
-- time an input was rejected, so inputs still rejected from earlier runs keep
-- their older day and are not repeated here.
select
    source_uri,
    reason,
    detail,
    rejected_at
from rejected_documents
where rejected_at::date = (select max(rejected_at)::date from rejected_documents)
order by reason, source_uri
