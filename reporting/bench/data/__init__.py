"""Large, reproducible data for benchmarks (`manage.py seed_bench --scale N`, DESIGN.md section 7).

Scale 1 is a district after ten busy years: 5,000 enterprises, 1,000 projects, 10,000 cases with about
100,000 worker claims, about 20,000 ledger entries of the revolving fund, and ten years of member-unit
reports. Scale N multiplies everything but the reports (one report per unit, type and period cannot grow).
Wage-payment monitoring (`monitoring.py`): 200 active projects with a roster of 20,000 workers (one of 500),
two years of monthly wage sheets (about 480,000 lines) and transfers, a few chosen gaps; the daily check
runs once for the seed's day so that those gaps stand as warnings.

The rows bypass the services (which write one row at a time, with history) and go in by PostgreSQL COPY,
but they keep every rule the services keep: credit codes and ID numbers with valid check characters
(python-stdnum), case events in the order the statuses need and the deadlines derived from them by
`cases.deadlines`, claims adding up to their case's totals, a fund ledger whose balance never goes below zero
with applications that never pay more than approved, a project's risk from `enterprises.rules`.
The same seed and `as_of` day give the same rows. History tables (django-simple-history) stay empty.
"""

from .seeder import DEFAULT_SEED, DOMAIN_MODELS, LISTED, Result, Seeder, has_real_data, seed_bench
from .values import BASE, YEARS, scaled

__all__ = [
    "BASE",
    "DEFAULT_SEED",
    "DOMAIN_MODELS",
    "LISTED",
    "YEARS",
    "Result",
    "Seeder",
    "has_real_data",
    "scaled",
    "seed_bench",
]
