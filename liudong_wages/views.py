import calendar as month_calendar
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp import match_token

from . import access, notifications, privacy, startpage, twofactor, workdays
from .access import SignedInRequest
from .audit import AccessLogFilter, ChangeLogFilter
from .downloads import content_disposition
from .forms import TokenForm, TwoFactorSetupForm, UnitContactForm
from .models import Attachment, MemberUnit, Notification, PersonalDataAccess
from .paging import paginate
from .roles import Role
from .services import unit_update_contact
from .uploads import KINDS, download_name


class LoginView(auth_views.LoginView):
    """Django's login, then the second factor where the user has one or their role requires one."""

    def form_valid(self, form):
        response = super().form_valid(form)
        step = twofactor.pending_step(form.get_user())
        if step:
            self.request.session[twofactor.SESSION_KEY] = step
        return response

    def get_success_url(self) -> str:
        # Opening the site sends a logged-out user here with next=/: that asks for no particular page any more
        # than no `next` does, so both land where the user's role works from (the director: the dashboard).
        # The second factor, when due, is asked on the way, and its step keeps this target as its `next`.
        url = self.get_redirect_url()
        if url and url != reverse("home"):
            return url
        user = self.request.user
        # Reached after signing in (form_valid) or when already signed in; never for the anonymous user.
        return startpage.landing_url(user) if user.is_authenticated else reverse("home")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")


def _second_factor_passed(request: HttpRequest, device) -> None:
    """django-otp marks the session verified; a new session key, as at the password step."""
    otp_login(request, device)
    request.session.pop(twofactor.SESSION_KEY, None)
    request.session.cycle_key()


@login_required
def two_factor_verify(request: SignedInRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            _second_factor_passed(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("验证码不正确或已过期，请重新输入。"))
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


@login_required
def two_factor_setup(request: SignedInRequest) -> HttpResponse:
    """Add an authenticator app: scan the code, type one code back, keep the recovery codes.

    Only a session with no device yet, or one that already passed the second factor, gets here; replacing a
    device asks for the current code too (twofactor module)."""
    if not twofactor.may_set_up(request):
        target = reverse("two_factor_verify")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
    replacing = twofactor.has_device(request.user)
    device = twofactor.totp_device_for_setup(request)
    form = TwoFactorSetupForm(request.POST or None, replacing=replacing)
    if request.method == "POST" and form.is_valid():
        if replacing and not twofactor.current_code_valid(request.user, form.cleaned_data["current"]):
            form.add_error("current", _("当前验证码不正确或已过期，请重新输入。"))
        else:
            codes = twofactor.totp_confirm(
                device=device, token=form.cleaned_data["token"], ip_address=request.META.get("REMOTE_ADDR")
            )
            if codes is not None:
                request.session.pop(twofactor.SETUP_DEVICE_KEY, None)
                _second_factor_passed(request, device)
                return render(
                    request,
                    "registration/two_factor_codes.html",
                    {"codes": codes, "next": _safe_next(request)},
                )
            form.add_error("token", _("验证码不正确，请确认手机时间准确后重新输入。"))
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr": twofactor.qr_data_uri(device),
            "secret": twofactor.secret_text(device),
            "required": twofactor.required_for(request.user),
            "replacing": replacing,
            "next": _safe_next(request),
        },
    )


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login page asks for the password only: it sends to the site's login instead, which asks
    for both factors (the middleware sees that a session reaching here has passed them)."""
    target = _safe_next(request) if request.GET.get("next") else reverse("admin:index")
    if request.user.is_authenticated:
        step = twofactor.step_due(request)
        if step:  # the middleware sends there first; kept here so that the admin never loops
            step_url = reverse("two_factor_verify" if step == twofactor.VERIFY else "two_factor_setup")
            return redirect(f"{step_url}?{urlencode({'next': target})}")
        if request.user.is_active and request.user.is_staff:
            return redirect(target)
        raise PermissionDenied(_("您无权进入管理后台。"))
    return redirect(f"{reverse('login')}?{urlencode({'next': target})}")


@login_required
def home(request: SignedInRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    context = {
        "today": today,
        "today_is_working_day": workdays.is_working_day(today),
        "recent_notifications": list(access.visible_to(user, Notification)[:5]),
        "roles": [Role(role).label for role in sorted(user.roles) if role in Role.values],
        # What waits for this user, from each app that has something for their role (issue 8).
        "panels": startpage.panels_for(user),
    }
    if user.is_office or user.is_superuser:
        # The office must enter next year's official schedule before deadlines can be trusted.
        context["estimated_years"] = workdays.estimated_years(today)
    return render(request, "liudong_wages/home.html", context)


@login_required
def unit_list(request: SignedInRequest) -> HttpResponse:
    units = access.visible_to(request.user, MemberUnit).prefetch_related("users")
    return render(request, "liudong_wages/unit_list.html", {"units": units})


@login_required
def unit_detail(request: SignedInRequest, code: str) -> HttpResponse:
    unit = access.get_for_user(request.user, MemberUnit, code=code)
    members = unit.users.filter(is_active=True).order_by("username")
    return render(
        request,
        "liudong_wages/unit_detail.html",
        {"unit": unit, "members": members, "may_edit": access.may(request.user, unit, "change")},
    )


@login_required
def unit_edit(request: SignedInRequest, code: str) -> HttpResponse:
    unit = access.get_for_user(request.user, MemberUnit, "change", code=code)
    form = UnitContactForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        unit_update_contact(unit=unit, by=request.user, **form.cleaned_data)
        messages.success(request, _("联络信息已保存。"))
        return redirect(unit)
    return render(request, "liudong_wages/unit_edit.html", {"unit": unit, "form": form})


@login_required
def inbox(request: SignedInRequest) -> HttpResponse:
    mine = Notification.objects.all()
    if request.GET.get("unread"):
        mine = mine.unread()
    items = access.visible_to(request.user, mine)
    return render(
        request,
        "liudong_wages/inbox.html",
        {"notifications": items[:200], "only_unread": bool(request.GET.get("unread"))},
    )


@login_required
@require_POST
def notification_open(request: SignedInRequest, pk: int) -> HttpResponse:
    notification = access.get_for_user(request.user, Notification, "open", pk=pk)
    notifications.mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def notifications_read_all(request: SignedInRequest) -> HttpResponse:
    count = notifications.mark_read(user=request.user)
    messages.success(request, _("已将 %(count)d 条通知标为已读。") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def calendar_year(request: SignedInRequest, year: int | None = None) -> HttpResponse:
    year = year or timezone.localdate().year
    if not 2004 <= year <= 2100:
        raise Http404(_("年份超出范围。"))
    source = workdays.year_source(year)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar().monthdatescalendar(year, month):
            weeks.append(
                [
                    {"date": day, "in_month": day.month == month, "working": workdays.is_working_day(day)}
                    for day in week
                ]
            )
        months.append({"month": month, "weeks": weeks})
    return render(
        request,
        "liudong_wages/calendar.html",
        {"year": year, "source": source, "months": months, "today": timezone.localdate()},
    )


@login_required
def object_history(request: SignedInRequest, app_label: str, model_name: str, pk: str) -> HttpResponse:
    """The change history of any object that keeps one, for those allowed to read histories."""
    if not request.user.has_perm("liudong_wages.view_history"):
        raise PermissionDenied(_("您无权查看变更记录。"))
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not hasattr(model, "history"):
        raise Http404
    try:
        obj = access.get_for_user(request.user, model, pk=pk)
    except LookupError:  # a model with history but no page of its own
        raise Http404 from None
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:200])
    # Personal fields show as on the record's own page: masked, in full only on request (?full=1) to a role
    # that may see them, and that full view is logged.
    personal = privacy.personal_fields(model)
    may_see_full = privacy.may_see_personal_data(request.user)
    full = may_see_full and request.GET.get("full") == "1"
    entries = []
    shows_personal = False
    olders = [*records[1:], None] if records else []
    for newer, older in zip(records, olders, strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                old, new = change.old, change.new
                mask = personal.get(change.field)
                if mask is not None:
                    shows_personal = True
                    if not full:
                        old, new = mask(str(old or "")), mask(str(new or ""))
                changes.append(
                    {"field": model._meta.get_field(change.field).verbose_name, "old": old, "new": new}
                )
        entries.append({"record": newer, "changes": changes})
    if full and shows_personal:
        privacy.log_access(
            user=request.user,
            action="view",
            what=_("变更记录：%(kind)s %(object)s") % {"kind": model._meta.verbose_name, "object": obj},
            object_ref=obj.pk,
            request=request,
        )
    return render(
        request,
        "liudong_wages/history.html",
        {"object": obj, "entries": entries, "full": full, "offer_full": may_see_full and shows_personal},
    )


@login_required
@require_GET
def attachment_download(request: SignedInRequest, pk: str) -> FileResponse:
    """A stored file, for those who may see the record it belongs to; always as a download."""
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    owner_model = attachment.content_type.model_class()
    if owner_model is None:  # the record kind no longer exists (its app was removed): no page to ask
        raise Http404
    try:
        access.get_for_user(request.user, owner_model, pk=attachment.object_id)
    except LookupError:  # a record kind without a page: nobody downloads its files here
        raise Http404 from None
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("文件已不存在。")) from None
    # Named by the kind its content was found to be, never by the uploader's extension (issue 16).
    response = FileResponse(handle, content_type=KINDS[attachment.kind][2])
    response["Content-Disposition"] = content_disposition(
        download_name(attachment.original_name, attachment.kind)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The state of the database and of the task broker, for load balancers and monitoring."""
    state: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state["database"] = "ok"
    except Exception as exc:
        state["database"] = f"error: {type(exc).__name__}"
    state["broker"] = _broker_state()
    healthy = state["database"] == "ok"
    degraded = state["broker"].startswith("error")
    state["status"] = "ok" if healthy and not degraded else ("degraded" if healthy else "error")
    return JsonResponse(state, status=200 if healthy else 503)


def _broker_state() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "eager"  # no broker configured: tasks run inside the web process
    if url.startswith("filesystem://"):
        return "ok (filesystem)"
    from .celery import app

    try:
        with app.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    return "ok"


@login_required
def audit(request: SignedInRequest) -> HttpResponse:
    """Personal-data views and exports, and the change history of any kind of record, for the office."""
    access.require(lambda user: user.has_perm("liudong_wages.view_audit"), request.user)
    tab = "changes" if request.GET.get("tab") == "changes" else "access"
    context: dict = {"tab": tab}
    if tab == "access":
        form = AccessLogFilter(request.GET or None)
        logs = PersonalDataAccess.objects.select_related("user")
        context["page_obj"] = paginate(request, form.apply(logs) if form.is_bound else logs)
        context["form"] = form
    else:
        changes = ChangeLogFilter(request.GET if "model" in request.GET else None)
        records = changes.records()
        context["page_obj"] = paginate(request, records) if records is not None else None
        context["form"] = changes
    return render(request, "liudong_wages/audit.html", context)
