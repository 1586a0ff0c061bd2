"""Changing an allocation: set or add (no silent default), a reason, a history, never below what is
committed or spent; amounts in Dutch notation on the page, in the XLSX cell format and in the PDF."""

import base64
import contextlib
import datetime as dt
import io
import re
import zlib
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.errors import DomainError
from core.formatting import euro
from monitoring.models import BudgetAllocationChange
from monitoring.periods import Period
from monitoring.services.budget import allocation_change, commitment_add, spending_add
from monitoring.services.reports import report_make
from tracks.models import BudgetYear, Intervention

pytestmark = pytest.mark.django_db


def change(actor, code: str, mode: str, amount: str, reason: str = "Begroting 2024"):
    intervention = Intervention.objects.select_related("track").get(code=code)
    return allocation_change(
        actor=actor,
        budget_year=BudgetYear.objects.get(number=1),
        track=intervention.track,
        intervention=intervention,
        mode=mode,
        amount=amount,
        reason=reason,
    )


def test_it_formats_amounts_the_dutch_way():
    assert euro(Decimal("224400")) == "€ 224.400,00"
    assert euro("1234567.5") == "€ 1.234.567,50"
    assert euro(None) == "–"


def test_set_replaces_and_add_adds_and_both_are_kept_in_the_history(indicators, petra):
    change(petra, "2.1.3", "set", "40000")
    change(petra, "2.1.3", "add", "5000", reason="Extra trainingen")
    allocation = change(petra, "2.1.3", "add", "-2500", reason="Minder groepen")
    assert allocation.amount == Decimal("42500")
    allocation = change(petra, "2.1.3", "set", "30000", reason="Bijgesteld")
    assert allocation.amount == Decimal("30000")
    history = list(allocation.changes.order_by("id").values_list("mode", "old_amount", "new_amount", "delta"))
    assert history == [
        ("set", Decimal("0"), Decimal("40000"), Decimal("40000")),
        ("add", Decimal("40000"), Decimal("45000"), Decimal("5000")),
        ("add", Decimal("45000"), Decimal("42500"), Decimal("-2500")),
        ("set", Decimal("42500"), Decimal("30000"), Decimal("-12500")),
    ]
    last = allocation.changes.order_by("id").last()
    assert (last.reason, last.created_by) == ("Bijgesteld", petra)


def test_a_change_without_a_reason_or_a_choice_of_set_or_add_is_refused(indicators, petra):
    with pytest.raises(DomainError) as error:
        change(petra, "2.1.3", "set", "1000", reason="  ")
    assert error.value.field == "reason"
    with pytest.raises(DomainError) as error:
        change(petra, "2.1.3", "", "1000")
    assert error.value.field == "mode"
    assert not BudgetAllocationChange.objects.exists()


def test_an_allocation_never_goes_below_what_is_committed_or_spent(indicators, petra):
    allocation = change(petra, "2.1.3", "set", "40000")
    commitment_add(
        actor=petra,
        allocation=allocation,
        date=dt.date(2024, 9, 1),
        amount="24000",
        description="Contract Halt",
    )
    spending_add(
        actor=petra, allocation=allocation, date=dt.date(2024, 10, 1), amount="6000", description="Factuur"
    )
    with pytest.raises(DomainError) as error:
        change(petra, "2.1.3", "set", "20000")
    assert error.value.code == "budget_below_used"
    assert "€ 20.000,00" in error.value.message and "€ 24.000,00" in error.value.message
    with pytest.raises(DomainError):
        change(petra, "2.1.3", "add", "-16000.01")
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("40000")
    assert change(petra, "2.1.3", "add", "-16000").amount == Decimal("24000")


def test_the_budget_page_asks_set_or_add_and_a_reason_and_shows_the_history(indicators, petra, web):
    web.force_login(petra)
    intervention = Intervention.objects.get(code="2.1.3")
    url = "/monitoring/budget/toewijzen/?jaar=1"
    body = {"allocation-target": f"i{intervention.pk}", "allocation-amount": "224400"}
    response = web.post(url, body)
    assert response.status_code == 400
    assert not BudgetAllocationChange.objects.exists()
    response = web.post(url, {**body, "allocation-mode": "set", "allocation-reason": "Begroting jaar 1"})
    assert response.status_code == 302
    response = web.post(
        url, {**body, "allocation-mode": "add", "allocation-amount": "1000", "allocation-reason": "Extra"}
    )
    assert response.status_code == 302
    html = web.get("/monitoring/budget/?jaar=1").content.decode()
    assert "€ 225.400,00" in html and "€ 224.400,00" in html
    assert "Begroting jaar 1" in html and "Bedrag erbij of eraf" in html and "Nieuw bedrag" in html


def _pdf_text(content: bytes) -> bytes:
    text = b""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", content, re.DOTALL):
        data = stream.strip()
        with contextlib.suppress(ValueError):
            data = base64.a85decode(data.removesuffix(b"~>"), adobe=False)
        try:
            text += zlib.decompress(data)
        except zlib.error:
            text += data
    return text


def test_the_report_shows_amounts_in_dutch_in_the_xlsx_format_and_the_pdf(indicators, petra):
    allocation = change(petra, "2.1.3", "set", "224400")
    spending_add(
        actor=petra, allocation=allocation, date=dt.date(2025, 2, 1), amount="1234.5", description="Halt"
    )
    report = report_make(actor=petra, period=Period.parse("2025-Q1"))
    sheet = load_workbook(io.BytesIO(bytes(report.xlsx)))["Budget"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2, max_row=5)}
    assert cells["Toegewezen"].value == Decimal("224400") or cells["Toegewezen"].value == 224400
    assert "€" in cells["Toegewezen"].number_format and "#,##0.00" in cells["Toegewezen"].number_format
    row = next(r for r in sheet.iter_rows() if r[1].value == "2.1.3")
    assert "€" in row[3].number_format
    pdf = _pdf_text(bytes(report.pdf))
    assert b"224.400,00" in pdf and b"1.234,50" in pdf
