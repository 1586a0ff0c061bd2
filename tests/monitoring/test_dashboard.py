"""The projectleider's dashboard: platform activity per month from the facts, the period it opens on,
the budget line, and the in-app notice that a report is ready."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Notification
from monitoring.periods import Period
from monitoring.services.measurements import measurement_enter, measurements_refresh
from monitoring.services.reports import report_make
from tests.factories import UserFactory, budget_allocation
from tests.querycount import assert_queries_flat

from .conftest import indicator

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2025-Q1")


def _months_of_q1(story):
    measurements_refresh(periods=Q1.parts("month"), today=dt.date(2025, 7, 1))


def test_the_dashboard_charts_signals_by_domain_flags_and_matches_per_month_with_tables(story, petra, web):
    _months_of_q1(story)
    web.force_login(petra)
    response = web.get("/monitoring/?periode=2025-Q1")
    rows = {row["month"].code: row for row in response.context["signal_rows"]}
    assert len(rows) == 12 and list(rows)[-1] == "2025-03"  # the 12 months up to the quarter's end
    # By hand (see the story): January A street, C street; February A school; March B online, D home,
    # E street and school. The order of the columns is home, street, school, online.
    assert [rows[m]["values"] for m in ("2025-01", "2025-02", "2025-03")] == [
        [0, 2, 0, 0],
        [0, 0, 1, 0],
        [1, 1, 1, 1],
    ]
    assert [rows[m]["total"] for m in ("2025-01", "2025-02", "2025-03")] == [2, 1, 4]
    assert rows["2024-12"]["total"] is None  # no fact for that month: shown as "–", not as 0
    activity = {row["month"].code: row for row in response.context["activity_rows"]}
    assert (activity["2025-02"]["matches"], activity["2025-03"]["matches"]) == (1, 1)
    assert (activity["2025-03"]["flags"], activity["2025-02"]["in_time_value"]) == (1, 100)
    chart = response.context["signals_chart"]
    assert [s["label"] for s in chart["series"]] == ["Thuis", "Straat", "School", "Online"]
    assert chart["series"][1]["values"][-3:] == [2, 0, 1]
    page = response.content.decode()
    assert 'data-chart="monthly"' in page and "Nieuwe signalen per maand, naar leefgebied" in page
    assert '<th scope="row" class="utrecht-table__header-cell">maart 2025</th>' in page


def test_the_dashboard_reads_facts_only_and_its_queries_do_not_grow_with_the_data(story, petra, web):
    web.force_login(petra)
    assert_queries_flat(lambda: web.get("/monitoring/?periode=2025-Q1"), grow=lambda: _months_of_q1(story))
    with CaptureQueriesContext(connection) as after:
        response = web.get("/monitoring/?periode=2025-Q1")
    assert response.context["activity_has_data"]
    live_tables = ("youths_signal", "youths_flag", "youths_match", "cases_case", "cases_action")
    for query in after.captured_queries:
        assert not any(f'"{table}"' in query["sql"] for table in live_tables), query["sql"]


def test_the_procesregisseur_sees_the_charts_and_a_partner_does_not(story, ruben, bas, web):
    _months_of_q1(story)
    web.force_login(ruben)
    assert "Signaleringen en matches per maand" in web.get("/monitoring/?periode=2025-Q1").content.decode()
    web.force_login(bas)
    assert web.get("/monitoring/?periode=2025-Q1").status_code == 403


def test_without_figures_the_dashboard_says_so_instead_of_drawing_empty_charts(indicators, petra, web):
    web.force_login(petra)
    page = web.get("/monitoring/?periode=2025-Q1").content.decode()
    assert 'data-chart="monthly"' not in page
    assert "Voor deze maanden zijn nog geen cijfers berekend." in page


def test_the_dashboard_opens_on_the_latest_quarter_with_figures_when_the_last_one_has_none(
    indicators, petra, web
):
    measurement_enter(
        actor=petra,
        indicator=indicator("2.1.1-deelnemers"),
        period=Q1,
        numerator=25,
        source="Travers",
    )
    web.force_login(petra)
    response = web.get("/monitoring/")
    assert response.context["period"] == Q1  # today is long after 2025-Q1; nothing since
    assert "de laatste periode met cijfers" in response.content.decode()
    # Asked for explicitly, a period is shown as it is, figures or not.
    assert web.get("/monitoring/?periode=2025-Q2").context["period"] == Period.parse("2025-Q2")


def test_the_dashboard_opens_on_the_last_ended_quarter_when_it_has_figures(indicators, petra, web):
    from django.utils import timezone

    last_ended = Period.containing("quarter", timezone.localdate()).previous()
    measurement_enter(
        actor=petra,
        indicator=indicator("2.1.1-deelnemers"),
        period=last_ended,
        numerator=3,
        source="Travers",
    )
    web.force_login(petra)
    response = web.get("/monitoring/")
    assert response.context["period"] == last_ended
    assert "de laatste periode met cijfers" not in response.content.decode()


def test_the_budget_line_reads_well_when_nothing_is_allocated(indicators, petra, web):
    web.force_login(petra)
    page = web.get("/monitoring/?periode=2025-Q1").content.decode()
    assert "()" not in page and "(%)" not in page
    assert "Er is nog geen budget toegewezen in dit programmajaar (maximaal € 500.000,00)" in page
    budget_page = web.get("/monitoring/budget/?jaar=1").content.decode()
    assert "nog niets toegewezen" in budget_page and ": %" not in budget_page

    budget_allocation(intervention_code="2.1.3", amount="40000")
    page = web.get("/monitoring/?periode=2025-Q1").content.decode()
    assert "€ 0,00 besteed van € 40.000,00 toegewezen (0%)" in page


def test_a_ready_report_is_an_in_app_notification_for_each_projectleider_next_to_the_email(
    indicators, petra, ruben, bert, django_capture_on_commit_callbacks, web
):
    second = UserFactory(username="pieter", role="projectleider", organisation=petra.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_make(actor=petra, period=Q1)
    notifications = Notification.objects.filter(kind="report_ready")
    assert sorted(n.user.username for n in notifications) == ["petra", "pieter"]
    assert {n.link for n in notifications} == {f"/monitoring/rapportages/{report.pk}/"}
    assert {n.text for n in notifications} == {
        "Monitoringsrapportage 1e kwartaal 2025 (versie 1) staat klaar."
    }
    assert [sorted(m.to) for m in mail.outbox] == [
        sorted([petra.email, second.email])
    ]  # one e-mail, as before
    assert "http://" in mail.outbox[0].body  # a link that works from a mail client

    # Running the task again (a redelivered message) notifies nobody twice.
    from monitoring.tasks import report_ready_notify

    assert report_ready_notify(report.pk) == 0
    assert notifications.count() == 2 and len(mail.outbox) == 1

    web.force_login(petra)
    assert "1e kwartaal 2025 (versie 1) staat klaar" in web.get("/meldingen/").content.decode()
    for colleague in (ruben, bert):  # same organisation, not projectleider: not theirs
        web.force_login(colleague)
        assert "staat klaar" not in web.get("/meldingen/").content.decode()


def test_the_dashboard_shows_the_cost_per_participant_per_intervention(indicators, petra, web):
    from tests.factories import BudgetSpendingFactory

    allocation = budget_allocation(intervention_code="2.1.3", amount="40000")
    BudgetSpendingFactory(allocation=allocation, amount="3000.00", date=dt.date(2025, 2, 1))
    measurement_enter(
        actor=petra, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=12, source="Halt"
    )
    web.force_login(petra)
    page = web.get("/monitoring/?periode=2025-Q1").content.decode()
    row = page.split('data-cost="2.1.3"')[1].split("</tr>")[0]
    assert "€ 3.000" in row and ">12<" in row and "€ 250,00" in row
