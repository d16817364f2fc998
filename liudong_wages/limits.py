"""Request bodies of anonymous posts are capped before anything reads them (issue 16).

Django reads a body when a view (or the CSRF check) first touches request.POST; an anonymous client could
send hundreds of megabytes to /report/ or /accounts/login/ and have a web worker take them in before any form
said no. This middleware answers 413 from the Content-Length header alone, before the body is read. Signed-in
users keep Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE, the upload fields' sizes); gunicorn limits the
request line and headers (Dockerfile), and a proxy in front should cap bodies too (README).
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AnonymousBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in BODY_METHODS and not request.user.is_authenticated:
            limit = settings.LIUDONG["ANONYMOUS_MAX_BODY_BYTES"]
            raw = request.META.get("CONTENT_LENGTH") or "0"
            length = int(raw) if raw.isascii() and raw.isdigit() else None
            if length is None or length > limit:
                return render(
                    request,
                    "413.html",
                    {"limit_mb": round(limit / 1048576, 1)},
                    status=413 if length is not None else 400,
                )
        return self.get_response(request)
