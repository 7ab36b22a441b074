{# Every row satisfies a SQL boolean expression (rows where it is NULL fail too). #}
{% test expression_is_true(model, expression, column_name=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% endtest %}
