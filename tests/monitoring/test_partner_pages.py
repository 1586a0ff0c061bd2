"""The partner's pages in the cycle (issue 12): its own monitoring, entering and submitting a figure,
the projectleider's approval on the dashboard, and the indicator pages of its own interventions only."""

import pytest

from monitoring.models import Measurement
from monitoring.periods import Period
from monitoring.services.measurements import measurement_enter, measurement_submit
from tracks.services import track_partners_link

from .conftest import indicator

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2025-Q1")


@pytest.fixture
def linked(indicators, petra, bas, daan):
    track_partners_link(actor=None)
    i = indicator("2.1.3-deelnemers")
    i.reporting_organisation = daan.organisation
    i.save(update_fields=["reporting_organisation"])


def test_a_partner_enters_and_submits_on_its_own_page(linked, daan, web):
    web.force_login(daan)
    page = web.get("/monitoring/partner/?periode=2025-Q1")
    assert page.status_code == 200
    assert "0 van 1 cijfers ingediend, 0 op tijd" in page.content.decode()
    response = web.post(
        "/monitoring/partner/2.1.3-deelnemers/invoeren/",
        {"entry-period": "2025-Q1", "entry-numerator": "6", "entry-source": "Halt-registratie"},
    )
    assert response.status_code == 302
    m = Measurement.objects.get(indicator__code="2.1.3-deelnemers", origin="entered")
    assert m.entered_by == daan
    assert web.post("/monitoring/partner/indienen/", {"measurement": m.pk}).status_code == 302
    m.refresh_from_db()
    assert m.review_state == "submitted"


def test_a_future_period_is_refused_on_the_partner_page(linked, daan, web):
    web.force_login(daan)
    response = web.post(
        "/monitoring/partner/2.1.3-deelnemers/invoeren/",
        {"entry-period": "2999-Q1", "entry-numerator": "6", "entry-source": "Halt"},
    )
    assert response.status_code == 400
    assert "nog niet begonnen" in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_projectleider_approves_on_the_dashboard_but_not_its_own_value(linked, daan, petra, web):
    m = measurement_submit(
        actor=daan,
        measurement=measurement_enter(
            actor=daan, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=6, source="Halt"
        ),
    )
    web.force_login(petra)
    assert "Cijfers die op goedkeuring wachten" in web.get("/monitoring/?periode=2025-Q1").content.decode()
    assert web.post("/monitoring/cijfers/goedkeuren/", {"measurement": m.pk}).status_code == 302
    m.refresh_from_db()
    assert m.approved_by == petra
    own = measurement_submit(
        actor=petra,
        measurement=measurement_enter(
            actor=petra, indicator=indicator("2.1.1-deelnemers"), period=Q1, numerator=20, source="Travers"
        ),
    )
    web.post("/monitoring/cijfers/goedkeuren/", {"measurement": own.pk})
    own.refresh_from_db()
    assert own.approved_at is None


def test_a_partner_sees_only_the_indicators_of_its_own_interventions(linked, daan, web):
    web.force_login(daan)
    assert web.get("/monitoring/indicatoren/2.1.3-deelnemers/").status_code == 200
    assert web.get("/monitoring/indicatoren/1.1.1-gezinnen/").status_code == 404  # Halt is not in track 1
    assert web.get("/monitoring/").status_code == 403  # the municipality's dashboard


def test_the_partner_page_costs_the_same_queries_with_more_figures(linked, daan, web):
    from tests.querycount import assert_queries_flat

    measurement_enter(
        actor=daan, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=6, source="Halt"
    )
    web.force_login(daan)

    def more() -> None:
        for code in ("2.1.3-positief-afgerond", "2.1.2-deelnemers"):
            i = indicator(code)
            i.reporting_organisation = daan.organisation
            i.save(update_fields=["reporting_organisation"])
        measurement_submit(
            actor=daan,
            measurement=measurement_enter(
                actor=daan, indicator=indicator("2.1.2-deelnemers"), period=Q1, numerator=3, source="Halt"
            ),
        )

    assert_queries_flat(lambda: web.get("/monitoring/partner/?periode=2025-Q1"), grow=more)
