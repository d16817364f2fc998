"""Two-factor login (TOTP, with one-time recovery codes), required for privileged roles.

等保三级 asks privileged users to log in with two factors. After the password, the login view marks the
session as pending: "verify" for a user with a device, "setup" for one whose role requires a device and has
none. Until the pending step is done, `TwoFactorMiddleware` sends every page to it. Others may add a device
at any time; from then on they are asked for a code too.
"""

from __future__ import annotations

import base64
import secrets

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import TWO_FACTOR_ROLES

SESSION_KEY = "two_factor_pending"
VERIFY, SETUP = "verify", "setup"
RECOVERY_CODES = 10


def required_for(user: User) -> bool:
    return user.is_superuser or user.is_staff or user.has_role(*TWO_FACTOR_ROLES)


def has_device(user: User) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def pending_step(user: User) -> str | None:
    """What a user who just gave the right password must still do, if anything."""
    if has_device(user):
        return VERIFY
    if required_for(user):
        return SETUP
    return None


def totp_device_for_setup(user: User) -> TOTPDevice:
    """The user's unconfirmed device, made on first call, so reloading the page keeps the same secret."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "手机验证器"}
    )
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, for typing into an authenticator app by hand."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code, an SVG data URI (no script, no request elsewhere)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


@transaction.atomic
def totp_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a code from the app. Returns the new recovery codes, or None if wrong."""
    if not device.verify_token(token.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=device.user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones, each usable once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "备用恢复码"})
    device.token_set.all().delete()
    codes = [secrets.token_hex(4) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
