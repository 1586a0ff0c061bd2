"""`make run` runs the scheduled jobs next to the server (issue 12): the local beat of the embedded
default runs the entries of pgaanpak/schedule.py when they are due, and the monitoring facts often."""

import datetime as dt

import pytest
from django.utils import timezone

from monitoring.models import Measurement
from pgaanpak.management.commands.run_scheduler import FACTS_TASK, LocalBeat

pytestmark = pytest.mark.django_db


def test_it_refreshes_the_facts_at_start_and_runs_nightly_jobs_only_when_due():
    beat = LocalBeat(facts_every=300)
    first = beat.due()
    assert FACTS_TASK in first
    assert "monitoring.tasks.reports_catch_up" not in first  # nightly: not at start-up
    assert FACTS_TASK not in beat.due()  # not again within five minutes


def test_it_runs_a_job_whose_time_has_come():
    beat = LocalBeat(facts_every=0)
    beat.last_run["monitoring-reports-catch-up"] = timezone.now() - dt.timedelta(days=2)
    assert "monitoring.tasks.reports_catch_up" in beat.due()


# Real transactions: with a broker configured (CI), Celery's Django fix-up closes the connection before a
# task, which a test wrapped in one transaction would not survive. The local beat runs without a broker.
@pytest.mark.django_db(transaction=True)
def test_a_tick_computes_the_facts_in_process(plan):
    from monitoring.services.seed import indicators_seed_load

    indicators_seed_load(actor=None)
    ran = LocalBeat(facts_every=300).tick()
    assert FACTS_TASK in ran
    assert Measurement.objects.filter(origin="computed", computed_at__isnull=False).exists()
