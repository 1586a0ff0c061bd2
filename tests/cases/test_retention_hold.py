"""The retention hold of an open case: only the procesregisseur records it, with a reason; it is audited
without its text."""

import pytest
from auditlog.models import LogEntry

from core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_it_records_and_lifts_the_reason_to_keep_the_data(web, ruben, case):
    web.force_login(ruben)
    page = web.get(f"/casussen/{case.pk}/bewaren/").content.decode()
    assert "Alles over een jongere wordt verwijderd op de 23e verjaardag" in page
    response = web.post(f"/casussen/{case.pk}/bewaren/", {"reason": "Lopende strafzaak"}, follow=True)
    assert "De reden om langer te bewaren is vastgelegd." in response.content.decode()
    case.refresh_from_db()
    assert case.retention_hold_reason == "Lopende strafzaak"
    entry = (
        LogEntry.objects.filter(content_type__model="case", object_pk=str(case.pk)).order_by("-pk").first()
    )
    assert "Lopende strafzaak" not in str(entry.changes)  # masked in the change log
    web.post(f"/casussen/{case.pk}/bewaren/", {"reason": ""})
    case.refresh_from_db()
    assert case.retention_hold_reason == ""


def test_a_partner_cannot_record_it(web, bas, case):
    from cases.services.retention import case_retention_hold_set

    web.force_login(bas)
    assert web.get(f"/casussen/{case.pk}/bewaren/").status_code == 403
    with pytest.raises(DomainError):
        case_retention_hold_set(actor=bas, case=case, reason="Zomaar")
