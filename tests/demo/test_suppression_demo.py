"""Suppression that holds over the demo (issue 9, point 6): nothing the ministry can read – the live API
for every month, quarter and year, and every report – gives back a count of fewer than 5 persons by
adding and subtracting figures (tests/monitoring/suppression_audit.py says how it is tried).

Loading the demo is slow, so this module loads it once, as tests/demo/test_demo.py does."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from monitoring.models import Measurement
from tests import ci_numbers
from tests.monitoring.suppression_audit import audit


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("setup", "--skip-migrate", stdout=StringIO())
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_no_small_count_of_persons_follows_from_the_demos_published_figures(demo, hanna, api):
    starts = Measurement.objects.filter(indicator__counts_persons=True).values_list(
        "period__start", flat=True
    )
    years = sorted({day.year for day in starts})
    assert years, "the demo has figures of persons"
    result = audit(api(hanna), years)
    ci_numbers.record("suppression combinations tried", result.combinations)
    assert result.published_numbers > 0, "the ministry still sees figures"
    assert not result.leaks, f"{len(result.leaks)} derivable small counts, e.g.:\n" + "\n".join(
        result.leaks[:15]
    )
