"""Issue 11, point 4: procesregie handed over warmly, the caseload, escalation and aftercare (nazorg)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.lifecycle import CaseStatus
from cases.models import Case, CaseHandover, CaseOrganisation, FollowUpType
from cases.services import actions as action_services
from cases.services import casework as casework_services
from cases.services import core as case_services
from core.errors import DomainError
from core.models import Notification
from tests.cases.conftest import make_youth_with_case
from tests.querycount import assert_queries_flat

TODAY = timezone.localdate


def _closing() -> case_services.CaseClosing:
    return case_services.CaseClosing(
        reason="doelen_bereikt", perspective="werk", qualification="diploma", network_size=4
    )


def _to_execution(case: Case, actor) -> Case:
    for to in (CaseStatus.IN_ONDERZOEK, CaseStatus.PLAN_VAN_AANPAK, CaseStatus.IN_UITVOERING):
        case = case_services.case_transition(actor=actor, case=case, to=to, reason="Volgende stap")
    return case


# --- Warm handover --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_handover_waits_for_acceptance_and_the_old_holder_keeps_procesregie_until_then(
    web, ruben, bas, case
):
    web.force_login(ruben)
    response = web.post(
        f"/casussen/{case.pk}/overdracht/", {"to_holder": bas.pk, "reason": "De politie kent het gezin."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.procesregie_holder == ruben  # not yet handed over
    handover = CaseHandover.objects.get(case=case)
    assert handover.status == CaseHandover.Status.PENDING and handover.reason == "De politie kent het gezin."
    # The proposed holder is told in the platform (never by e-mail), naming the case.
    notice = Notification.objects.get(user=bas, kind="procesregie")
    assert f"casus {case.pk}" in notice.text and notice.link == f"/overdrachten/{handover.pk}/"
    # A second proposal while one waits is refused with a message.
    response = web.post(f"/casussen/{case.pk}/overdracht/", {"to_holder": bas.pk, "reason": "Nog eens"})
    assert response.status_code == 400 and "wacht al een overdracht" in response.content.decode()
    # The case page says it waits.
    assert "wacht op acceptatie" in web.get(f"/casussen/{case.pk}/").content.decode()


@pytest.mark.django_db
def test_the_new_holder_accepts_and_both_are_notified_and_the_history_shows_it(web, ruben, bas, case):
    handover = casework_services.case_handover_propose(
        actor=ruben, case=case, to_holder=bas, reason="De politie kent het gezin."
    )
    # Someone else than the proposed holder cannot answer.
    web.force_login(ruben)
    assert web.post(f"/overdrachten/{handover.pk}/", {"accept": "ja"}).status_code == 403
    web.force_login(bas)
    page = web.get(f"/overdrachten/{handover.pk}/").content.decode()
    assert "De politie kent het gezin." in page and "Sanne" not in page  # the case number, not the youth
    response = web.post(f"/overdrachten/{handover.pk}/", {"accept": "ja"})
    assert response.status_code == 302 and response["Location"] == f"/casussen/{case.pk}/"
    case.refresh_from_db()
    handover.refresh_from_db()
    assert case.procesregie_holder == bas and handover.status == CaseHandover.Status.ACCEPTED
    # The procesregie role moved to the new holder's organisation; the old one's ended.
    active = CaseOrganisation.objects.filter(case=case, is_procesregie=True, ended_at__isnull=True)
    assert [r.organisation_id for r in active] == [bas.organisation_id]
    assert Notification.objects.filter(user=ruben, kind="procesregie", text__contains="overgenomen").exists()
    assert Notification.objects.filter(user=bas, kind="procesregie", text__contains="U hebt nu").exists()
    # The history on the case page shows the proposal and the acceptance.
    page = web.get(f"/casussen/{case.pk}/").content.decode()
    assert "Overdracht procesregie voorgesteld" in page and "Overdracht procesregie geaccepteerd" in page


@pytest.mark.django_db
def test_declining_needs_a_reason_and_the_old_holder_keeps_procesregie(web, ruben, bas, case):
    handover = casework_services.case_handover_propose(actor=ruben, case=case, to_holder=bas, reason="Drukte")
    web.force_login(bas)
    response = web.post(f"/overdrachten/{handover.pk}/", {"accept": "nee"})
    assert response.status_code == 400
    assert "Geef de reden waarom u de procesregie niet overneemt." in response.content.decode()
    response = web.post(f"/overdrachten/{handover.pk}/", {"accept": "nee", "reason": "Geen capaciteit"})
    assert response.status_code == 302
    case.refresh_from_db()
    handover.refresh_from_db()
    assert case.procesregie_holder == ruben
    assert handover.status == CaseHandover.Status.DECLINED and handover.answer_reason == "Geen capaciteit"
    notice = Notification.objects.get(user=ruben, kind="procesregie")
    assert "niet over" in notice.text
    with pytest.raises(DomainError, match="al afgewezen"):
        casework_services.case_handover_answer(actor=bas, handover=handover, accept=True)


@pytest.mark.django_db
def test_a_handover_to_the_current_holder_or_without_reason_is_refused(ruben, bas, case):
    with pytest.raises(DomainError, match="heeft de procesregie al"):
        casework_services.case_handover_propose(actor=ruben, case=case, to_holder=ruben, reason="x")
    with pytest.raises(DomainError, match="reden van de overdracht"):
        casework_services.case_handover_propose(actor=ruben, case=case, to_holder=bas, reason=" ")


# --- Caseload --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_caseload_shows_cases_overdue_actions_next_dates_and_incoming_handovers(
    web, ruben, bas, chaima, case
):
    action = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code="gesprek-jongerenwerk"),
        organisation=chaima.organisation,
        due_on=TODAY() + dt.timedelta(days=3),
    )
    action.due_on = TODAY() - dt.timedelta(days=2)
    action.save(update_fields=["due_on"])
    other = make_youth_with_case(bas, bas, first_name="Kees")
    casework_services.case_handover_propose(
        actor=bas, case=other, to_holder=ruben, reason="Verhuisd naar wijk"
    )
    web.force_login(ruben)
    page = web.get("/caseload/").content.decode()
    assert "Sanne de Vries" in page and "Kees" not in page.split("Casussen met procesregie")[1]
    assert "1 actie te laat" in page and action.due_on.strftime("%d-%m-%Y") in page
    assert f"Casus {other.pk} van" in page  # waiting for ruben's acceptance


@pytest.mark.django_db
def test_the_team_lead_sees_everyones_caseload_and_a_partner_only_their_own(web, ruben, petra, bas, case):
    mine = make_youth_with_case(bas, bas, first_name="Kees")
    web.force_login(ruben)
    assert "Kees Test" in web.get(f"/caseload/?van={bas.pk}").content.decode()
    web.force_login(petra)  # the projectleider steers on aggregates: no caseload with names (need-to-know)
    assert web.get(f"/caseload/?van={bas.pk}").status_code == 403
    web.force_login(bas)
    assert "Kees Test" in web.get("/caseload/").content.decode()
    assert web.get(f"/caseload/?van={ruben.pk}").status_code == 404
    assert mine.procesregie_holder == bas


# --- Escalation ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_escalation_has_a_date_and_reason_and_shows_on_the_board(web, ruben, case):
    web.force_login(ruben)
    response = web.post(
        f"/casussen/{case.pk}/opschalen/",
        {"level": "zvh", "escalated_on": TODAY().isoformat(), "reason": "Zorgen over veiligheid thuis."},
    )
    assert response.status_code == 302
    board = web.get("/casussen/").content.decode()
    assert "Opgeschaald: Zorg- en Veiligheidshuis" in board
    # To the administrative level: the first escalation ends, the new one is active.
    casework_services.case_escalate(actor=ruben, case=case, level="bestuurlijk", reason="Geen voortgang")
    assert [e.ended_on is None for e in case.escalations.order_by("id")] == [False, True]
    assert "Opgeschaald: bestuurlijk" in web.get("/casussen/").content.decode()
    response = web.post(f"/casussen/{case.pk}/opschaling-beeindigen/", {"reason": "Weer op koers"})
    assert response.status_code == 302 and not case.escalations.filter(ended_on__isnull=True).exists()
    assert web.get("/api/v1/cases/").json()["results"][0]["escalation_level"] is None


@pytest.mark.django_db
def test_an_escalation_needs_a_level_and_a_reason(web, ruben, case):
    web.force_login(ruben)
    response = web.post(
        f"/casussen/{case.pk}/opschalen/", {"escalated_on": TODAY().isoformat(), "reason": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies waarheen de casus wordt opgeschaald." in page


# --- Aftercare ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_closing_with_a_check_in_date_puts_the_case_in_aftercare_before_it_is_done(web, ruben, case):
    case = _to_execution(case, ruben)
    web.force_login(ruben)
    check_in = TODAY() + dt.timedelta(days=30)
    response = web.post(
        f"/casussen/{case.pk}/sluiten/",
        {
            "reason": "Doelen bereikt",
            "closing_reason": "doelen_bereikt",
            "outcome_perspective": "werk",
            "outcome_qualification": "diploma",
            "outcome_network_size": 4,
            "aftercare_check_in_on": check_in.isoformat(),
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.NAZORG and case.aftercare_check_in_on == check_in
    assert case.closed_at is None and case.outcome_perspective == "werk"
    # The procesregie holder's organisation still sees the case in aftercare.
    assert case.organisation_roles.filter(ended_at__isnull=True, is_procesregie=True).exists()
    # After the check-in the case closes with the outcome recorded at the start of the aftercare.
    response = web.post(f"/casussen/{case.pk}/nazorg-afronden/", {"reason": "Gaat goed, werkt nu."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (
        case.status == CaseStatus.GESLOTEN and case.closed_at is not None and case.outcome_network_size == 4
    )


@pytest.mark.django_db
def test_an_overdue_aftercare_check_in_shows_on_the_caseload(web, ruben, case):
    case = _to_execution(case, ruben)
    case = case_services.case_transition(
        actor=ruben,
        case=case,
        to=CaseStatus.NAZORG,
        reason="Afgerond",
        closing=_closing(),
        aftercare_check_in_on=TODAY(),
    )
    Case.objects.filter(pk=case.pk).update(aftercare_check_in_on=TODAY() - dt.timedelta(days=1))
    web.force_login(ruben)
    assert "Nazorgcontact te laat" in web.get("/caseload/").content.decode()


@pytest.mark.django_db
def test_aftercare_needs_a_plan_and_a_check_in_date_and_can_scale_up_again(ruben, case):
    with pytest.raises(DomainError) as error:
        case_services.case_transition(
            actor=ruben,
            case=case,
            to=CaseStatus.NAZORG,
            reason="x",
            closing=_closing(),
            aftercare_check_in_on=TODAY(),
        )
    assert error.value.code == "invalid_transition"
    case = _to_execution(case, ruben)
    with pytest.raises(DomainError, match="datum van het nazorgcontact"):
        case_services.case_transition(
            actor=ruben, case=case, to=CaseStatus.NAZORG, reason="x", closing=_closing()
        )
    case = case_services.case_transition(
        actor=ruben,
        case=case,
        to=CaseStatus.NAZORG,
        reason="x",
        closing=_closing(),
        aftercare_check_in_on=TODAY(),
    )
    case = case_services.case_transition(
        actor=ruben, case=case, to=CaseStatus.IN_UITVOERING, reason="Terugval"
    )
    case.refresh_from_db()
    assert (
        case.aftercare_check_in_on is None and case.closing_reason == "" and case.outcome_network_size is None
    )


@pytest.mark.django_db
def test_the_api_puts_a_case_in_aftercare(web, ruben, case):
    case = _to_execution(case, ruben)
    web.force_login(ruben)
    response = web.post(
        f"/api/v1/cases/{case.pk}/transition/",
        {
            "to": "nazorg",
            "reason": "Afgerond",
            "closing_reason": "doelen_bereikt",
            "outcome_perspective": "werk",
            "outcome_qualification": "diploma",
            "outcome_network_size": 3,
            "aftercare_check_in_on": (TODAY() + dt.timedelta(days=14)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "nazorg"


@pytest.mark.django_db
def test_the_caseload_needs_a_fixed_number_of_queries(web, ruben, bas, chaima, case):
    web.force_login(ruben)

    def grow() -> None:
        for n in range(3):
            extra = make_youth_with_case(bas, ruben, first_name=f"Extra{n}")
            action = action_services.action_assign(
                actor=ruben,
                case=extra,
                follow_up_type=FollowUpType.objects.get(code="gesprek-jongerenwerk"),
                organisation=chaima.organisation,
            )
            action.due_on = TODAY() - dt.timedelta(days=1)
            action.save(update_fields=["due_on"])
            casework_services.case_escalate(actor=ruben, case=extra, level="zvh", reason="Zorgen")
            other = make_youth_with_case(bas, bas, first_name=f"Ander{n}")
            casework_services.case_handover_propose(actor=bas, case=other, to_holder=ruben, reason="Verhuisd")

    assert_queries_flat(lambda: web.get("/caseload/"), grow=grow)


@pytest.mark.django_db
def test_closing_a_case_withdraws_a_waiting_handover_and_ends_the_escalation(ruben, bas, case):
    handover = casework_services.case_handover_propose(actor=ruben, case=case, to_holder=bas, reason="Drukte")
    casework_services.case_escalate(actor=ruben, case=case, level="bestuurlijk", reason="Geen voortgang")
    case_services.case_transition(
        actor=ruben, case=case, to=CaseStatus.GESLOTEN, reason="Verhuisd", closing=_closing()
    )
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.WITHDRAWN
    assert not case.escalations.filter(ended_on__isnull=True).exists()
    with pytest.raises(DomainError, match="al ingetrokken"):
        casework_services.case_handover_answer(actor=bas, handover=handover, accept=True)


@pytest.mark.django_db
def test_the_api_proposes_a_handover_and_escalates(web, ruben, bas, case):
    web.force_login(ruben)
    response = web.post(
        f"/api/v1/cases/{case.pk}/handover/",
        {"to_holder": bas.pk, "reason": "De politie kent het gezin."},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "voorgesteld"
    response = web.post(
        f"/api/v1/cases/{case.pk}/escalate/",
        {"level": "zvh", "reason": "Onveilig thuis"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["escalated_on"] == TODAY().isoformat()
    detail = web.get(f"/api/v1/cases/{case.pk}/").json()
    assert [h["status"] for h in detail["handovers"]] == ["voorgesteld"]
    assert [e["level"] for e in detail["escalations"]] == ["zvh"]
    response = web.post(
        f"/api/v1/cases/{case.pk}/escalate/",
        {"level": "zvh", "reason": "Nog eens"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response["Content-Type"].startswith("application/problem+json")
