"""Fixtures for the privacy app: the cases fixtures (flagged youth, managed lists) and a youth with every
kind of record the platform keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.cases.conftest import case_lists, flag, gijs, wijkteam  # noqa: F401 - fixtures
from tests.factories import signal_logged


@pytest.fixture
def full_youth(ruben, bas, chaima, daan, gijs, flag):  # noqa: F811 - the fixtures above
    """Sanne with every kind of record: signals of two organisations, a match, a flag, a possible
    duplicate, an agenda item with minutes and a decision that opened a case, the case with a goal, an
    enrolment, an action and a family link, a group membership, a record merged into hers, and a read in
    the read log."""
    from cases.models import FollowUpType, LegalBasis
    from cases.services import actions, core, family, groups, meetings
    from core.readlog import log_read
    from tracks.models import Intervention
    from youths.services.merging import youth_merge

    youth = flag.youth
    meeting = meetings.meeting_create(
        actor=ruben,
        kind="vroegsignalering",
        starts_at=timezone.now(),
        chair=ruben,
        organisations=[bas.organisation, chaima.organisation],
    )
    item = meetings.agenda_item_add(actor=ruben, meeting=meeting, flag=flag)
    item = meetings.agenda_item_record_legal_basis(
        actor=ruben, item=item, legal_basis=LegalBasis.objects.get(code="convenant-zvh")
    )
    meetings.agenda_item_record_minutes(actor=ruben, item=item, minutes="Verslag: zorgen over schoolverzuim.")
    meetings.agenda_item_decide(
        actor=ruben,
        item=item,
        decision="casus",
        reason="Zorgen op meerdere leefgebieden.",
        procesregie_holder=ruben,
    )
    case = youth.cases.get()
    core.case_organisation_add(actor=ruben, case=case, organisation=bas.organisation, role="Wijkagent")
    core.case_goal_add(actor=ruben, case=case, life_domain="school", description="Weer elke dag naar school.")
    core.enrolment_add(
        actor=ruben,
        case=case,
        intervention=Intervention.objects.get(code="2.1.1"),
        started_on=timezone.localdate(),
    )
    family.family_link_add(actor=ruben, case=case, relation="ouder", member_name="Fatima")
    actions.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code="normstellend-gesprek-politie"),
        organisation=bas.organisation,
        owner=bas,
        description="Normstellend gesprek met Sanne.",
    )
    group = groups.youth_group_create(actor=ruben, name="De Hoek", area="Diezerpoort", coordinator=ruben)
    groups.youth_group_member_add(actor=ruben, youth_group=group, youth=youth, role="meeloper")
    signal_logged(daan, first_name="Sanna", last_name="de Vries", date_of_birth=dt.date(2010, 5, 17))
    twin = signal_logged(
        gijs, first_name="Sane", last_name="de Vries", date_of_birth=dt.date(2010, 5, 17)
    ).youth
    youth_merge(actor=ruben, survivor=youth, duplicate=twin)
    log_read(user=bas, subject=youth, what="jongere bekeken")
    from cases.services.casework import case_escalate
    from cases.services.referrals import referral_submit
    from youths.services.informing import family_informing_record

    referral_submit(actor=bas, youth=youth, question="Wat kunnen wij nog doen voor Sanne?")
    family_informing_record(
        actor=bas,
        youth=youth,
        postpone_reason="Eerst het gesprek met de moeder afwachten.",
        look_again_on=timezone.localdate() + dt.timedelta(days=14),
    )
    case_escalate(actor=ruben, case=case, level="zvh", reason="Zorgen nemen toe; ZVH inschakelen.")
    return youth
