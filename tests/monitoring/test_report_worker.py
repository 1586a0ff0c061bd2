"""The report job through Redis and a real Celery worker process (CI runs this on PostgreSQL)."""

import datetime as dt
import time

import pytest
from django.core.management import call_command

from monitoring.models import Report
from monitoring.periods import Period
from monitoring.services.measurements import measurement_enter, measurements_refresh
from monitoring.services.reports import report_request
from tests.factories import BudgetSpendingFactory, UserFactory, budget_allocation

from .conftest import indicator
from .reportcheck import assert_valid_pdf, number, tidy_rows

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_until_made(report_id: int, timeout: float = 60) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = Report.objects.get(pk=report_id)
        if report.status != Report.Status.PENDING:
            return report
        time.sleep(0.25)
    pytest.fail("The worker did not make the report in time")


def test_the_worker_makes_the_report_with_its_xlsx_and_pdf(celery_worker_process):
    call_command("setup", "--skip-migrate")
    petra = UserFactory(username="petra-worker", role="projectleider")
    q1 = Period.parse("2025-Q1")
    halt = budget_allocation(intervention_code="2.1.3", amount="40000", actor=petra)
    BudgetSpendingFactory(allocation=halt, date=dt.date(2025, 2, 1), amount="1234.50", created_by=petra)
    measurement_enter(
        actor=petra,
        indicator=indicator("2.1.4-herkennen"),
        period=q1,
        numerator=7,
        denominator=10,
        source="Evaluatieformulieren",
    )
    measurements_refresh(periods=[q1], today=dt.date(2025, 4, 2))

    report = report_request(actor=petra, period=q1)  # published to Redis after commit
    report = _wait_until_made(report.pk)
    assert report.status == Report.Status.READY, report.error
    rows = tidy_rows(bytes(report.xlsx))
    assert number(rows["2.1.3-uitgaven"]["waarde"]) == number("1234.50")
    assert (number(rows["2.1.4-herkennen"]["teller"]), number(rows["2.1.4-herkennen"]["noemer"])) == (7, 10)
    assert number(rows["2.1.4-herkennen"]["waarde"]) == 70
    assert_valid_pdf(bytes(report.pdf))
