from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.tasks import sessions_clear


@pytest.mark.django_db
def test_the_nightly_job_deletes_expired_sessions_and_keeps_live_ones():
    expired, live = SessionStore(), SessionStore()
    expired.create()
    live.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(1))
    sessions_clear()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
