"""A case opened from a red wage-payment warning (issue 17): one POST from the project page, calling
`case_from_warning`, which carries the project, its general contractor and the unpaid workers as claims.
Sent twice, it answers with the case already opened."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enterprises.models import WageAlert
from liudong_wages import access

from ..services import case_from_warning


@login_required
@require_POST
def case_from_wage_alert(request: HttpRequest, alert_pk: int) -> HttpResponse:
    alert = access.get_for_user(request.user, WageAlert.objects.select_related("project"), pk=alert_pk)
    access.require(lambda u: u.has_perm("cases.add_case"), request.user)
    already = alert.case_ref is not None
    try:
        case = case_from_warning(alert=alert, by=request.user, handler=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect(alert.project.get_absolute_url() + "#monitoring")
    if already:
        messages.info(request, _("该预警已转立案件 %(number)s。") % {"number": case.number})
    else:
        messages.success(
            request,
            _("已由红色预警立案 %(number)s，欠薪人员已列入案件。") % {"number": case.number},
        )
    return redirect(case)
