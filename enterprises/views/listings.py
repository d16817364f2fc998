from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from liudong_wages import access
from liudong_wages.excel import Sheet, xlsx_response
from liudong_wages.forms import add_service_errors
from liudong_wages.pdf import pdf_response

from .. import selectors, services
from ..exports import LISTING_EXPORT, listing_rows
from ..filters import ListingFilter
from ..forms.registry import (
    DecideForm,
    ListingNotifyForm,
    ListingProposeForm,
    MeasureForm,
    ObjectionForm,
    RemoveForm,
    WithdrawForm,
)
from ..models import DishonestListing, Enterprise, RestrictionMeasure
from ..pdf import listing_notice_pdf
from .common import export_name, filtered, list_context

Status = DishonestListing.Status


def _listings(request: HttpRequest):
    queryset = (
        access.visible_to(request.user, DishonestListing)
        .select_related("enterprise")
        .prefetch_related(Prefetch("measures", RestrictionMeasure.objects.select_related("unit")))
    )
    return filtered(request, ListingFilter, queryset)


@login_required
def listing_list(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_dishonestlisting"), request.user)
    filterset, rows = _listings(request)
    context = list_context(request, filterset, rows)
    return render(request, "enterprises/listing_list.html", context)


@login_required
def listing_export(request: HttpRequest) -> HttpResponse:
    access.require(lambda u: u.has_perm("enterprises.view_dishonestlisting"), request.user)
    _filterset, rows = _listings(request)
    sheet = Sheet(_("失信名单"), LISTING_EXPORT, listing_rows(rows))
    return xlsx_response(filename=export_name(_("失信联合惩戒名单")), sheets=[sheet])


@login_required
def listing_propose(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = access.get_for_user(request.user, Enterprise, pk=pk)
    access.require(lambda u: u.has_perm("enterprises.add_dishonestlisting"), request.user)
    form = ListingProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.listing_propose(enterprise=enterprise, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已启动列入失信名单程序。"))
            return redirect(listing)
    return render(
        request,
        "enterprises/form.html",
        {"form": form, "title": _("拟列入失信联合惩戒名单：%s") % enterprise, "object": enterprise},
    )


@login_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access.get_for_user(
        request.user,
        DishonestListing.objects.select_related("enterprise").prefetch_related(
            Prefetch("measures", RestrictionMeasure.objects.select_related("unit"))
        ),
        pk=pk,
    )
    measures = list(listing.measures.all())
    may_change = access.may(request.user, listing, "change")
    own = [m for m in measures if m.unit_id == request.user.unit_id and access.may(request.user, m, "change")]
    context = {
        "listing": listing,
        "measures": measures,
        "pending_units": [m.unit for m in measures if m.status == RestrictionMeasure.Status.PENDING],
        "events": list(listing.events.select_related("by")),
        "may_change": may_change,
        "steps": _steps(listing) if may_change else [],
        "own_measures": own if listing.status == Status.LISTED else [],
    }
    return render(request, "enterprises/listing_detail.html", context)


STEPS = {
    "notify": (ListingNotifyForm, services.listing_notify, _("送达列入告知书"), [Status.PROPOSED]),
    "objection": (
        ObjectionForm,
        services.listing_record_objection,
        _("登记异议及复核意见"),
        [Status.NOTIFIED],
    ),
    "decide": (DecideForm, services.listing_decide, _("作出列入决定"), [Status.NOTIFIED]),
    "withdraw": (WithdrawForm, services.listing_withdraw, _("不予列入"), [Status.PROPOSED, Status.NOTIFIED]),
    "remove": (RemoveForm, services.listing_remove_early, _("提前移出（信用修复）"), [Status.LISTED]),
}


def _steps(listing: DishonestListing) -> list[tuple[str, str]]:
    return [(key, label) for key, (_f, _s, label, states) in STEPS.items() if listing.status in states]


@login_required
def listing_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    listing = access.get_for_user(
        request.user, DishonestListing.objects.select_related("enterprise"), "change", pk=pk
    )
    form_class, service, title, _states = STEPS[step]
    initial = {}
    if step == "objection":
        initial = {"objection": listing.objection, "reply": listing.objection_reply}
        if listing.objection_received_on:
            initial["received_on"] = listing.objection_received_on
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service(listing=listing, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存：%s") % title)
            return redirect(listing)
    return render(
        request,
        "enterprises/form.html",
        {"form": form, "title": f"{title}：{listing.enterprise}", "object": listing},
    )


@login_required
def listing_notice(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access.get_for_user(request.user, DishonestListing.objects.select_related("enterprise"), pk=pk)
    return pdf_response(listing_notice_pdf(listing), f"列入失信名单告知书-{listing.enterprise.name}.pdf")


@login_required
def measures_pending(request: HttpRequest) -> HttpResponse:
    """Which units have not recorded their restriction measures yet (a liaison sees their own unit's)."""
    access.require(lambda u: u.has_perm("enterprises.view_restrictionmeasure"), request.user)
    rows = selectors.pending_measures(access.visible_to(request.user, RestrictionMeasure)).order_by(
        "unit__sort_order", "listing__decided_on"
    )
    return render(request, "enterprises/measures_pending.html", {"rows": list(rows)})


@login_required
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = access.get_for_user(
        request.user,
        RestrictionMeasure.objects.select_related("listing__enterprise", "unit"),
        "change",
        pk=pk,
    )
    form = MeasureForm(
        request.POST or None, initial={"measures": measure.measures, "taken_on": measure.taken_on}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_record(measure=measure, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("惩戒措施已记录。"))
            return redirect(measure.listing)
    title = _("%(unit)s：对“%(name)s”的惩戒措施") % {
        "unit": measure.unit.short_name,
        "name": measure.listing.enterprise,
    }
    return render(request, "enterprises/form.html", {"form": form, "title": title, "object": measure.listing})
