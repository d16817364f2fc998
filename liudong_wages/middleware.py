import time
from contextlib import suppress
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.db import router
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject, empty
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from . import twofactor
from .compiled import CompiledGet

# Paths a user half-way through logging in may still open.
_OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/logout/", "/accounts/two-factor/")


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's, reading the session's device (`otp_totp.totpdevice/5`) with a statement compiled once per
    device type (liudong_wages.compiled) instead of through the ORM on every page (issue 21). The same rows as
    `Device.from_persistent_id`; django-otp still checks that the device is the user's and confirmed."""

    _queries: dict[type[Device], CompiledGet] = {}

    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        with suppress(ValueError, LookupError):
            model_label, device_id = persistent_id.rsplit("/", 1)
            device_class = apps.get_model(model_label)
            if issubclass(device_class, Device):
                query = self._queries.get(device_class)
                if query is None:
                    query = self._queries[device_class] = CompiledGet(device_class.objects.all)
                return query.get(int(device_id), using=router.db_for_read(device_class))
        return None


class TwoFactorMiddleware:
    """Until the second factor is given (or set up), every page leads to that step.

    Comes after OTPMiddleware (django-otp's), whose `request.user.is_verified()` it reads (twofactor.step_due):
    the admin, and any page however the session was logged in, are covered alike.

    Having read the user, it hands the page the user itself rather than the two lazy objects around it (auth's
    and django-otp's): through them every attribute read raises and catches an AttributeError in each, some
    hundred times a page (the menu alone asks 27 entries whether the user may open them; issue 21).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            step = twofactor.step_due(request)
            if step:
                target = reverse("two_factor_verify" if step == twofactor.VERIFY else "two_factor_setup")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        if user is not None:
            request.user = _evaluated(user)
        return self.get_response(request)


def _evaluated(user):
    """The object inside `request.user`'s lazy wrappers, once `user.is_authenticated` has evaluated them."""
    while isinstance(user, LazyObject) and (inner := user._wrapped) is not empty:  # type: ignore[attr-defined]
        user = inner
    return user


class NoStoreMiddleware:
    """`Cache-Control: private, no-store` on every response to a logged-in user (pages, exports, downloads,
    PDFs: staff pages are never cacheable, and most carry personal data), and on every other response that
    does not say otherwise (the public report and its tracking page show the reporter's own data).

    A browser or a proxy then keeps no copy of a page with ID numbers on a shared office computer. Static
    files never get here: WhiteNoise serves them earlier in the chain, with their own long cache headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class SessionIdleMiddleware:
    """Keep a session alive while it is used, writing it at most once a minute.

    A session expires SESSION_COOKIE_AGE (SESSION_IDLE_MINUTES) after it was last saved. Saving it on every
    request would cost a database write per page; instead each request that finds the last save older
    than SESSION_TOUCH_SECONDS saves it again. So a user is logged out between SESSION_IDLE_MINUTES minus
    that interval and SESSION_IDLE_MINUTES after their last request: never later than the setting says.
    """

    KEY = "_touched_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_TOUCH_SECONDS:
                session[self.KEY] = now
        return response


def touch_at_login(sender, request, user, **kwargs) -> None:
    """Logging in saves the session: count the idle time from then (connected to `user_logged_in`)."""
    request.session[SessionIdleMiddleware.KEY] = int(time.time())
