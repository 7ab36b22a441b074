-- One row per tourism or travel figure per document.
with

figures as (
    select * from {{ ref('stg_figure_candidates') }}
),

final as (
    select
        {{ stable_id(['figures.document_id', "'figure'", 'figures.candidate_index']) }} as figure_id,
        figures.document_id,
        figures.metric,
        figures.value,
        figures.unit,
        figures.qualifier,
        figures.place,
        figures.period_start,
        figures.period_end,
        figures.period_text,
        figures.evidence,
        figures.start_char,
        figures.end_char,
        figures.confidence
    from figures
)

select * from final
