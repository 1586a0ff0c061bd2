"""The demo shows every state of partners in the cycle (issue 12): a partner that submitted on time,
one late, one missing; a partner's PDCA proposal; a figure awaiting approval."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from demo.monitoring import reference_quarter
from monitoring.models import PdcaProposal
from monitoring.selectors import measurements_awaiting_approval, reporting_rates
from tracks.models import Programme, TrackPartner


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("setup", "--skip-migrate", stdout=StringIO())
        call_command("load_demo", stdout=StringIO())
        call_command("load_demo", stdout=StringIO())  # idempotent
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_shows_every_state_of_the_partner_cycle(demo):
    assert TrackPartner.objects.filter(name="Politie", organisation__isnull=False).count() == 3
    programme = Programme.objects.get()
    quarter = reference_quarter(timezone.localdate(), programme)
    rates = {r.organisation.name: r for r in reporting_rates(period=quarter)}
    halt = rates["Halt Oost-Nederland"]
    politie = rates["Politie Oost-Nederland, basisteam Zwolle"]
    jbov = rates["Jeugdbescherming Overijssel"]
    assert (halt.expected, halt.submitted, halt.on_time) == (2, 2, 2)
    assert politie.submitted == 2 and politie.on_time < 2
    assert (jbov.expected, jbov.submitted) == (1, 0)
    assert measurements_awaiting_approval().exists()
    assert (
        PdcaProposal.objects.filter(decision="proposed", organisation__name="Halt Oost-Nederland").count()
        == 1
    )
