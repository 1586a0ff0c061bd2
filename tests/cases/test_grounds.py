"""Need-to-know for the lead roles (issue 10, point 5; docs/privacy-rights.md).

The procesregisseur (ruben) reads a youth only while a ground holds: a flag, an agenda item, a case, a
group membership, a duplicate to resolve (and a partner's request to discuss, registered by the referrals
work). Without one the youth answers 404 like a missing one, on the page and the API; an ended ground
still counts for youths.grounds.GRACE. The projectleider (petra) reads no youth at all (403).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import signal_logged
from youths.grounds import GRACE, grounds, grounds_for_youth
from youths.models import DuplicateCandidate, Flag
from youths.selectors import youth_list_for_user

LONG_AGO = timezone.now() - GRACE - dt.timedelta(days=1)
RECENTLY = timezone.now() - GRACE + dt.timedelta(days=1)


@pytest.fixture
def lone(bas, case_lists):
    """A youth with one signal of politie: no flag, no case, nothing for the procesregisseur."""
    return signal_logged(bas, first_name="Noor", last_name="Jansen", date_of_birth=dt.date(2010, 3, 4)).youth


def _answers(web, api, user, youth) -> tuple[int, int]:
    web.force_login(user)
    return web.get(f"/jongeren/{youth.pk}/").status_code, api(user).get(
        f"/api/v1/youths/{youth.pk}/"
    ).status_code


def _sees(web, api, ruben, youth) -> bool:
    page, endpoint = _answers(web, api, ruben, youth)
    assert page == endpoint, (page, endpoint)
    listed = youth_list_for_user(user=ruben).filter(pk=youth.pk).exists()
    assert listed == (page == 200)
    return {200: True, 404: False}[page]


def _close_flags(youth, at):
    Flag.objects.filter(youth=youth).update(status=Flag.Status.CLOSED, closed_at=at)


@pytest.mark.django_db
def test_it_refuses_a_youth_without_a_ground_to_both_lead_roles(web, api, ruben, petra, bas, lone):
    assert _answers(web, api, ruben, lone) == (404, 404)
    assert _answers(web, api, petra, lone) == (403, 403)
    assert not youth_list_for_user(user=ruben).exists()
    web.force_login(bas)
    assert web.get(f"/jongeren/{lone.pk}/").status_code == 200  # the partner involved still does


@pytest.mark.django_db
def test_a_flag_is_a_ground_while_open_and_for_a_while_after_it_is_closed(web, api, ruben, petra, flag):
    youth = flag.youth
    assert _sees(web, api, ruben, youth)
    assert [g.name for g in grounds_for_youth(user=ruben, youth=youth)] == ["flag"]
    _close_flags(youth, RECENTLY)
    assert _sees(web, api, ruben, youth)
    _close_flags(youth, LONG_AGO)
    assert not _sees(web, api, ruben, youth)
    assert _answers(web, api, petra, youth) == (403, 403)


@pytest.mark.django_db
def test_an_agenda_item_is_a_ground_until_a_while_after_its_meeting(web, api, ruben, petra, flag):
    from cases.services.meetings import agenda_item_add, meeting_create

    meeting = meeting_create(
        actor=ruben,
        kind="vroegsignalering",
        starts_at=timezone.now() + dt.timedelta(days=3),
        chair=ruben,
        organisations=[],
    )
    agenda_item_add(actor=ruben, meeting=meeting, flag=flag)
    _close_flags(flag.youth, LONG_AGO)  # only the agenda item is left
    assert _sees(web, api, ruben, flag.youth)
    assert [g.name for g in grounds_for_youth(user=ruben, youth=flag.youth)] == ["agenda_item"]
    web.force_login(ruben)
    assert "op de agenda van een overleg" in web.get(f"/jongeren/{flag.youth.pk}/").content.decode()
    type(meeting).objects.filter(pk=meeting.pk).update(starts_at=LONG_AGO)
    assert not _sees(web, api, ruben, flag.youth)
    assert _answers(web, api, petra, flag.youth) == (403, 403)


@pytest.mark.django_db
def test_a_case_is_a_ground_until_a_while_after_it_is_closed(web, api, ruben, petra, lone):
    from cases.lifecycle import CaseStatus
    from cases.models import Case
    from cases.models.core import ClosingReason, Perspective, Qualification
    from cases.services.core import case_open

    case = case_open(actor=ruben, youth=lone, procesregie_holder=ruben, reason="Verzoek van de politie")
    assert _sees(web, api, ruben, lone)
    assert [g.name for g in grounds_for_youth(user=ruben, youth=lone)] == ["case"]
    closed = {
        "status": CaseStatus.GESLOTEN,
        "closing_reason": ClosingReason.choices[0][0],
        "outcome_perspective": Perspective.choices[0][0],
        "outcome_qualification": Qualification.choices[0][0],
        "outcome_network_size": 3,
    }
    Case.objects.filter(pk=case.pk).update(closed_at=RECENTLY, **closed)
    assert _sees(web, api, ruben, lone)
    Case.objects.filter(pk=case.pk).update(closed_at=LONG_AGO)
    assert not _sees(web, api, ruben, lone)
    assert _answers(web, api, petra, lone) == (403, 403)


@pytest.mark.django_db
def test_a_group_membership_is_a_ground_until_a_while_after_leaving(web, api, ruben, petra, lone):
    from cases.models import YouthGroupMember
    from cases.services.groups import youth_group_create, youth_group_member_add

    group = youth_group_create(actor=ruben, name="De Hoek", area="Diezerpoort", coordinator=ruben)
    member = youth_group_member_add(actor=ruben, youth_group=group, youth=lone, role="meeloper")
    assert _sees(web, api, ruben, lone)
    assert [g.name for g in grounds_for_youth(user=ruben, youth=lone)] == ["group"]
    YouthGroupMember.objects.filter(pk=member.pk).update(left_on=LONG_AGO.date())
    assert not _sees(web, api, ruben, lone)
    assert _answers(web, api, petra, lone) == (403, 403)


@pytest.mark.django_db
def test_a_duplicate_to_resolve_is_a_ground_for_both_records(web, api, ruben, petra, bas, chaima, case_lists):
    born = dt.date(2008, 7, 1)
    one = signal_logged(bas, first_name="Mohamed", last_name="Yilmaz", date_of_birth=born).youth
    other = signal_logged(chaima, first_name="Mohammed", last_name="Yilmaz", date_of_birth=born).youth
    candidate = DuplicateCandidate.objects.get()
    assert _sees(web, api, ruben, one) and _sees(web, api, ruben, other)
    assert [g.name for g in grounds_for_youth(user=ruben, youth=one)] == ["duplicate"]
    DuplicateCandidate.objects.filter(pk=candidate.pk).update(dismissed_at=LONG_AGO)
    assert not _sees(web, api, ruben, one) and not _sees(web, api, ruben, other)
    assert _answers(web, api, petra, one) == (403, 403)


@pytest.mark.django_db
def test_the_gateway_stays_one_query_with_every_ground(ruben, flag):
    assert {g.name for g in grounds()} >= {"flag", "duplicate", "agenda_item", "case", "group"}
    youth_list_for_user(user=ruben)  # the role's permissions are cached on the user
    with CaptureQueriesContext(connection) as queries:
        found = list(youth_list_for_user(user=ruben))
    assert found == [flag.youth] and len(queries) == 1
