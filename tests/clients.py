"""A test client whose `force_login` also passes the second factor, for tests of pages (tests/conftest.py
`web`). Tests of the login itself use a plain `django.test.Client` through the real steps
(tests/accounts/test_two_factor.py)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


class VerifiedClient(Client):
    def force_login(self, user: Any, backend: str | None = None) -> None:
        # The device first: the session's auth hash covers the user's confirmed devices.
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def pass_second_factor(client: Client, user: Any) -> None:
    """After a real password login with `client`: pass the second factor as the code step would, for tests
    about what happens after login (sessions, lockout). The user's confirmed app must exist before the
    password login: the session's auth hash covers it, so making it afterwards would end the session."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
