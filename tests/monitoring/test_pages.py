"""The monitoring pages: who sees what, and list pages that do not grow their queries with rows."""

import datetime as dt

import pytest

from monitoring.periods import Period
from monitoring.services.measurements import measurement_enter
from monitoring.services.pdca import pdca_save
from monitoring.services.reports import report_make
from monitoring.services.risks import risk_review_add
from monitoring.services.targets import target_set
from tests.querycount import assert_queries_flat
from tracks.models import Risk, Track

from .conftest import indicator

pytestmark = pytest.mark.django_db

PAGES = [
    "/monitoring/",
    "/monitoring/?periode=2025-Q1",
    "/monitoring/indicatoren/",
    "/monitoring/indicatoren/3.1.1-perspectief/",
    "/monitoring/pdca/",
    "/monitoring/pdca/3/2025-Q1/",
    "/monitoring/context/",
    "/monitoring/rapportages/",
]
PROJECTLEIDER_ONLY = [
    "/monitoring/perioden/",
    "/monitoring/perioden/2025-Q1/",
    "/monitoring/budget/",
    "/monitoring/risicos/",
]


def test_projectleider_sees_every_monitoring_page(indicators, petra, web):
    q1 = Period.parse("2025-Q1")
    measurement_enter(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=q1,
        numerator=9,
        denominator=10,
        source="Evaluatieformulieren",
    )
    target_set(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=q1,
        value=100,
        deadline=dt.date(2025, 3, 31),
        specific="Alle deelnemers",
    )
    report = report_make(actor=petra, period=Period.parse("2025-Q1"))
    web.force_login(petra)
    for url in [*PAGES, *PROJECTLEIDER_ONLY, f"/monitoring/rapportages/{report.pk}/"]:
        assert web.get(url).status_code == 200, url
    assert web.get(f"/monitoring/rapportages/{report.pk}/pdf/")["Content-Type"] == "application/pdf"
    assert "Monitoring" in web.get("/").content.decode()  # menu item


def test_procesregisseur_reads_but_partners_ministry_and_beheerder_do_not(
    indicators, ruben, bas, hanna, bert, web
):
    web.force_login(ruben)
    for url in PAGES:
        assert web.get(url).status_code == 200, url
    for url in PROJECTLEIDER_ONLY:
        assert web.get(url).status_code == 403, url
    for persona in (hanna, bert):
        web.force_login(persona)
        for url in PAGES:
            assert web.get(url).status_code == 403, (persona.username, url)
        assert "/monitoring/" not in web.get("/").content.decode()
    # A partner (issue 12) sees the indicator pages of its own interventions only (test_partner_pages.py)
    # and its own monitoring page, never the municipality's overview pages.
    web.force_login(bas)
    for url in PAGES:
        if url != "/monitoring/indicatoren/3.1.1-perspectief/":
            assert web.get(url).status_code == 403, url
    assert "/monitoring/partner/" in web.get("/").content.decode()


# Every form of the pages posts to a view of its own. Posted empty, each is refused on the form (an
# invalid form, or a service's refusal on an open period) and the page comes back with status 400.
FORM_POSTS = [
    "/monitoring/indicatoren/2.1.3-deelnemers/invoeren/",
    "/monitoring/indicatoren/2.1.3-deelnemers/doel/",
    "/monitoring/indicatoren/2.1.3-deelnemers/corrigeren/",
    "/monitoring/perioden/2025-Q1/goedkeuren/",
    "/monitoring/perioden/2025-Q1/terugzetten/",
    "/monitoring/perioden/2025-Q1/heropenen/",
    "/monitoring/pdca/3/2025-Q1/opslaan/",
    "/monitoring/risicos/beoordelen/",
    "/monitoring/budget/toewijzen/?jaar=1",
    "/monitoring/budget/verplichten/?jaar=1",
    "/monitoring/budget/uitgeven/?jaar=1",
    "/monitoring/context/inlezen/",
    "/monitoring/rapportages/aanvragen/",
]


def test_each_form_posts_to_its_own_view_which_shows_a_refusal_with_status_400(indicators, petra, web):
    web.force_login(petra)
    for url in FORM_POSTS:
        assert web.get(url).status_code == 405, url
        assert web.post(url, {}).status_code == 400, url


def test_the_procesregisseur_and_partners_cannot_post_the_forms(indicators, ruben, bas, web):
    for persona in (ruben, bas):
        web.force_login(persona)
        for url in [*FORM_POSTS, "/monitoring/perioden/2025-Q1/indienen/"]:
            assert web.post(url, {}).status_code == 403, (persona.username, url)


def test_the_pdca_page_fills_check_from_the_data_and_needs_a_reason_for_an_adjustment(indicators, petra, web):
    q1 = Period.parse("2025-Q1")
    measurement_enter(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=q1,
        numerator=9,
        denominator=10,
        source="Evaluatieformulieren",
    )
    target_set(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=q1,
        value=100,
        deadline=dt.date(2025, 3, 31),
        specific="Alle deelnemers weten hoe te handelen",
    )
    web.force_login(petra)
    url = "/monitoring/pdca/3/2025-Q1/"
    html = web.get(url).content.decode()
    assert "Alle deelnemers weten hoe te handelen" in html and "90%" in html and "risico" in html
    data = {
        "owner": petra.pk,
        "status": "act",
        "plan": "Plan",
        "act_adjustment": "Extra mentor",
        "act_reason": "",
    }
    refused = web.post(f"{url}opslaan/", data)
    assert refused.status_code == 400 and "Geef de reden van de bijsturing" in refused.content.decode()
    saved = web.post(f"{url}opslaan/", {**data, "act_reason": "Twee scholen zonder aandachtsfunctionaris"})
    assert saved.status_code == 302
    assert "Twee scholen zonder aandachtsfunctionaris" in web.get(url).content.decode()


def test_list_pages_need_a_fixed_number_of_queries(indicators, petra, web):
    web.force_login(petra)
    urls = [
        # A fixed period: without one the dashboard opens on the latest quarter with figures, which the
        # entries below would move (test_dashboard.py tests that choice).
        "/monitoring/?periode=2025-Q1",
        "/monitoring/indicatoren/?periode=2025-Q1",
        "/monitoring/perioden/",
        "/monitoring/pdca/",
        "/monitoring/rapportages/",
        "/monitoring/risicos/",
        "/monitoring/budget/",
        "/monitoring/perioden/2025-Q1/",
    ]
    report_make(actor=petra, period=Period.parse("2025-Q1"))
    pdca_save(
        actor=petra,
        track=Track.objects.get(code="1"),
        period=Period.parse("2024-Q4"),
        owner=petra,
        status="plan",
    )

    def grow():
        for month in ("2025-01", "2025-02", "2025-03"):
            report_make(actor=petra, period=Period.parse(month))
        for quarter in ("2025-Q1", "2025-Q2"):
            for code in ("2.1.3-deelnemers", "2.1.1-deelnemers", "2.1.2-deelnemers"):
                measurement_enter(
                    actor=petra,
                    indicator=indicator(code),
                    period=Period.parse(quarter),
                    numerator=7,
                    source="x",
                )
                target_set(
                    actor=petra,
                    indicator=indicator(code),
                    period=Period.parse(quarter),
                    value=10,
                    deadline=dt.date(2025, 6, 30),
                    specific="Tien",
                )
        for track in Track.objects.all():
            pdca_save(actor=petra, track=track, period=Period.parse("2025-Q1"), owner=petra, status="plan")
        for risk in Risk.objects.all():
            risk_review_add(
                actor=petra, risk=risk, date=dt.date(2025, 3, 1), level="medium", measures="Overleg"
            )

    assert_queries_flat({url: (lambda url=url: web.get(url)) for url in urls}, grow=grow)
