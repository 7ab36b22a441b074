{# Evidence is exactly the document's text between its offsets
   (Python code-point offsets; DuckDB substring is 1-based). #}
{% test evidence_matches_text(model, documents, document_column='document_id', evidence_column='evidence',
                              start_column='start_char', end_column='end_char') %}
select facts.*
from {{ model }} as facts
left join {{ documents }} as documents
    on documents.document_id = facts.{{ document_column }}
where documents.text is null
    or facts.{{ evidence_column }} is distinct from substring(
        documents.text,
        facts.{{ start_column }} + 1,
        facts.{{ end_column }} - facts.{{ start_column }}
    )
{% endtest %}
