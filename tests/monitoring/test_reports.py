"""Report snapshots: made from facts, the same figures for the same data, XLSX and PDF, catch-up,
never two of the same, the projectleider told when ready, never made inside a web request."""

import datetime as dt
import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from openpyxl import Workbook, load_workbook

from core.models import OutboxMessage
from monitoring.models import Report
from monitoring.periods import Period
from monitoring.report_files import neutralise_formulas
from monitoring.services.measurements import measurement_correct, measurement_enter
from monitoring.services.periods import period_approve, period_get_or_create, period_submit
from monitoring.services.reports import report_build, report_make, report_request, reports_catch_up
from monitoring.services.targets import target_set
from tests.factories import BudgetSpendingFactory, budget_allocation

from .conftest import indicator
from .reportcheck import assert_valid_pdf, number, tidy_rows

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2025-Q1")


@pytest.fixture
def figures(indicators, petra):
    halt = budget_allocation(intervention_code="2.1.3", amount="40000")
    for day, amount in (("2024-11-10", "2500"), ("2025-02-01", "500"), ("2025-03-31", "250")):
        BudgetSpendingFactory(
            allocation=halt, date=dt.date.fromisoformat(day), amount=amount, created_by=petra
        )
    measurement_enter(
        actor=petra,
        indicator=indicator("2.1.3-deelnemers"),
        period=Q1,
        numerator=12,
        source="Registratie Halt",
    )
    measurement_enter(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=Q1,
        numerator=9,
        denominator=14,
        source="Evaluatieformulieren",
    )
    target_set(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=Q1,
        value=100,
        deadline=dt.date(2025, 3, 31),
        specific="Alle deelnemers weten hoe te handelen",
    )


def test_the_report_reads_the_facts_and_the_xlsx_has_them(figures, petra):
    report = report_make(actor=petra, period=Q1)
    assert report.status == Report.Status.READY
    rows = tidy_rows(bytes(report.xlsx))
    assert number(rows["2.1.3-uitgaven"]["waarde"]) == 3250  # cumulative since July 2024
    assert number(rows["2.1.3-deelnemers"]["waarde"]) == 12
    staff = rows["3.1.2-handelen"]
    assert (number(staff["teller"]), number(staff["noemer"])) == (9, 14)
    assert number(staff["waarde"]) == number("64.3")
    assert (number(staff["doel"]), staff["status"]) == (100, "off_track")
    workbook = load_workbook(io.BytesIO(bytes(report.xlsx)))
    assert workbook.sheetnames == [
        "Gegevens",
        "Spoor 1",
        "Spoor 2",
        "Spoor 3",
        "Budget",
        "Context",
        "Risico's",
        "Correcties",
    ]
    track_three = [c for row in workbook["Spoor 3"].iter_rows(values_only=True) for c in row if c]
    assert "3.1.1 De beste toekomst voor jongeren" in track_three and "Outcome" in track_three
    assert_valid_pdf(bytes(report.pdf))


def test_making_the_same_period_again_with_unchanged_data_gives_the_same_figures(figures, petra):
    first = report_make(actor=petra, period=Q1)
    second = report_make(actor=petra, period=Q1)
    assert (first.version, second.version) == (1, 2)
    assert first.figures_hash == second.figures_hash
    assert tidy_rows(bytes(first.xlsx)) == tidy_rows(bytes(second.xlsx))


def test_a_correction_is_visible_in_the_report_with_its_reason(figures, petra):
    period = period_get_or_create(period=Q1)
    period_submit(actor=petra, period=period)
    period_approve(actor=petra, period=period)
    measurement = indicator("2.1.3-deelnemers").measurements.get(period=period)
    measurement_correct(
        actor=petra, measurement=measurement, numerator=14, reason="Aanmeldingen maart nagekomen"
    )
    report = report_make(actor=petra, period=Q1)
    assert report.data["corrections"][0]["reason"] == "Aanmeldingen maart nagekomen"
    assert report.data["period"]["approval"] == "approved"
    workbook = load_workbook(io.BytesIO(bytes(report.xlsx)))
    assert "Aanmeldingen maart nagekomen" in [c.value for c in workbook["Correcties"]["G"]]
    assert tidy_rows(bytes(report.xlsx))["2.1.3-deelnemers"]["gecorrigeerd"] == "ja"


def test_the_projectleider_is_emailed_when_a_report_is_ready(
    figures, petra, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_make(actor=petra, period=Q1)
    assert [m.to for m in mail.outbox] == [[petra.email]]
    assert "1e kwartaal 2025" in mail.outbox[0].subject


def test_the_make_report_command_makes_a_month_or_a_quarter(figures, capsys):
    call_command("make_report", "--period", "2025-03")
    call_command("make_report", "--period", "2025-Q1")
    assert set(Report.objects.values_list("period__kind", "status")) == {
        ("month", "ready"),
        ("quarter", "ready"),
    }
    assert "2025-Q1" in capsys.readouterr().out


def test_the_browser_button_only_enqueues_the_report(figures, petra, web, django_capture_on_commit_callbacks):
    web.force_login(petra)
    with django_capture_on_commit_callbacks(execute=False):
        response = web.post("/monitoring/rapportages/aanvragen/", {"period": "2025-Q1"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitoring/rapportages/{report.pk}/"
    assert report.status == Report.Status.PENDING  # made by a worker, not in the request
    assert OutboxMessage.objects.filter(
        task_name="monitoring.tasks.report_build", kwargs={"report_id": report.pk}
    ).exists()
    assert (
        "wordt op de achtergrond gemaakt" in web.get(f"/monitoring/rapportages/{report.pk}/").content.decode()
    )


def test_catch_up_makes_every_period_due_since_the_last_report_that_succeeded(indicators):
    made = reports_catch_up(today=dt.date(2024, 10, 15))
    for report_id in made:
        report_build(report_id=report_id)
    assert sorted(Report.objects.values_list("period__kind", "period__start")) == [
        ("month", dt.date(2024, 7, 1)),
        ("month", dt.date(2024, 8, 1)),
        ("month", dt.date(2024, 9, 1)),
        ("quarter", dt.date(2024, 7, 1)),
    ]
    assert reports_catch_up(today=dt.date(2024, 10, 16)) == []  # nothing new is due
    # The scheduler dropped the runs of November and December (broker down): the next run catches up.
    for report_id in reports_catch_up(today=dt.date(2025, 1, 3)):
        report_build(report_id=report_id)
    codes = sorted(r.period.code for r in Report.objects.select_related("period"))
    assert codes == ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2024-Q3", "2024-Q4"]
    assert set(Report.objects.values_list("status", flat=True)) == {"ready"}


def test_a_report_is_never_made_twice(indicators, petra):
    report = report_request(actor=petra, period=Q1)
    assert report_build(report_id=report.pk) is True
    assert report_build(report_id=report.pk) is False  # a second worker given the same report
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(period=report.period, version=report.version, trigger="schedule")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_report_being_made_by_one_worker_is_skipped_by_another(plan, petra):
    from monitoring.services.seed import indicators_seed_load

    indicators_seed_load(actor=None)
    # A pending report as the catch-up job leaves it (report_request would run it in-process here).
    report = Report.objects.create(period=period_get_or_create(period=Q1), trigger=Report.Trigger.SCHEDULE)
    locked, release = threading.Event(), threading.Event()

    def first_worker() -> None:
        with transaction.atomic():
            Report.objects.select_for_update().get(pk=report.pk)
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    locked.wait(10)
    try:
        assert report_build(report_id=report.pk) is False
    finally:
        release.set()
        thread.join()
    assert report_build(report_id=report.pk) is True


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","klik")', "+1+1", "-2+3", "@SUM(A1)"])
def test_text_that_a_spreadsheet_would_evaluate_reaches_the_xlsx_as_text(figures, petra, text):
    period = period_get_or_create(period=Q1)
    period_submit(actor=petra, period=period)
    period_approve(actor=petra, period=period)
    measurement = indicator("2.1.3-deelnemers").measurements.get(period=period)
    measurement_correct(actor=petra, measurement=measurement, numerator=14, reason=text)
    report = report_make(actor=petra, period=Q1)
    workbook = load_workbook(io.BytesIO(bytes(report.xlsx)))
    [cell] = [c for c in workbook["Correcties"]["G"] if c.value == text]
    assert cell.data_type == "s" and cell.quotePrefix
    formulas = [c.coordinate for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_a_cell_starting_with_a_tab_or_carriage_return_is_quote_prefixed_too():
    # Services strip surrounding whitespace from what users type, so these reach a sheet only through
    # data; the one function that every XLSX writer passes through handles them the same.
    workbook = Workbook()
    workbook.active.append(["\t=1+1", "\r=1+1", "gewoon", 5])
    neutralise_formulas(workbook)
    cells = list(workbook.active.iter_rows())[0]
    assert [c.quotePrefix for c in cells] == [True, True, False, False]
    assert cells[3].data_type == "n"
