{# Use a model's custom schema as-is ("staging"), not "<target>_staging":
   the published warehouse has exactly `main` (marts) and `staging`. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
