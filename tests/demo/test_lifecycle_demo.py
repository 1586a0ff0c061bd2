"""The demo shows every state of a signal's life cycle and a retention hold (issue 10)."""

import pytest

from cases.models import Case
from core.models import Notification
from youths.models import Involvement, Signal

from .test_demo import demo  # noqa: F401 - the module-scoped demo fixture, loaded once for this module


@pytest.mark.django_db
def test_the_demo_shows_closed_and_expired_signals_a_notice_and_a_retention_hold(demo):  # noqa: F811
    assert Signal.objects.filter(closed_at__isnull=False, expired_at__isnull=True).exists()
    assert Signal.objects.filter(expired_at__isnull=False).exists()
    assert Signal.objects.filter(withdrawn_at__isnull=True, closed_at__isnull=True).exists()
    assert Signal.objects.filter(withdrawn_at__isnull=False).exists()
    notice = Involvement.objects.filter(ended_at__isnull=True, inactivity_notice_at__isnull=False)
    assert notice.exists()
    assert Notification.objects.filter(kind="involvement-inactive").exists()
    assert Case.objects.exclude(status="gesloten").exclude(retention_hold_reason="").exists()
