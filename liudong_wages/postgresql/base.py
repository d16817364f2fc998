"""PostgreSQL as Django's backend has it (settings name this module as the engine), except for which statements
PostgreSQL prepares, with server-side binding on (issue 21).

Planning a statement is PostgreSQL's work on every run unless the statement is prepared: the case list as office
staff first open it spent 0.9 of its 2.2 ms of PostgreSQL planning its two statements. A prepared statement is
planned once per connection, but one with parameters may then be given a generic plan that ignores their values
(the case search at scale 30 took 123 ms instead of 64), so psycopg prepares, on its second run on a
connection, only:

- a SELECT without parameters (an unfiltered list, its count): there is nothing a custom plan could know that
  the generic one does not;
- a statement run inside `prepared()`: the few that every request runs with another key (the session, the user,
  the second factor's device; liudong_wages.compiled), whose plan does not depend on the key.

Everything else runs unprepared, as Django runs it. Without server-side binding (DATABASE_PREPARED_STATEMENTS
off, for a transaction-mode pooler) nothing is prepared.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.backends.postgresql import base

# Whether the statements run now are the keyed ones of `prepared()`.
_keyed: ContextVar[bool] = ContextVar("liudong_prepared", default=False)

# Run twice on a connection before psycopg prepares it: a statement seen once is never prepared (preparing costs
# a round trip of its own).
PREPARE_ON_RUN = 1


@contextmanager
def prepared() -> Iterator[None]:
    """The statements run inside may be prepared although they have parameters: use it only for a statement
    whose best plan is the same for every value (a look-up by primary or unique key)."""
    token = _keyed.set(True)
    try:
        yield
    finally:
        _keyed.reset(token)


def _plain_select(query) -> bool:
    return isinstance(query, str) and query[:6].upper() == "SELECT"


class PreparingCursor(base.ServerBindingCursor):  # type: ignore[name-defined]  # not in the stubs
    """Django's cursor with server-side binding; tells psycopg which statements it must not prepare."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        if prepare is None and (params or not _plain_select(query)) and not _keyed.get():
            prepare = False
        return super().execute(query, params, prepare=prepare, binary=binary)


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's, its connections opened with `PreparingCursor` when server-side binding is on."""

    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        # Django picks its server-binding cursor when OPTIONS ask for server_side_binding.
        if params.get("cursor_factory") is base.ServerBindingCursor:  # type: ignore[attr-defined]  # not in the stubs
            params["cursor_factory"] = PreparingCursor
            if params.get("prepare_threshold") is None:
                params["prepare_threshold"] = PREPARE_ON_RUN
        return params
