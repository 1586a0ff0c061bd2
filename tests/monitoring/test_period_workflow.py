"""The period workflow: open → submitted → approved (locked); corrections and reopening are recorded."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import DomainError
from monitoring.models import Measurement, MeasurementCorrection, PeriodTransition
from monitoring.periods import Period
from monitoring.services.measurements import measurement_correct, measurement_enter, measurements_refresh
from monitoring.services.periods import period_approve, period_get_or_create, period_reopen, period_submit
from tests.factories import BudgetSpendingFactory, budget_allocation

from .conftest import indicator

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2025-Q1")


def _approved(petra):
    period = period_get_or_create(period=Q1)
    period_submit(actor=petra, period=period)
    period_approve(actor=petra, period=period)
    return period


def _participants(petra, value=12):
    return measurement_enter(
        actor=petra,
        indicator=indicator("2.1.3-deelnemers"),
        period=Q1,
        numerator=value,
        source="Registratie Halt",
    )


def test_projectleider_approves_a_submitted_period_and_it_is_locked(indicators, petra):
    _participants(petra)
    period = _approved(petra)
    assert period.is_locked
    assert [(t.from_status, t.to_status) for t in PeriodTransition.objects.filter(period=period)] == [
        ("open", "submitted"),
        ("submitted", "approved"),
    ]
    with pytest.raises(DomainError) as error:
        _participants(petra, 13)
    assert error.value.code == "period_locked"
    assert Measurement.objects.get(indicator__code="2.1.3-deelnemers", period=period).numerator == 12


def test_procesregisseur_cannot_approve_a_period(indicators, petra, ruben):
    period = period_get_or_create(period=Q1)
    period_submit(actor=petra, period=period)
    with pytest.raises(DomainError):
        period_approve(actor=ruben, period=period)
    period_approve(actor=petra, period=period)


def test_the_refresh_job_never_changes_a_locked_period(indicators, petra):
    allocation = budget_allocation(intervention_code="2.1.3", amount="40000")
    BudgetSpendingFactory(allocation=allocation, date=dt.date(2025, 2, 1), amount="500", created_by=petra)
    measurements_refresh(periods=[Q1], today=dt.date(2025, 4, 2))
    _approved(petra)
    BudgetSpendingFactory(allocation=allocation, date=dt.date(2025, 3, 1), amount="700", created_by=petra)
    measurements_refresh(periods=[Q1], today=dt.date(2025, 4, 3))
    assert Measurement.objects.get(
        indicator__code="2.1.3-uitgaven", period__start=Q1.start, period__kind="quarter"
    ).numerator == Decimal("500")


def test_a_correction_of_a_locked_value_is_recorded_with_its_reason(indicators, petra):
    measurement = _participants(petra)
    _approved(petra)
    with pytest.raises(DomainError):
        measurement_correct(actor=petra, measurement=measurement, numerator=14, reason="  ")
    correction = measurement_correct(
        actor=petra,
        measurement=measurement,
        numerator=14,
        reason="Twee aanmeldingen uit maart waren niet doorgegeven.",
    )
    measurement.refresh_from_db()
    assert measurement.numerator == 14
    assert (correction.previous_numerator, correction.numerator) == (12, 14)
    assert MeasurementCorrection.objects.count() == 1


def test_reopening_an_approved_period_needs_a_reason_and_is_logged(indicators, petra):
    period = _approved(petra)
    with pytest.raises(DomainError):
        period_reopen(actor=petra, period=period, reason="")
    period_reopen(actor=petra, period=period, reason="Cijfers Halt over maart waren onvolledig.")
    last = PeriodTransition.objects.filter(period=period).last()
    assert (last.from_status, last.to_status, last.actor) == ("approved", "open", petra)
    assert "onvolledig" in last.reason
    _participants(petra, 15)  # open again: entry allowed


def test_a_submitted_period_cannot_be_changed_either(indicators, petra):
    period_submit(actor=petra, period=period_get_or_create(period=Q1))
    with pytest.raises(DomainError) as error:
        _participants(petra)
    assert error.value.code == "period_submitted"


# --- Through the browser, the API and the admin ------------------------------------------------------


def test_a_locked_period_cannot_be_changed_through_the_browser(indicators, petra, web):
    _participants(petra)
    _approved(petra)
    web.force_login(petra)
    response = web.post(
        "/monitoring/indicatoren/2.1.3-deelnemers/invoeren/",
        {"entry-period": "2025-Q1", "entry-numerator": "99", "entry-source": "Halt"},
    )
    assert response.status_code == 400
    assert "goedgekeurd en vastgezet" in response.content.decode()
    assert Measurement.objects.get(indicator__code="2.1.3-deelnemers", period__kind="quarter").numerator == 12


def test_the_browser_records_a_correction_and_partners_cannot(indicators, petra, bas, web):
    measurement = _participants(petra)
    _approved(petra)
    web.force_login(bas)
    # A partner of track 2 reads the indicator (issue 12) but never corrects a figure.
    refused = web.post(
        "/monitoring/indicatoren/2.1.3-deelnemers/corrigeren/",
        {"correction-measurement": measurement.pk, "correction-numerator": "1", "correction-reason": "x"},
    )
    assert refused.status_code == 403
    web.force_login(petra)
    response = web.post(
        "/monitoring/indicatoren/2.1.3-deelnemers/corrigeren/",
        {
            "correction-measurement": measurement.pk,
            "correction-numerator": "13",
            "correction-reason": "Dubbele telling verwijderd.",
        },
    )
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.numerator == 13
    html = web.get("/monitoring/indicatoren/2.1.3-deelnemers/").content.decode()
    assert "Dubbele telling verwijderd." in html


def test_a_locked_period_cannot_be_changed_through_the_api(indicators, petra, bas, api):
    body = {"indicator": "2.1.3-deelnemers", "period": "2025-Q1", "numerator": "12", "source": "Halt"}
    assert api(bas).post("/api/v1/monitoring/measurements/", body, format="json").status_code == 403
    created = api(petra).post("/api/v1/monitoring/measurements/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["numerator"] == "12.00"
    _approved(petra)
    refused = api(petra).post("/api/v1/monitoring/measurements/", {**body, "numerator": "40"}, format="json")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["type"] == "urn:pgaanpak:error:period_locked"
    assert Measurement.objects.get(indicator__code="2.1.3-deelnemers", period__kind="quarter").numerator == 12


def test_a_locked_period_cannot_be_changed_through_the_admin(indicators, petra, web):
    measurement = _participants(petra)
    _approved(petra)
    web.force_login(petra)
    url = f"/beheer/monitoring/measurement/{measurement.pk}/change/"
    page = web.get(url)
    assert page.status_code == 200  # the projectleider may look
    assert 'name="_save"' not in page.content.decode()
    response = web.post(url, {"numerator": "99", "denominator": "", "origin": "entered", "source": "x"})
    assert response.status_code == 403
    assert (
        web.post(f"/beheer/monitoring/measurement/{measurement.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    measurement.refresh_from_db()
    assert measurement.numerator == 12


def test_only_the_projectleider_changes_a_periods_status_in_the_browser(indicators, petra, ruben, web):
    web.force_login(ruben)
    assert web.post("/monitoring/perioden/2025-Q1/indienen/").status_code == 403
    web.force_login(petra)
    assert web.post("/monitoring/perioden/2025-Q1/indienen/").status_code == 302
    assert web.post("/monitoring/perioden/2025-Q1/goedkeuren/").status_code == 302
    response = web.post("/monitoring/perioden/2025-Q1/heropenen/", {"reason": ""})
    assert "Geef de reden" in response.content.decode()
    assert "goedgekeurd" in web.get("/monitoring/perioden/2025-Q1/").content.decode()
