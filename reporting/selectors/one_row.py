"""Several models' aggregates as one statement and one row: the counters of the dashboard and the bulletin
(and the fund's balances, funds.selectors.fund_at_parts) in one round trip."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import IntegerField, QuerySet, Value


def _aggregate_sql(queryset: QuerySet, **aggregates) -> tuple[str, tuple]:
    """The SQL of `queryset.aggregate(**aggregates)` without running it: one row, whatever the table holds."""
    grouped = (
        queryset.order_by()
        .annotate(_one=Value(1, output_field=IntegerField()))
        .values("_one")
        .annotate(**aggregates)
        .values(*aggregates)
    )
    return grouped.query.sql_with_params()


# How many aggregates one_row joins directly. PostgreSQL plans a join of more than 8 FROM items in parts and
# of 12 or more with its genetic optimizer (from_collapse_limit, geqo_threshold): 15 one-row subqueries took
# 20 ms to plan. Nested in groups, each join is small and planning takes about a millisecond.
_JOIN_GROUP = 6


@dataclass(frozen=True)
class Statement:
    """One row's statement as `statement` compiled it: the SQL, its parameters, the names of its columns."""

    sql: str
    params: tuple
    names: tuple[str, ...]


def statement(parts: Mapping[str, tuple[QuerySet, dict]]) -> Statement:
    """Several models' aggregates as one statement (`SELECT * FROM (agg 1), (agg 2), …`), not yet run. Each
    aggregate without GROUP BY gives exactly one row, so the cross join gives one row."""
    selects: list[str] = []
    params: list[Any] = []
    names: list[str] = []
    for alias, (queryset, aggregates) in parts.items():
        if not aggregates:
            continue
        sql, sql_params = _aggregate_sql(queryset, **aggregates)
        selects.append(f"({sql}) AS {connection.ops.quote_name(alias)}")
        params.extend(sql_params)
        names.extend(aggregates)
    groups = [selects[i : i + _JOIN_GROUP] for i in range(0, len(selects), _JOIN_GROUP)]
    joined = ", ".join(
        f"(SELECT * FROM {', '.join(group)}) AS {connection.ops.quote_name(f'_group{n}')}"
        for n, group in enumerate(groups)
    )
    return Statement(f"SELECT * FROM {joined}", tuple(params), tuple(names))


def run(compiled: Statement) -> dict[str, Any]:
    """The values of a compiled statement by name, read now."""
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, compiled.params)
        row = cursor.fetchone()
    return dict(zip(compiled.names, row, strict=True))


def one_row(parts: Mapping[str, tuple[QuerySet, dict]]) -> dict[str, Any]:
    """Run several models' aggregates as one statement and return the values by name."""
    return run(statement(parts))
