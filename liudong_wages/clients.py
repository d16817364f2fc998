"""The address a request came from, as the last trusted proxy saw it (issue 16).

Behind a load balancer REMOTE_ADDR is the proxy's own address, so every reporter would share one limit; the
X-Forwarded-For header is what each proxy appended, and only the entries added by proxies we run can be
believed (a client writes whatever it likes at the left). With TRUSTED_PROXY_COUNT = N, the client is the
N-th address from the right; with 0 (no proxy, the run command) it is REMOTE_ADDR.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    depth = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if depth <= 0:
        return remote
    forwarded = [part for part in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if part.strip()]
    if len(forwarded) < depth:
        # Fewer hops than proxies: the request went around some of them; believe only the connection.
        return remote
    return _address(forwarded[-depth]) or remote
