"""Django's database sessions, each request's read written once as SQL (issue 21).

The session is the first statement of every logged-in request; Django builds it through the ORM each time
(`Session.objects.get(session_key=…, expire_date__gt=now)`). This store runs the same statement, written
here, and is otherwise Django's `db` store: sessions stay in the database so that any web process can serve
any request (DESIGN.md section 10), and are saved, expired and deleted as Django does.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.db import connections, router
from django.utils import timezone

from .postgresql.base import prepared

_KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key):
        """Only a key this store could have issued (Django's: letters and digits): a cookie with a NUL byte
        reached PostgreSQL, which refuses it in a text parameter, and the page failed instead of starting anew."""
        return super()._validate_session_key(key) and _KEY_CHARS.issuperset(key)  # type: ignore[misc]  # not in the stubs

    def _get_session_from_db(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor, prepared():
            cursor.execute(
                f"SELECT session_data, expire_date FROM {table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        key = self.session_key
        if row is None or key is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0], expire_date=row[1])
