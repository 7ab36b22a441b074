{# Small SQL helpers shared by the models: one place for the rules that
   would otherwise drift apart between staging, actors and clusters. #}

{# A trimmed string, NULL when empty: extractors emit '' and NULL alike. #}
{% macro clean_text(column) -%}
    nullif(trim({{ column }}), '')
{%- endmacro %}

{# Sorted, distinct, upper-case country codes without NULLs or blanks. #}
{% macro clean_codes(column) -%}
    list_sort(list_distinct(list_filter(
        list_transform(coalesce({{ column }}, []::varchar[]), lambda code: upper(trim(code))),
        lambda code: code <> ''
    )))
{%- endmacro %}

{# Deterministic id: md5 over the parts joined by '|' (NULL parts become ''). #}
{% macro stable_id(parts) -%}
    md5(concat_ws('|'{% for part in parts %}, coalesce(cast({{ part }} as varchar), ''){% endfor %}))
{%- endmacro %}

{# Lower-case name with single spaces: the name part of an actor key. #}
{% macro name_key(column) -%}
    lower(regexp_replace(trim({{ column }}), '\s+', ' ', 'g'))
{%- endmacro %}

{# A person's surname for matching reports: the last token of the name. #}
{% macro surname(column) -%}
    string_split({{ name_key(column) }}, ' ')[-1]
{%- endmacro %}

{# Two reports' participants do not contradict: the people one names are all
   named by the other ("Singh" and "Singh, Dong"), or one of them names no person
   (only countries or bodies). "Biden, Zelenskyy" and "Harris, Zelenskyy" are
   two meetings. #}
{% macro participants_agree(left, right) -%}
    (
        len({{ left }}.participant_surnames) = 0
        or len({{ right }}.participant_surnames) = 0
        or list_has_all({{ left }}.participant_surnames, {{ right }}.participant_surnames)
        or list_has_all({{ right }}.participant_surnames, {{ left }}.participant_surnames)
    )
{%- endmacro %}
