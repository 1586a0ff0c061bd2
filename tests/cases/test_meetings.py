"""Meetings: who sees which meeting and whose minutes, the legal basis first, decisions close flags."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.models import AgendaItem, FollowUpType, LegalBasis, Meeting
from cases.services import groups as group_services
from cases.services import meetings as meeting_services
from core.errors import DomainError
from tests.factories import signal_logged
from tests.querycount import assert_queries_flat
from youths.models import Flag


def _meeting(ruben, *organisations, kind="vroegsignalering"):
    return meeting_services.meeting_create(
        actor=ruben,
        kind=kind,
        starts_at=timezone.now(),
        chair=ruben,
        organisations=organisations,
        location="Stadhuis",
    )


def _with_basis(ruben, item):
    return meeting_services.agenda_item_record_legal_basis(
        actor=ruben, item=item, legal_basis=LegalBasis.objects.get(code="convenant-zvh")
    )


@pytest.mark.django_db
def test_the_agenda_is_built_from_open_flags_once(ruben, flag):
    meeting = _meeting(ruben)
    assert [i.flag for i in meeting_services.agenda_add_open_flags(actor=ruben, meeting=meeting)] == [flag]
    assert meeting_services.agenda_add_open_flags(actor=ruben, meeting=meeting) == []
    other = _meeting(ruben)
    assert (
        meeting_services.agenda_add_open_flags(actor=ruben, meeting=other) == []
    )  # it waits on the first agenda
    with pytest.raises(DomainError, match="staat al op de agenda"):
        meeting_services.agenda_item_add(actor=ruben, meeting=other, flag=flag)


@pytest.mark.django_db
def test_nothing_is_recorded_about_an_item_before_its_legal_basis(ruben, chaima, flag):
    item = meeting_services.agenda_item_add(actor=ruben, meeting=_meeting(ruben), flag=flag)
    talk = FollowUpType.objects.get(code="gesprek-jongerenwerk")
    for call in (
        lambda: meeting_services.agenda_item_record_minutes(actor=ruben, item=item, minutes="x"),
        lambda: meeting_services.agenda_item_add_action(
            actor=ruben, item=item, follow_up_type=talk, organisation=chaima.organisation
        ),
        lambda: meeting_services.agenda_item_decide(
            actor=ruben, item=item, decision="geen_actie", reason="x"
        ),
    ):
        with pytest.raises(DomainError, match="Leg eerst de grondslag vast") as error:
            call()
        assert error.value.code == "no_legal_basis"


@pytest.mark.django_db
def test_no_further_action_needs_a_reason_and_closes_the_flag(ruben, flag):
    item = _with_basis(
        ruben, meeting_services.agenda_item_add(actor=ruben, meeting=_meeting(ruben), flag=flag)
    )
    with pytest.raises(DomainError, match="reden"):
        meeting_services.agenda_item_decide(actor=ruben, item=item, decision="geen_actie")
    meeting_services.agenda_item_decide(
        actor=ruben, item=item, decision="geen_actie", reason="Zorgen zijn weggenomen."
    )
    flag.refresh_from_db()
    assert flag.status == Flag.Status.CLOSED
    assert "Geen verdere actie: Zorgen zijn weggenomen." in flag.closing_note
    with pytest.raises(DomainError, match="al besloten"):
        meeting_services.agenda_item_decide(actor=ruben, item=item, decision="geen_actie", reason="Nog eens")


@pytest.mark.django_db
def test_follow_up_actions_need_an_action_and_go_only_to_authorised_organisations(ruben, bas, chaima, flag):
    item = _with_basis(
        ruben, meeting_services.agenda_item_add(actor=ruben, meeting=_meeting(ruben), flag=flag)
    )
    with pytest.raises(DomainError, match="minstens één vervolgactie"):
        meeting_services.agenda_item_decide(actor=ruben, item=item, decision="vervolgacties")
    talk = FollowUpType.objects.get(code="gesprek-jongerenwerk")
    with pytest.raises(DomainError, match="niet bevoegd") as error:
        meeting_services.agenda_item_add_action(
            actor=ruben, item=item, follow_up_type=talk, organisation=bas.organisation
        )
    assert error.value.field == "organisation"
    action = meeting_services.agenda_item_add_action(
        actor=ruben, item=item, follow_up_type=talk, organisation=chaima.organisation
    )
    assert action.youth == flag.youth and action.case is None
    assert action.due_on == timezone.localdate() + dt.timedelta(days=talk.usual_term_days)
    meeting_services.agenda_item_decide(actor=ruben, item=item, decision="vervolgacties")
    flag.refresh_from_db()
    assert flag.status == Flag.Status.CLOSED


@pytest.mark.django_db
def test_opening_a_case_moves_the_items_actions_into_it(ruben, chaima, flag):
    item = _with_basis(
        ruben, meeting_services.agenda_item_add(actor=ruben, meeting=_meeting(ruben), flag=flag)
    )
    action = meeting_services.agenda_item_add_action(
        actor=ruben,
        item=item,
        follow_up_type=FollowUpType.objects.get(code="gesprek-jongerenwerk"),
        organisation=chaima.organisation,
    )
    with pytest.raises(DomainError, match="procesregie"):
        meeting_services.agenda_item_decide(actor=ruben, item=item, decision="casus")
    meeting_services.agenda_item_decide(actor=ruben, item=item, decision="casus", procesregie_holder=ruben)
    action.refresh_from_db()
    assert action.case is not None and action.case.opened_from == item
    assert chaima.has_perm("cases.view_case", action.case)


@pytest.mark.django_db
def test_a_group_item_has_no_actions_and_no_case(ruben, flag):
    group = group_services.youth_group_create(
        actor=ruben, name="Groep Holtenbroek", area="Winkelcentrum", coordinator=ruben
    )
    item = _with_basis(
        ruben,
        meeting_services.agenda_item_add(
            actor=ruben, meeting=_meeting(ruben, kind="groep"), youth_group=group
        ),
    )
    with pytest.raises(DomainError, match="Acties gaan over één jongere"):
        meeting_services.agenda_item_add_action(
            actor=ruben,
            item=item,
            follow_up_type=FollowUpType.objects.get(code="gesprek-jongerenwerk"),
            organisation=ruben.organisation,
        )
    with pytest.raises(DomainError, match="alleen voor een gesignaleerde jongere"):
        meeting_services.agenda_item_decide(
            actor=ruben, item=item, decision="casus", procesregie_holder=ruben
        )
    meeting_services.agenda_item_decide(
        actor=ruben, item=item, decision="vervolgacties", reason="Stap 3 verder uitwerken."
    )


@pytest.mark.django_db
def test_minutes_are_for_the_organisations_present_and_the_regie_roles(
    web, api, ruben, petra, bas, chaima, daan, flag
):
    meeting = _meeting(ruben, bas.organisation, chaima.organisation)
    item = _with_basis(ruben, meeting_services.agenda_item_add(actor=ruben, meeting=meeting, flag=flag))
    meeting_services.agenda_item_record_minutes(
        actor=ruben, item=item, minutes="Vertrouwelijk verslag.", absent_organisations=[chaima.organisation]
    )
    web.force_login(petra)
    assert web.get(f"/overleggen/{meeting.pk}/").status_code == 403  # the projectleider: aggregates only
    for persona in (ruben, bas):  # the procesregisseur and the organisation present
        web.force_login(persona)
        html = web.get(f"/overleggen/{meeting.pk}/").content.decode()
        assert "Vertrouwelijk verslag." in html and "Sanne de Vries" in html, persona.username
        agenda = api(persona).get(f"/api/v1/meetings/{meeting.pk}/").json()["agenda"]
        assert agenda[0]["minutes"] == "Vertrouwelijk verslag."
    # Jongerenwerk attended the meeting but not this item: the meeting, not the item.
    web.force_login(chaima)
    html = web.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert "Vertrouwelijk verslag." not in html and "Sanne" not in html
    assert "niet aanwezig bij dit punt" in html
    agenda = api(chaima).get(f"/api/v1/meetings/{meeting.pk}/").json()["agenda"]
    assert agenda[0] == {**agenda[0], "visible": False, "minutes": None, "subject": None, "legal_basis": None}
    # Halt did not attend: the meeting does not exist for it.
    web.force_login(daan)
    assert web.get(f"/overleggen/{meeting.pk}/").status_code == 404
    assert str(meeting) not in web.get("/overleggen/").content.decode()
    assert api(daan).get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert api(daan).get("/api/v1/meetings/").json()["results"] == []


@pytest.mark.django_db
def test_only_the_procesregisseur_prepares_meetings_and_records_decisions(web, ruben, petra, bas, flag):
    meeting = _meeting(ruben, bas.organisation)
    item = meeting_services.agenda_item_add(actor=ruben, meeting=meeting, flag=flag)
    basis = LegalBasis.objects.get(code="wettelijke-taak")
    for persona in (petra, bas):
        web.force_login(persona)
        assert web.get("/overleggen/nieuw/").status_code == 403
        assert web.post(f"/overleggen/{meeting.pk}/agenda/signaleringen/").status_code == 403
        assert (
            web.post(
                f"/overleggen/{meeting.pk}/punten/{item.pk}/grondslag/", {f"p{item.pk}-legal_basis": basis.pk}
            ).status_code
            == 403
        )
        assert "Grondslag vastleggen" not in web.get(f"/overleggen/{meeting.pk}/").content.decode()
    web.force_login(ruben)
    assert web.get("/overleggen/nieuw/").status_code == 200
    assert (
        web.post(
            f"/overleggen/{meeting.pk}/punten/{item.pk}/grondslag/", {f"p{item.pk}-legal_basis": basis.pk}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.legal_basis == basis


@pytest.mark.django_db
def test_a_case_and_a_group_are_put_on_the_agenda_by_hand(web, ruben, case):
    group = group_services.youth_group_create(
        actor=ruben, name="De Hoek", area="Diezerpoort", coordinator=ruben
    )
    meeting = _meeting(ruben, kind="casus")
    web.force_login(ruben)
    assert web.post(f"/overleggen/{meeting.pk}/agenda/toevoegen/", {"case": case.pk}).status_code == 302
    assert (
        web.post(f"/overleggen/{meeting.pk}/agenda/toevoegen/", {"youth_group": group.pk}).status_code == 302
    )
    response = web.post(f"/overleggen/{meeting.pk}/agenda/toevoegen/", {"case": 999999})
    assert response.status_code == 400
    assert [(i.case_id, i.youth_group_id) for i in meeting.agenda_items.all()] == [
        (case.pk, None),
        (None, group.pk),
    ]


@pytest.mark.django_db
def test_the_meeting_pages_need_a_fixed_number_of_queries(web, ruben, bas, chaima, flag):
    meeting = _meeting(ruben, bas.organisation)
    meeting_services.agenda_add_open_flags(actor=ruben, meeting=meeting)
    web.force_login(ruben)

    def grow() -> None:
        for n in range(3):
            _meeting(ruben, bas.organisation)
            youth = signal_logged(bas, first_name=f"Extra{n}", last_name="Jongere").youth
            signal_logged(chaima, youth, domain="school", category="schoolverzuim", description="Afwezig.")
            signal_logged(bas, youth, domain="online", category="online-conflict", description="Berichten.")
        assert meeting_services.agenda_add_open_flags(actor=ruben, meeting=meeting)
        item = AgendaItem.objects.filter(meeting=meeting).last()
        _with_basis(ruben, item)
        assert Meeting.objects.count() == 4

    # The agenda page renders a set of forms per item; its queries must not grow per item.
    assert_queries_flat(
        {"list": lambda: web.get("/overleggen/"), "detail": lambda: web.get(f"/overleggen/{meeting.pk}/")},
        grow=grow,
    )
