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
        super().force_login(user, backend)
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
