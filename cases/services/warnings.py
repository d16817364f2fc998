"""The daily warning of cases near or past their legal deadline (DESIGN.md section 5, 08:30)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from liudong_wages import notifications, workdays

from ..models import Case
from .recipients import users_with_roles


def case_deadline_warnings_send(*, on: dt.date) -> int:
    """Tell each open case's handler (the office director when there is none) once that its deadline is near,
    and once that it has passed. The key names the case, the deadline and its state, so a second run, or a run
    on two workers, sends nothing new; a new deadline (after filing or an extension) warns again."""
    from liudong_wages.roles import Role

    directors = list(users_with_roles(Role.DIRECTOR))
    sent = 0
    for state, cases in (
        ("overdue", Case.objects.overdue(on=on)),
        ("near", Case.objects.near_deadline(on=on)),
    ):
        for case in cases.select_related("handler").order_by("deadline", "pk"):
            recipients = [case.handler] if case.handler_id else directors
            left = workdays.working_days_between(on, case.deadline)
            created = notifications.notify(
                recipients=recipients,
                kind="case_deadline",
                template="case_deadline",
                context={
                    "case": case,
                    "state": state,
                    "state_label": _("已超期") if state == "overdue" else _("即将到期"),
                    "days_left": left,
                    "days_over": -left,
                },
                url=case.get_absolute_url(),
                key=f"case-deadline:{case.pk}:{case.deadline_kind}:{case.deadline}:{state}",
            )
            sent += len(created)
    return sent
