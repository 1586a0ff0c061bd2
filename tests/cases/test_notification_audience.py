"""Notifications about youths and cases reach only the roles that may read them (issue 9): a beheerder of an
involved organisation, through the real flows, sees none."""

import pytest

from cases.models import FollowUpType
from cases.services import actions as action_services
from core.selectors import notification_list_for_user
from tests.factories import UserFactory


@pytest.mark.django_db
def test_a_beheerder_at_an_involved_organisation_sees_no_match_or_action_notification(bas, daan, ruben, flag):
    bea = UserFactory(username="bea", role="beheerder", organisation=bas.organisation)
    dirk = UserFactory(username="dirk", role="beheerder", organisation=daan.organisation)
    # The flag fixture made a match between politie and jongerenwerk: bas is told.
    assert notification_list_for_user(user=bas).filter(kind="match").exists()
    from cases.services.core import case_open

    case = case_open(actor=ruben, youth=flag.youth, procesregie_holder=ruben, reason="Uit het overleg")
    action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code="halt-preventief"),
        organisation=daan.organisation,
    )
    assert notification_list_for_user(user=daan).filter(kind="actie-toegewezen").exists()
    assert not notification_list_for_user(user=bea).exists()
    assert not notification_list_for_user(user=dirk).exists()
