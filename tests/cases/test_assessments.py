"""Issue 11, point 6: the outcome of a #kansRIJK risk assessment and the involvement of parents and
victim in a preventive Halt trajectory, as fields (pages and API), only for those kinds of action."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.catalogue import AssessmentKind, assessment_kind
from cases.models import ActionAssessment, FollowUpType
from cases.services import actions as action_services
from cases.services import casework as casework_services
from core.errors import DomainError


def _action(ruben, case, code, organisation):
    return action_services.action_assign(
        actor=ruben, case=case, follow_up_type=FollowUpType.objects.get(code=code), organisation=organisation
    )


@pytest.mark.django_db
def test_kansrijk_and_halt_are_recognised_by_their_code_or_their_intervention(case_lists):
    assert assessment_kind(FollowUpType.objects.get(code="kansrijk-risicotaxatie")) == AssessmentKind.KANSRIJK
    assert assessment_kind(FollowUpType.objects.get(code="halt-preventief")) == AssessmentKind.HALT
    assert assessment_kind(FollowUpType.objects.get(code="gesprek-jongerenwerk")) is None
    renamed = FollowUpType.objects.get(code="kansrijk-risicotaxatie")
    renamed.code = "kansrijk-2026"
    assert assessment_kind(renamed) == AssessmentKind.KANSRIJK  # by its intervention, 2.1.2


@pytest.mark.django_db
def test_youth_protection_records_the_kansrijk_outcome_on_the_action_page(web, ruben, fleur, case):
    action = _action(ruben, case, "kansrijk-risicotaxatie", fleur.organisation)
    web.force_login(fleur)
    page = web.get(f"/acties/{action.pk}/").content.decode()
    assert "Uitkomst #kansRIJK-risicotaxatie" in page and "LVB-screening" in page
    assert "slachtoffer" not in page.lower()
    response = web.post(f"/acties/{action.pk}/uitkomst/", {"instrument": "LIJ"})
    assert (
        response.status_code == 400
        and "Geef aan of er een LVB-screening is gedaan." in response.content.decode()
    )
    response = web.post(
        f"/acties/{action.pk}/uitkomst/",
        {
            "instrument": "LIJ",
            "assessed_on": timezone.localdate().isoformat(),
            "risk_level": "gemiddeld",
            "outcome_note": "Inzetten op school en vrienden.",
            "lvb_screening_done": "ja",
        },
    )
    assert response.status_code == 302
    assessment = ActionAssessment.objects.get(action=action)
    assert (assessment.instrument, assessment.risk_level, assessment.lvb_screening_done) == (
        "LIJ",
        "gemiddeld",
        True,
    )
    # The procesregie reads it (page and API) but does not record it.
    web.force_login(ruben)
    assert "Gemiddeld risico" in web.get(f"/acties/{action.pk}/").content.decode()
    data = web.get(f"/api/v1/actions/{action.pk}/").json()
    assert (
        data["assessment"]["risk_level"] == "gemiddeld" and data["assessment"]["lvb_screening_done"] is True
    )
    assert web.post(f"/acties/{action.pk}/uitkomst/", {"instrument": "X"}).status_code == 403


@pytest.mark.django_db
def test_halt_records_parents_and_victim_through_the_api(web, ruben, daan, case):
    action = _action(ruben, case, "halt-preventief", daan.organisation)
    web.force_login(daan)
    response = web.post(
        f"/api/v1/actions/{action.pk}/assessment/",
        {"parents_involved": True, "victim_involvement": "betrokken"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["assessment"]["victim_involvement"] == "betrokken"
    # The #kansRIJK fields do not belong to a Halt trajectory.
    response = web.post(
        f"/api/v1/actions/{action.pk}/assessment/",
        {"parents_involved": True, "victim_involvement": "betrokken", "instrument": "LIJ"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "hoort bij #kansRIJK" in response.content.decode()


@pytest.mark.django_db
def test_other_actions_have_no_assessment_fields(web, ruben, chaima, case):
    action = _action(ruben, case, "gesprek-jongerenwerk", chaima.organisation)
    web.force_login(chaima)
    assert "Uitkomst #kansRIJK" not in web.get(f"/acties/{action.pk}/").content.decode()
    assert web.post(f"/acties/{action.pk}/uitkomst/", {"instrument": "LIJ"}).status_code == 404
    assert (
        web.post(f"/api/v1/actions/{action.pk}/assessment/", {}, content_type="application/json").status_code
        == 404
    )
    with pytest.raises(DomainError, match="Alleen bij"):
        casework_services.action_assessment_record(actor=chaima, action=action, instrument="LIJ")
