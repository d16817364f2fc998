"""The lists' search boxes: a term found anywhere in a column, whatever its case (issue 21).

Django's `icontains` makes PostgreSQL compare UPPER(column) with UPPER(term), so every value it reads is
upper-cased first; most terms typed here are Chinese (an enterprise, a project, a worker's name), which has no
case. A term without a cased letter is found in exactly the same rows by `contains` (upper-casing never makes
nor unmakes such a term in a value: it changes only cased letters, into cased letters), and PostgreSQL then
compares the values as they are: the case search over all cases for 建筑 took 237 ms with UPPER() and 1.5 ms
without, since the plain comparison lets it stop at the fiftieth match.
"""

from __future__ import annotations

from django.db.models import Q


def has_case(term: str) -> bool:
    """Whether the term has a letter with an upper and a lower case (Latin, Greek, …), unlike 建筑 or 2026."""
    return term.upper() != term or term.lower() != term


def contains(field: str, term: str) -> Q:
    """`Q(field__icontains=term)`, as `Q(field__contains=term)` when the term has no cased letter."""
    return Q(**{f"{field}__{'icontains' if has_case(term) else 'contains'}": term})
