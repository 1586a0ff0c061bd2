"""The demo shows every state of the casework of issue 11 (demo/casework.py)."""

import pytest

from accounts.models import User
from cases.lifecycle import CaseStatus
from cases.models import ActionAssessment, Case, CaseEscalation, CaseHandover, YouthGroup
from cases.selectors.groups import group_scan_history
from demo.casework import DEMO_GROUP
from tests.demo.test_demo import demo  # noqa: F401  (the module-scoped fixture that loads the demo)


@pytest.mark.django_db
def test_the_demo_shows_handovers_aftercare_escalation_two_scans_and_a_kansrijk_outcome(demo):  # noqa: F811
    assert CaseHandover.objects.filter(status=CaseHandover.Status.PENDING).exists()
    assert CaseHandover.objects.filter(status=CaseHandover.Status.DECLINED).exists()
    assert Case.objects.filter(status=CaseStatus.NAZORG).exists()
    assert CaseEscalation.objects.filter(ended_on__isnull=True, level="zvh").exists()
    history = group_scan_history(YouthGroup.objects.get(name=DEMO_GROUP))
    assert history.scan_count == 2 and history.size_change == -4
    assert ActionAssessment.objects.filter(action__follow_up_type__code="kansrijk-risicotaxatie").exists()
    assert ActionAssessment.objects.filter(action__follow_up_type__code="halt-preventief").exists()


@pytest.mark.django_db
def test_the_casework_pages_of_the_demo_render(demo, web):  # noqa: F811
    handover = CaseHandover.objects.get(status=CaseHandover.Status.PENDING)
    group = YouthGroup.objects.get(name=DEMO_GROUP)
    web.force_login(User.objects.get(username="wijkteam"))
    page = web.get("/caseload/").content.decode()
    assert f"Casus {handover.case_id} van" in page
    assert web.get(f"/overdrachten/{handover.pk}/").status_code == 200
    web.force_login(User.objects.get(username="procesregisseur"))
    page = web.get("/caseload/").content.decode()
    assert "Nazorgcontact te laat" in page and "Opgeschaald: Zorg- en Veiligheidshuis" in page
    page = web.get(f"/groepen/{group.pk}/").content.decode()
    assert "Ontwikkeling van de groep per ronde" in page and "2 groepsscans" in page
    assert web.get(f"/casussen/{handover.case_id}/").status_code == 200
