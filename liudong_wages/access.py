"""The one place that answers "may this user see / change this object".

Each app registers a policy for each of its models that a page shows. Every view gets its objects through
`get_for_user` (one object) or `visible_to` (a list), never straight from the model, so that:

- an object the user may not see answers 404, whether it exists or not (no probing for ids);
- an object the user may see but not act on answers 403;
- a list holds only what the user may see.

Policies are plain objects with two methods. `scope` narrows a queryset to what the user may see; it runs in
the database, so lists stay one query. `allows` decides an action on one object the user can already see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import router
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .compiled import CompiledGet
    from .models import User

M = TypeVar("M", bound=Model)

VIEW = "view"


class SignedInRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is a signed-in `User`, never the anonymous one.
    Views annotate their request with it so that the type checker knows the user's roles and unit."""

    user: User


class Policy:
    """Base policy: staff with the model's Django permission may do that thing to every row.

    `scope` gives rows the user may see; `allows` checks an action ("change", "approve", …) on one row.
    Subclasses narrow either. Superusers pass everything (they are the system's administrators).
    """

    view_perm: str | None = None  # "app.view_model"; None means any logged-in user may see rows in scope

    def scope(self, user: User, queryset: QuerySet[M]) -> QuerySet[M]:
        if user.is_superuser:
            return queryset
        if self.view_perm and not user.has_perm(self.view_perm):
            return queryset.none()
        return queryset

    def allows(self, user: User, obj: Model, action: str) -> bool:
        if user.is_superuser:
            return True
        opts = obj._meta
        return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


class UnitScopedPolicy(Policy):
    """Rows that belong to a member unit: the unit's own people see and act on them; people with
    `liudong_wages.view_all_units` (the office, the leaders) see every unit's rows.

    `unit_path` is the lookup from the row to its unit id ("unit", "report__unit", or "pk" for the unit
    itself). With `all_may_view`, every logged-in user sees every row, and only acting is unit-scoped.
    """

    see_all_perm = "liudong_wages.view_all_units"

    def __init__(self, unit_path: str = "unit", *, view_perm: str | None = None, all_may_view: bool = False):
        self.unit_path = unit_path
        self.view_perm = view_perm
        self.all_may_view = all_may_view

    def _unit_id(self, obj: Model) -> Any:
        if self.unit_path == "pk":
            return obj.pk
        *path, last = self.unit_path.split("__")
        for part in path:
            obj = getattr(obj, part)
        return getattr(obj, f"{last}_id")

    def scope(self, user: User, queryset: QuerySet[M]) -> QuerySet[M]:
        queryset = super().scope(user, queryset)
        if user.is_superuser or self.all_may_view or user.has_perm(self.see_all_perm):
            return queryset
        if user.unit_id is None:
            return queryset.none()
        return queryset.filter(Q(**{self.unit_path: user.unit_id}))

    def allows(self, user: User, obj: Model, action: str) -> bool:
        if not super().allows(user, obj, action):
            return False
        if user.is_superuser or user.has_perm(self.see_all_perm):
            return True
        return user.unit_id is not None and self._unit_id(obj) == user.unit_id


_policies: dict[type[Model], Policy] = {}


def register(model: type[Model], policy: Policy) -> None:
    _policies[model] = policy


def policy_for(model: type[Model]) -> Policy:
    try:
        return _policies[model]
    except KeyError:
        # Failing loudly here keeps a new model from being shown to everyone by accident.
        raise LookupError(f"No access policy registered for {model._meta.label}") from None


def visible_to(user: User, queryset: QuerySet[M] | type[M]) -> QuerySet[M]:
    """The rows of `queryset` that `user` may see."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    if not user.is_authenticated:
        return queryset.none()
    return policy_for(queryset.model).scope(user, queryset)


def list_for(user: User, queryset: QuerySet[M] | type[M]) -> QuerySet[M]:
    """The rows of a list page: those `user` may see, or 403 when the user may see no row of this kind at all
    (a role without the model's view permission), rather than an empty list that hides the refusal."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    policy = policy_for(queryset.model)
    if (
        user.is_authenticated
        and not user.is_superuser
        and policy.view_perm
        and not user.has_perm(policy.view_perm)
    ):
        raise PermissionDenied(_("您无权查看此列表。"))
    return visible_to(user, queryset)


def get_for_user(user: User, queryset: QuerySet[M] | type[M], action: str = VIEW, **lookup: Any) -> M:
    """The object matching `lookup` if `user` may see it (else 404) and may do `action` to it (else 403)."""
    queryset = visible_to(user, queryset)
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        obj = None
    return _allowed(user, obj, action)


def get_compiled(user: User, query: CompiledGet, pk: int, action: str = VIEW) -> Any:
    """`get_for_user(user, query.queryset(), action, pk=pk)` through the statement `query` compiled once (issue
    21) when the user's scope of the model is every row (its policy hands the queryset back untouched); through
    the ORM with the scope applied otherwise."""
    everything = query.model._default_manager.all()
    if not user.is_authenticated or visible_to(user, everything) is not everything:
        return get_for_user(user, query.queryset(), action, pk=pk)
    return _allowed(user, query.get(pk, using=router.db_for_read(query.model)), action)


def _allowed(user: User, obj: M | None, action: str) -> M:
    if obj is None:
        raise Http404(_("找不到该记录，或您无权查看。"))
    if action != VIEW and not may(user, obj, action):
        raise PermissionDenied(_("您无权执行此操作。"))
    return obj


def may(user: User, obj: Model, action: str) -> bool:
    """Whether `user` may do `action` to `obj`; templates use it to show only the buttons that work."""
    if not user.is_authenticated:
        return False
    return policy_for(type(obj)).allows(user, obj, action)


def require(predicate: Callable[[User], bool], user: User) -> None:
    """Raise 403 unless `predicate(user)`: for pages that show no single object (a form to create one)."""
    if not (user.is_superuser or predicate(user)):
        raise PermissionDenied(_("您无权执行此操作。"))
