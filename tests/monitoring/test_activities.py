"""Activities and sessions registered one by one (2.1.1, 2.1.4, 3.1.2); 2.1.4's and 3.1.2's sessions
and their reach are counted from them, not typed."""

import datetime as dt

import pytest
from django.utils import timezone

from core.errors import DomainError
from monitoring import computations
from monitoring.periods import Period
from monitoring.services.activities import activity_register
from monitoring.services.measurements import measurements_refresh
from tracks.models import Intervention

from .conftest import value

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2025-Q1")


def register(petra, code, day, attendance, place="Thomas a Kempis College"):
    return activity_register(
        actor=petra,
        intervention=Intervention.objects.get(code=code),
        held_on=dt.date.fromisoformat(day),
        place=place,
        audience="Ouders",
        attendance=attendance,
    )


def test_sessions_and_attendance_are_counted_per_intervention_and_period(indicators, petra):
    register(petra, "2.1.4", "2025-01-20", 30)
    register(petra, "2.1.4", "2025-03-31", 25)
    register(petra, "2.1.4", "2025-04-01", 40)  # Q2
    register(petra, "3.1.2", "2025-02-14", 120)
    measurements_refresh(periods=[Q1], today=dt.date(2025, 7, 1))
    assert value("2.1.4-bijeenkomsten", Q1).numerator == 2
    assert value("2.1.4-deelnemers", Q1).numerator == 55
    assert (value("3.1.2-voorlichtingen", Q1).numerator, value("3.1.2-deelnemers", Q1).numerator) == (1, 120)
    ooza = Intervention.objects.get(code="3.1.1")
    assert computations.get("activities_held")(Q1.start, Q1.end, ooza).numerator == 0


def test_a_bad_registration_is_refused_with_a_clear_message_and_nothing_saved(indicators, petra):
    with pytest.raises(DomainError, match="nadat die is gehouden"):
        register(petra, "2.1.4", (timezone.localdate() + dt.timedelta(days=2)).isoformat(), 10)
    with pytest.raises(DomainError, match="geen activiteiten"):
        register(petra, "3.1.1", "2025-01-20", 10)
    with pytest.raises(DomainError, match="plaats of school"):
        register(petra, "2.1.4", "2025-01-20", 10, place="  ")


def test_the_projectleider_registers_an_activity_on_the_page(indicators, petra, bas, web):
    web.force_login(petra)
    response = web.post(
        "/monitoring/activiteiten/",
        {
            "intervention": Intervention.objects.get(code="3.1.2").pk,
            "held_on": "2025-02-14",
            "place": "Landstede",
            "audience": "Leerlingen leerjaar 3",
            "attendance": "85",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "De activiteit is geregistreerd." in page and "Landstede" in page and "85" in page
    refused = web.post("/monitoring/activiteiten/", {"held_on": "2025-02-14", "attendance": "-1"})
    assert refused.status_code == 400 and "utrecht-form-field--invalid" in refused.content.decode()
    web.force_login(bas)
    assert web.get("/monitoring/activiteiten/").status_code == 403
