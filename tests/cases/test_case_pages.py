"""Case pages: who sees which case, who may change it, and the board's query count."""

import pytest

from cases.models import Case, CaseOrganisation, FollowUpType
from cases.services import actions as action_services
from cases.services import core as case_services
from core.models import ReadLogEntry
from tests.cases.conftest import make_youth_with_case
from tests.factories import signal_logged
from tests.querycount import assert_queries_flat


@pytest.mark.django_db
def test_the_procesregisseur_sees_every_case_on_the_board_and_the_projectleider_none(web, ruben, petra, case):
    web.force_login(ruben)
    html = web.get("/casussen/").content.decode()
    assert "Sanne de Vries" in html
    assert web.get(f"/casussen/{case.pk}/").status_code == 200
    assert web.get("/casussen/lijst/?status=aangemeld").status_code == 200
    web.force_login(petra)  # steers on aggregates: no case with a name (need-to-know)
    for url in ("/casussen/", f"/casussen/{case.pk}/", "/casussen/lijst/?status=aangemeld"):
        assert web.get(url).status_code == 403


@pytest.mark.django_db
def test_beheerder_and_ministerie_cannot_use_case_pages(web, bert, hanna, case):
    for persona in (bert, hanna):
        web.force_login(persona)
        for url in (
            "/casussen/",
            "/casussen/lijst/",
            f"/casussen/{case.pk}/",
            "/acties/",
            "/overleggen/",
            "/groepen/",
        ):
            assert web.get(url).status_code == 403, (persona.username, url)


@pytest.mark.django_db
def test_partner_sees_a_case_only_while_its_organisation_is_involved_in_it(web, ruben, bas, daan, case):
    # bas (politie) logged signals but has no role in the case: he sees the youth, not the case.
    web.force_login(bas)
    assert web.get(f"/casussen/{case.pk}/").status_code == 404
    assert "Sanne" not in web.get("/casussen/").content.decode()
    role = case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    assert web.get(f"/casussen/{case.pk}/").status_code == 200
    assert "Sanne" in web.get("/casussen/").content.decode()
    # daan (Halt) is not involved at all.
    web.force_login(daan)
    assert web.get(f"/casussen/{case.pk}/").status_code == 404
    assert web.get("/casussen/999999/").status_code == 404
    case_services.case_organisation_end(actor=ruben, case_organisation=role)
    web.force_login(bas)
    assert web.get(f"/casussen/{case.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_role_in_a_case_makes_an_organisation_involved_and_removing_it_withdraws_access(
    web, ruben, daan, bas, case
):
    web.force_login(daan)
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 404
    role = case_services.case_organisation_add(
        actor=ruben, case=case, organisation=daan.organisation, role="Halt"
    )
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 200
    case_services.case_organisation_end(actor=ruben, case_organisation=role)
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 404
    # Politie has its signals: a case role ending does not take away what the signals give.
    role = case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    case_services.case_organisation_end(actor=ruben, case_organisation=role)
    web.force_login(bas)
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 200


@pytest.mark.django_db
def test_an_action_makes_its_organisation_involved_until_it_is_declined(web, ruben, gijs, case):
    home_visit = FollowUpType.objects.get(code="huisbezoek-wijkteam")
    action = action_services.action_assign(
        actor=ruben, case=case, follow_up_type=home_visit, organisation=gijs.organisation
    )
    web.force_login(gijs)
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 200
    assert web.get(f"/casussen/{case.pk}/").status_code == 200
    action_services.action_respond(
        actor=gijs, action=action, accept=False, reason="Geen capaciteit deze maand."
    )
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 404
    assert web.get(f"/casussen/{case.pk}/").status_code == 404
    # Its own action stays readable for the organisation that declined it.
    assert web.get(f"/acties/{action.pk}/").status_code == 200


@pytest.mark.django_db
def test_only_the_procesregie_and_the_procesregisseur_change_a_case(web, ruben, petra, bas, fleur, case):
    case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    data = {"to": "in_onderzoek", "reason": "Start"}
    for persona in (petra, bas):  # the projectleider reads; an involved partner reads
        web.force_login(persona)
        page = web.get(f"/casussen/{case.pk}/").content.decode()
        assert "Status wijzigen" not in page
        assert web.post(f"/casussen/{case.pk}/status/", data).status_code == 403
    # Procesregie can lie with a partner professional: she then manages the case.
    web.force_login(ruben)
    assert web.post(f"/casussen/{case.pk}/procesregie/", {"holder": fleur.pk}).status_code == 302
    web.force_login(fleur)
    assert "Status wijzigen" in web.get(f"/casussen/{case.pk}/").content.decode()
    assert web.post(f"/casussen/{case.pk}/status/", data).status_code == 302
    assert web.post(f"/casussen/{case.pk}/procesregie/", {"holder": fleur.pk}).status_code == 403
    case.refresh_from_db()
    assert case.status == "in_onderzoek"
    # The old procesregie organisation (Gemeente) no longer has a role; the new one has.
    roles = CaseOrganisation.objects.filter(case=case, ended_at__isnull=True, is_procesregie=True)
    assert [r.organisation for r in roles] == [fleur.organisation]


@pytest.mark.django_db
def test_closing_with_open_actions_is_refused_and_closing_ends_the_roles(web, ruben, bas, gijs, case):
    case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    action = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code="huisbezoek-wijkteam"),
        organisation=gijs.organisation,
    )
    closing = {
        "reason": "Verhuisd",
        "closing_reason": "verhuisd",
        "outcome_perspective": "geen",
        "outcome_qualification": "geen",
        "outcome_network_size": 1,
    }
    web.force_login(ruben)
    response = web.post(f"/casussen/{case.pk}/sluiten/", closing)
    assert response.status_code == 400
    assert "nog 1 open actie" in response.content.decode()
    action_services.action_finish(actor=ruben, action=action, done=False, note="Verhuisd")
    assert web.post(f"/casussen/{case.pk}/sluiten/", closing).status_code == 302
    assert not CaseOrganisation.objects.filter(case=case, ended_at__isnull=True).exists()
    web.force_login(bas)
    assert web.get(f"/casussen/{case.pk}/").status_code == 404  # no role left; his signals keep the youth
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 200


@pytest.mark.django_db
def test_a_youth_has_one_open_case_at_a_time(ruben, case):
    from core.errors import DomainError

    with pytest.raises(DomainError, match=f"al een open casus \\(casus {case.pk}\\)"):
        case_services.case_open(actor=ruben, youth=case.youth, procesregie_holder=ruben)


@pytest.mark.django_db
def test_procesregisseur_opens_a_case_from_a_youth_and_others_cannot(web, ruben, petra, bas, flag):
    url = f"/casussen/nieuw/?jongere={flag.youth_id}"
    for persona in (petra, bas):
        web.force_login(persona)
        assert web.get(url).status_code == 403
    web.force_login(ruben)
    assert web.get(url).status_code == 200
    assert web.get("/casussen/nieuw/?jongere=999999").status_code == 404
    response = web.post(url, {"procesregie_holder": ruben.pk, "reason": "Zorgen"})
    assert response.status_code == 302
    assert Case.objects.get().youth == flag.youth


@pytest.mark.django_db
def test_the_case_page_shows_what_is_overdue_and_logs_the_read(web, ruben, gijs, case):
    import datetime as dt

    from django.utils import timezone

    action = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code="huisbezoek-wijkteam"),
        organisation=gijs.organisation,
    )
    type(action).objects.filter(pk=action.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    web.force_login(ruben)
    html = web.get(f"/casussen/{case.pk}/").content.decode()
    assert "1 actie is te laat" in html
    assert ReadLogEntry.objects.filter(
        user=ruben, subject_type="youths.youth", subject_id=case.youth_id, what=f"casus {case.pk} bekeken"
    ).exists()


@pytest.mark.django_db
def test_the_case_page_manages_goals_enrolments_and_family(web, ruben, case, plan):
    from tracks.models import Intervention

    web.force_login(ruben)
    url = f"/casussen/{case.pk}/"
    assert (
        web.post(f"{url}doelen/", {"life_domain": "school", "description": "Weer naar school"}).status_code
        == 302
    )
    halt = Intervention.objects.get(code="2.1.3")
    assert (
        web.post(f"{url}deelnames/", {"intervention": halt.pk, "started_on": "2025-01-06"}).status_code == 302
    )
    enrolment = case.enrolments.get()
    response = web.post(
        f"{url}deelnames/{enrolment.pk}/beeindigen/",
        {"ended_on": "2025-02-01", "result": "voltooid", "note": "Traject afgerond"},
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.ended_on.isoformat(), enrolment.result) == ("2025-02-01", "voltooid")
    assert web.post(f"{url}gezin/", {"relation": "ouder", "member_name": "Fatima"}).status_code == 302
    response = web.post(f"{url}gezin/", {"relation": "ouder"})
    assert response.status_code == 400
    html = web.get(url).content.decode()
    assert "Weer naar school" in html and "Preventief Halt in de wijk" in html and "Fatima" in html


@pytest.mark.django_db
def test_the_board_and_the_list_need_a_fixed_number_of_queries(web, ruben, bas, case):
    web.force_login(ruben)

    def grow() -> None:
        for n in range(4):
            make_youth_with_case(bas, ruben, first_name=f"Extra{n}")
        signal_logged(bas, first_name="Nog", last_name="Een")

    assert_queries_flat(
        {"board": lambda: web.get("/casussen/"), "list": lambda: web.get("/casussen/lijst/")}, grow=grow
    )


@pytest.mark.django_db
def test_a_refused_row_action_shows_its_reason_on_the_case_page(web, ruben, case):
    web.force_login(ruben)
    row = CaseOrganisation.objects.get(case=case, is_procesregie=True)
    response = web.post(f"/casussen/{case.pk}/organisaties/{row.pk}/beeindigen/")
    assert response.status_code == 400
    assert "geef eerst de procesregie aan een ander" in response.content.decode()
    row.refresh_from_db()
    assert row.ended_at is None
    response = web.post(f"/casussen/{case.pk}/doelen/0/", {"status": "bereikt"})
    assert response.status_code == 404
