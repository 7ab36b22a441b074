{# Join that keeps only candidate rows written by the extractor version that is
   current for their document and kind (stg_extractions already drops documents
   no scan finds any more). Older versions stay in raw tables until re-extraction. #}
{% macro join_current_extraction(alias, kind) -%}
    inner join {{ ref('stg_extractions') }} as current_extraction
        on current_extraction.document_id = {{ alias }}.document_id
        and current_extraction.kind = '{{ kind }}'
        and current_extraction.extractor_version = {{ alias }}.extractor_version
{%- endmacro %}
