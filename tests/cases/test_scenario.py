"""The issue's acceptance scenario, end to end through the services and the pages people use."""

import pytest
from django.core import mail

from cases.lifecycle import CaseStatus
from cases.models import Action, AgendaItem, Case, CaseTransition, FollowUpType, LegalBasis, Meeting
from core.models import Notification
from youths.models import Flag


def _meeting(web, ruben, bas, chaima, daan):
    web.force_login(ruben)
    response = web.post(
        "/overleggen/nieuw/",
        {
            "kind": "vroegsignalering",
            "starts_at": "2025-03-04T14:00",
            "location": "Stadhuis",
            "chair": ruben.pk,
            "organisations": [bas.organisation_id, chaima.organisation_id],
            "attendees": [daan.pk],  # a person's organisation attends with them
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


@pytest.mark.django_db
def test_flagged_youth_through_meeting_case_actions_and_closing(
    web, api, ruben, bas, chaima, daan, gijs, flag, django_capture_on_commit_callbacks
):
    youth = flag.youth
    meeting_url = _meeting(web, ruben, bas, chaima, daan)
    meeting = Meeting.objects.get()
    assert set(meeting.attending_organisations.all()) == {
        ruben.organisation,
        bas.organisation,
        chaima.organisation,
        daan.organisation,
    }

    # The agenda is built from the open flags.
    web.post(f"{meeting_url}agenda/signaleringen/")
    item = AgendaItem.objects.get(flag=flag)
    page = web.get(meeting_url).content.decode()
    assert "Sanne de Vries" in page and "Signalen van meerdere organisaties" in page
    assert "grondslag ontbreekt" in page

    # Recording a decision without a legal basis is refused, with the reason shown at the form.
    response = web.post(
        f"{meeting_url}punten/{item.pk}/besluit/",
        {f"p{item.pk}-decision": "casus", f"p{item.pk}-procesregie_holder": ruben.pk},
    )
    assert response.status_code == 400
    assert "Leg eerst de grondslag vast" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == "" and not Case.objects.exists()
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN

    # With a legal basis the minutes and the decision to open a case are recorded.
    basis = LegalBasis.objects.get(code="wettelijke-taak")
    assert (
        web.post(
            f"{meeting_url}punten/{item.pk}/grondslag/", {f"p{item.pk}-legal_basis": basis.pk}
        ).status_code
        == 302
    )
    web.post(
        f"{meeting_url}punten/{item.pk}/notulen/", {f"p{item.pk}-minutes": "Zorgen op straat en op school."}
    )
    response = web.post(
        f"{meeting_url}punten/{item.pk}/besluit/",
        {
            f"p{item.pk}-decision": "casus",
            f"p{item.pk}-procesregie_holder": ruben.pk,
            f"p{item.pk}-reason": "PGA",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(youth=youth)
    assert case.status == CaseStatus.AANGEMELD and case.procesregie_holder == ruben
    assert case.opened_from == item
    flag.refresh_from_db()
    assert flag.status == Flag.Status.CLOSED and "Casus openen" in flag.closing_note

    # Two actions to authorised organisations; an unauthorised one is refused.
    home_visit = FollowUpType.objects.get(code="huisbezoek-wijkteam")
    halt_trajectory = FollowUpType.objects.get(code="halt-preventief")
    case_url = f"/casussen/{case.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        for follow_up, organisation in (
            (home_visit, gijs.organisation),
            (halt_trajectory, daan.organisation),
        ):
            response = web.post(
                f"{case_url}acties/", {"follow_up_type": follow_up.pk, "organisation": organisation.pk}
            )
            assert response.status_code == 302
    response = web.post(
        f"{case_url}acties/", {"follow_up_type": home_visit.pk, "organisation": bas.organisation_id}
    )
    assert response.status_code == 400
    assert "is niet bevoegd voor" in response.content.decode()
    assert Action.objects.filter(case=case).count() == 2
    # The receiving organisations are told (without the youth's name) and can now see the case.
    assert Notification.objects.filter(organisation=gijs.organisation, kind="actie-toegewezen").exists()
    assert all("Sanne" not in m.body for m in mail.outbox)
    web.force_login(gijs)
    assert web.get(case_url).status_code == 200

    # The organisations accept; the actions get done.
    for persona in (gijs, daan):
        action = Action.objects.get(case=case, organisation=persona.organisation)
        web.force_login(persona)
        assert web.post(f"/acties/{action.pk}/reactie/", {"accept": "ja"}).status_code == 302
        assert (
            web.post(f"/acties/{action.pk}/afronden/", {"done": "ja", "note": "Gedaan."}).status_code == 302
        )

    # The case moves through its states; an invalid transition is refused with a clear message.
    web.force_login(ruben)
    response = web.post(f"{case_url}status/", {"to": "afgeschaald", "reason": "Te vroeg"})
    assert response.status_code == 400
    assert (
        "Een casus met status &#x27;aangemeld&#x27; kan niet naar &#x27;afgeschaald&#x27;"
        in response.content.decode()
    )
    client = api(ruben)
    response = client.post(
        f"/api/v1/cases/{case.pk}/transition/", {"to": "in_uitvoering", "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "to"
    assert "Mogelijk is: 'in onderzoek', 'gesloten'" in response.json()["detail"]
    for target in ("in_onderzoek", "plan_van_aanpak", "in_uitvoering", "afgeschaald"):
        response = web.post(f"{case_url}status/", {"to": target, "reason": f"Door naar {target}"})
        assert response.status_code == 302, response.content.decode()[:2000]

    # Closing asks for the reason and the outcome the plan measures.
    response = web.post(f"{case_url}sluiten/", {"reason": "Klaar"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.AFGESCHAALD
    response = web.post(
        f"{case_url}sluiten/",
        {
            "reason": "Doelen bereikt, overgedragen aan het wijkteam.",
            "closing_reason": "doelen_bereikt",
            "outcome_perspective": "combinatie",
            "outcome_qualification": "praktijkverklaring",
            "outcome_network_size": 4,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.GESLOTEN
    assert (case.outcome_perspective, case.outcome_qualification, case.outcome_network_size) == (
        "combinatie",
        "praktijkverklaring",
        4,
    )
    assert [(t.source, t.target) for t in CaseTransition.objects.filter(case=case)] == [
        ("", "aangemeld"),
        ("aangemeld", "in_onderzoek"),
        ("in_onderzoek", "plan_van_aanpak"),
        ("plan_van_aanpak", "in_uitvoering"),
        ("in_uitvoering", "afgeschaald"),
        ("afgeschaald", "gesloten"),
    ]
    assert all(t.by == ruben and t.reason for t in CaseTransition.objects.filter(case=case))
    # Closed is final.
    response = client.post(
        f"/api/v1/cases/{case.pk}/transition/", {"to": "in_uitvoering", "reason": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "kan niet meer van status veranderen" in response.json()["detail"]
