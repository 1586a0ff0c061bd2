"""Merging duplicate youths (youths.services.youth_merge) carries the cases app's records along."""

import datetime as dt

import pytest

from cases.models import Action, Case, FamilyLink, FollowUpType, YouthGroupMember
from cases.services import actions as action_services
from cases.services import core as case_services
from cases.services import family as family_services
from cases.services import groups as group_services
from core.errors import DomainError
from tests.factories import signal_logged
from youths.models import Youth
from youths.services.merging import youth_merge


@pytest.fixture
def twins(bas, chaima, case_lists):
    """One person registered twice (same date of birth, name typed differently)."""
    born = dt.date(2010, 5, 17)
    survivor = signal_logged(bas, first_name="Sanne", last_name="de Vries", date_of_birth=born).youth
    duplicate = signal_logged(chaima, first_name="Sane", last_name="de Vries", date_of_birth=born).youth
    assert survivor.pk != duplicate.pk
    return survivor, duplicate


@pytest.mark.django_db
def test_the_duplicates_case_action_group_and_family_move_to_the_survivor(ruben, gijs, twins):
    survivor, duplicate = twins
    case = case_services.case_open(actor=ruben, youth=duplicate, procesregie_holder=ruben)
    action = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code="huisbezoek-wijkteam"),
        organisation=gijs.organisation,
    )
    group = group_services.youth_group_create(actor=ruben, name="G", area="A", coordinator=ruben)
    group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=duplicate, role="kern")
    group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=survivor, role="meeloper")
    family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=survivor)
    merge = youth_merge(actor=ruben, survivor=survivor, duplicate=duplicate)
    assert not Youth.objects.filter(pk=duplicate.pk).exists()
    assert Case.objects.get(pk=case.pk).youth == survivor
    assert Action.objects.get(pk=action.pk).youth == survivor
    assert list(YouthGroupMember.objects.filter(youth_group=group).values_list("youth_id", "role")) == [
        (survivor.pk, "meeloper")
    ]
    assert not FamilyLink.objects.exists()  # a link between the two records: one person now
    assert merge.moved["case_data"]["cases"] == 1


@pytest.mark.django_db
def test_merging_two_records_that_both_have_an_open_case_is_refused(ruben, twins):
    survivor, duplicate = twins
    case_services.case_open(actor=ruben, youth=survivor, procesregie_holder=ruben)
    case_services.case_open(actor=ruben, youth=duplicate, procesregie_holder=ruben)
    with pytest.raises(DomainError, match="Beide registraties hebben een open casus"):
        youth_merge(actor=ruben, survivor=survivor, duplicate=duplicate)
    assert Youth.objects.filter(pk=duplicate.pk).exists()
    assert Case.objects.filter(youth=duplicate).exists()
