"""Queries that every request runs, compiled once per process and prepared once per connection (issue 21).

Turning a queryset into SQL is Python work: for the logged-in user with their unit, permissions, roles and
unread count (liudong_wages.backends) it took longer than running the statement. `CompiledGet` compiles
`build().filter(pk=…)` once per database and then only swaps the key among the parameters, runs the SQL and
builds the instance (and its select_related objects and annotations) as Django's ModelIterable does;
`CompiledList` does the same for the rows of a query that varies by one key (a project's timeline), and
`CompiledRows` for a query whose parameters never vary. All three run their statement `prepared`
(liudong_wages.postgresql): PostgreSQL plans it once per connection instead of on every page. `Prebuilt` keeps
the setup of a list's queryset (its `values()` over twenty columns and their joins) and hands out clones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]  # not in the stubs
from django.utils.functional import cached_property

from .postgresql.base import prepared

# A key no row has, found among the compiled parameters and replaced by the real one.
_SENTINEL = -2_147_483_000


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    key_index: int
    model: type[Model]
    init_list: list[str]
    start: int
    end: int
    populators: list
    annotations: dict[str, int]
    converters: dict


class _Keyed:
    """A statement compiled once per database from `build(key)` with a sentinel key, run with the real one."""

    def __init__(self, build: Callable[[Any], QuerySet]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, using: str) -> _Compiled:
        compiler = self._build(_SENTINEL).query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        positions = [index for index, param in enumerate(params) if param == _SENTINEL]
        if len(positions) != 1:
            raise ValueError(f"the key appears {len(positions)} times among the parameters")
        klass_info = compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        return _Compiled(
            sql=sql,
            params=tuple(params),
            key_index=positions[0],
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in compiler.select[start:end]],
            start=start,
            end=end,
            populators=get_related_populators(klass_info, compiler.select, using),
            annotations=dict(compiler.annotation_col_map or {}),
            converters=compiler.get_converters(fields),
        )

    def _statement(self, using: str) -> _Compiled:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        return compiled

    def _run(self, compiled: _Compiled, key: Any, using: str, *, one: bool) -> list[Model]:
        params = list(compiled.params)
        params[compiled.key_index] = key
        connection = connections[using]
        with connection.cursor() as cursor, prepared():
            cursor.execute(compiled.sql, params)
            if one:
                row = cursor.fetchone()
                rows = [] if row is None else [row]
            else:
                rows = cursor.fetchall()
        return [self._instance(compiled, row, connection, using) for row in rows]

    @staticmethod
    def _instance(compiled: _Compiled, row: Any, connection: Any, using: str) -> Model:
        """The row as Django's ModelIterable builds it: the model, its select_related objects, annotations."""
        if compiled.converters:
            row = list(row)
            for position, (converters, expression) in compiled.converters.items():
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
        instance = compiled.model.from_db(using, compiled.init_list, row[compiled.start : compiled.end])
        for populator in compiled.populators:
            populator.populate(row, instance)
        for name, position in compiled.annotations.items():
            setattr(instance, name, row[position])
        return instance


class CompiledGet(_Keyed):
    """`CompiledGet(lambda: User.objects.select_related("unit")).get(pk)`: the row with that key, or None (also
    for a key no column of its type can hold, as the ORM answers /cases/99999999999/)."""

    def __init__(self, build: Callable[[], QuerySet]) -> None:
        super().__init__(lambda key: build().filter(pk=key))
        self.queryset = build

    @cached_property
    def model(self) -> type[Model]:
        return self.queryset().model

    def get(self, pk: Any, using: str = DEFAULT_DB_ALIAS) -> Model | None:
        compiled = self._statement(using)
        field = compiled.model._meta.pk
        key = field.to_python(pk)
        if key is None:
            return None
        bounds = connections[using].ops.integer_field_ranges.get(field.get_internal_type())
        if bounds is not None and not bounds[0] <= key <= bounds[1]:
            return None
        found = self._run(compiled, key, using, one=True)
        return found[0] if found else None


class CompiledList(_Keyed):
    """`CompiledList(lambda project: Event.objects.filter(project=project)[:100]).list(project.pk)`: the rows
    of a query that varies by one key alone (a project's timeline, its last transfers), as model instances,
    compiled once per database like CompiledGet. `build` receives a sentinel integer for the key."""

    def list(self, key: int, using: str = DEFAULT_DB_ALIAS, **known: Model) -> list[Model]:
        """The rows for `key`; `known` objects are set on each, as a related manager sets the record it belongs
        to (`.list(case.pk, case=case)`: no query when a row's case is read)."""
        instances = self._run(self._statement(using), int(key), using, one=False)
        for instance in instances:
            for name, value in known.items():
                setattr(instance, name, value)
        return instances


@dataclass(frozen=True)
class _CompiledRows:
    sql: str
    params: tuple
    converters: dict


class CompiledRows:
    """`CompiledRows(lambda: queryset.values_list(…)).rows()`: the rows, as tuples, of a query whose parameters
    never vary (a list of choices every page of a kind shows), compiled once per database and run each time."""

    def __init__(self, build: Callable[[], QuerySet]) -> None:
        self.build = build
        self._compiled: dict[str, _CompiledRows] = {}

    def _compile(self, using: str) -> _CompiledRows:
        compiler = self.build().query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        return _CompiledRows(sql=sql, params=tuple(params), converters=compiler.get_converters(fields))

    def rows(self, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        connection = connections[using]
        with connection.cursor() as cursor, prepared():
            cursor.execute(compiled.sql, compiled.params)
            rows = cursor.fetchall()
        if not compiled.converters:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for position, (converters, expression) in compiled.converters.items():
                for converter in converters:
                    values[position] = converter(values[position], expression, connection)
            converted.append(tuple(values))
        return converted


class Prebuilt:
    """`Prebuilt(lambda: Case.objects.values(*COLUMNS))()`: a clone of a queryset set up once per process.

    Setting up `values()` over a list's twenty columns resolves each column and its joins: a millisecond of
    Python on every page of the case list (issue 21), where cloning the result takes a twentieth of that. The
    prebuilt queryset is never evaluated; each call returns a fresh clone to scope, filter and slice."""

    def __init__(self, build: Callable[[], QuerySet]) -> None:
        self.build = build
        self._queryset: QuerySet | None = None

    def __call__(self) -> QuerySet:
        if self._queryset is None:
            self._queryset = self.build()
        return self._queryset.all()
