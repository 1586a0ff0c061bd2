"""The monitoring demo tells one story in the periods the dashboard opens on, whatever today is."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from monitoring.demo import reference_quarter
from monitoring.models import BudgetSpending, Measurement, MeasurementCorrection, Report, ReportingPeriod
from monitoring.periods import QUARTER, Period
from tracks.models import Programme
from youths.models import Flag, Match, Signal

pytestmark = pytest.mark.django_db


def test_the_dashboard_opens_on_a_quarter_with_figures_charts_and_a_report(
    settings, indicators, reference_lists
):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    from django.test import Client

    from accounts.models import User

    today = timezone.localdate()
    reference = reference_quarter(today, Programme.objects.get())
    web = Client()
    web.force_login(User.objects.get(username="projectleider"))
    response = web.get("/monitoring/")
    page = response.content.decode()
    assert response.context["period"] == reference
    assert "de laatste periode met cijfers" not in page
    assert response.context["counts"]["on_track"] > 0 and response.context["counts"]["off_track"] > 0
    assert response.context["budget"].allocated > 0 and response.context["budget"].spent > 0
    # Signals in most of the twelve months the charts show, and flags and matches among them.
    totals = [row["total"] for row in response.context["signal_rows"]]
    assert sum(1 for t in totals if t) >= 9, totals
    assert sum(r["flags"] or 0 for r in response.context["activity_rows"]) > 0
    assert sum(r["matches"] or 0 for r in response.context["activity_rows"]) > 0
    # The quarter before is approved with a correction; both quarters have a report; the last is submitted.
    before = ReportingPeriod.objects.get(kind=QUARTER, start=reference.previous().start)
    last = ReportingPeriod.objects.get(kind=QUARTER, start=reference.start)
    assert (before.status, last.status) == ("approved", "submitted")
    assert MeasurementCorrection.objects.filter(measurement__period=before).exists()
    assert Report.objects.filter(period__in=[before, last], status="ready").count() == 2
    assert response.context["latest_report"].period == last


def test_the_demo_loads_twice_without_change(settings, indicators, reference_lists):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    models = (Signal, Match, Flag, Measurement, BudgetSpending, Report, MeasurementCorrection)
    counts = [m.objects.count() for m in models]
    call_command("load_demo", stdout=StringIO())
    assert [m.objects.count() for m in models] == counts


def test_the_reference_quarter_stays_inside_the_programme():
    programme = Programme(start=Period.parse("2024-Q3").start, end=Period.parse("2027-Q2").end)
    import datetime as dt

    assert reference_quarter(dt.date(2026, 11, 28), programme) == Period.parse("2026-Q3")
    assert reference_quarter(dt.date(2030, 1, 1), programme) == Period.parse("2027-Q2")
    assert reference_quarter(dt.date(2024, 8, 1), programme) == Period.parse("2024-Q3")
