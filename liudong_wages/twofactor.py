"""Two-factor login (TOTP, with one-time recovery codes), required for privileged roles.

等保三级 asks privileged users to log in with two factors. For a user whose role requires them (and every
staff user of the admin), a session counts as logged in only once django-otp verified it (`is_verified()`,
set by `django_otp.login` after a right code): whatever logged the session in, `TwoFactorMiddleware` sends
every page to "verify" (a device exists) or "setup" (none yet) until then. Others may add a device at any
time; the login page then marks their session as pending "verify", and from then on they are asked too.

A device is set up only by a session that has no device to pass (the first one) or that already passed it;
replacing it asks for the current code as well, and the user is told by message and e-mail
(`totp_confirm`). So a password alone never changes the second factor.
"""

from __future__ import annotations

import base64
import secrets

import segno
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import notifications
from .models import User
from .roles import TWO_FACTOR_ROLES

SESSION_KEY = "two_factor_pending"
SETUP_DEVICE_KEY = "two_factor_setup_device"
VERIFY, SETUP = "verify", "setup"
RECOVERY_CODES = 10


def required_for(user: User) -> bool:
    return user.is_superuser or user.is_staff or user.has_role(*TWO_FACTOR_ROLES)


def has_device(user: User) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def step_due(request) -> str | None:
    """The second-factor step this logged-in request must go through first, or None.

    For a role that requires two factors this asks django-otp, never a flag: a session that did not give a
    code is not verified, however it was logged in. A user who chose a device is asked from the login page on.
    """
    user = request.user
    if user.is_verified():
        return None
    if required_for(user):
        return VERIFY if has_device(user) else SETUP
    return VERIFY if request.session.get(SESSION_KEY) == VERIFY else None


def may_set_up(request) -> bool:
    """A new device is for a session with no device to pass yet, or one that passed it."""
    return request.user.is_verified() or not has_device(request.user)


def current_code_valid(user: User, token: str) -> bool:
    """The user's current code (the app or a recovery code, which is then spent), asked before a change."""
    return match_token(user, token.strip()) is not None


def pending_step(user: User) -> str | None:
    """What a user who just gave the right password must still do, if anything."""
    if has_device(user):
        return VERIFY
    if required_for(user):
        return SETUP
    return None


def totp_device_for_setup(request) -> TOTPDevice:
    """This session's unconfirmed device, made on its first call, so reloading the page keeps the same secret.

    Each session gets its own: a secret shown to one session (an attacker's, say, holding the password only)
    never becomes the device another session confirms. Starting one drops the user's other unconfirmed ones.
    """
    user = request.user
    pk = request.session.get(SETUP_DEVICE_KEY)
    device = TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first() if pk else None
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, confirmed=False, name="手机验证器")
        request.session[SETUP_DEVICE_KEY] = device.pk
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, for typing into an authenticator app by hand."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code, an SVG data URI (no script, no request elsewhere)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


@transaction.atomic
def totp_confirm(*, device: TOTPDevice, token: str, ip_address: str | None = None) -> list[str] | None:
    """Confirm the device with a code from the app; it replaces the user's other apps. Returns the new
    recovery codes, or None if the code is wrong. The user is told in the inbox and by e-mail, so that a
    change they did not make does not go unseen."""
    if not device.verify_token(token.strip()):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
    replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
    had_device = replaced.exists()
    replaced.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(user=user)
    notifications.notify(
        recipients=[user],
        kind="two_factor",
        template="two_factor_changed",
        context={"replaced": had_device, "when": timezone.localtime(), "ip_address": ip_address or ""},
    )
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones, each usable once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "备用恢复码"})
    device.token_set.all().delete()
    codes = [secrets.token_hex(4) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
