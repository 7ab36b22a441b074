{# A list column holds each value once, in sorted order, and no NULL values:
   equal lists then mean equal sets (how meetings' sides are compared). #}
{% test sorted_distinct_array(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
    and (
        {{ column_name }} <> list_sort(list_distinct({{ column_name }}))
        or len({{ column_name }}) <> len(list_filter({{ column_name }}, lambda value: value is not null))
    )
{% endtest %}
