-- Question: who pledged what to whom? Pledges from each pledger country to each
-- beneficiary country.
-- One row per (pledger country, beneficiary country). A joint pledge ("the two
-- sides agreed ...") counts for each of its pledger countries; a pledge with no
-- named beneficiary has beneficiary_country NULL.
with pledge_pairs as (
    select
        p.pledge_id,
        p.pledge_date,
        p.content,
        a.name as pledger_name,
        pledger.country_code as pledger_country,
        beneficiary.country_code as beneficiary_country
    from fct_pledges as p
    left join dim_actors as a on a.actor_id = p.pledger_actor_id,
        unnest(p.pledger_country_codes) as pledger(country_code),
        unnest(
            case when len(p.beneficiary_country_codes) = 0 then [null::varchar]
                else p.beneficiary_country_codes end
        ) as beneficiary(country_code)
)

select
    pledger_country,
    beneficiary_country,
    count(distinct pledge_id) as n_pledges,
    min(pledge_date) as first_pledge_date,
    max(pledge_date) as last_pledge_date,
    list(distinct pledger_name order by pledger_name) filter (where pledger_name is not null) as pledgers,
    list(distinct pledge_id order by pledge_id) as pledge_ids,
    coalesce(arg_max(content, pledge_date), min(content)) as latest_content
from pledge_pairs
group by pledger_country, beneficiary_country
order by n_pledges desc, pledger_country, beneficiary_country nulls last
