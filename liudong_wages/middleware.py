from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import twofactor

# Paths a user half-way through logging in may still open.
_OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/logout/", "/accounts/two-factor/")


class TwoFactorMiddleware:
    """Until a pending second factor is given (or set up), every page leads to that step."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = request.session.get(twofactor.SESSION_KEY) if hasattr(request, "session") else None
        if step and request.user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            target = reverse("two_factor_verify" if step == twofactor.VERIFY else "two_factor_setup")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
