-- Question: what is the evidence behind this fact? The sentence, its offsets
-- and the document it comes from.
-- Parameter: $fact_id, a meeting_id, pledge_id or figure_id. A meeting reported
-- by several documents gives one row per document. evidence_matches_text checks
-- that the sentence is exactly the document text at its offsets.
with facts as (
    select meeting_id as fact_id, 'meeting' as fact_kind, document_id, evidence, start_char, end_char
    from bridge_meeting_documents
    union all
    select pledge_id, 'pledge', document_id, evidence, start_char, end_char
    from fct_pledges
    union all
    select figure_id, 'tourism_figure', document_id, evidence, start_char, end_char
    from fct_tourism_figures
)

select
    f.fact_kind,
    f.fact_id,
    f.evidence as sentence,
    f.start_char,
    f.end_char,
    d.document_id,
    d.title,
    d.published_at,
    d.source_uri,
    d.source_uris,
    substring(d.text, f.start_char + 1, f.end_char - f.start_char) = f.evidence as evidence_matches_text
from facts as f
join dim_documents as d on d.document_id = f.document_id
where f.fact_id = $fact_id
order by d.published_at nulls last, d.document_id, f.start_char
