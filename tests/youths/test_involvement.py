import pytest

from tests.factories import signal_logged
from youths.models import Involvement, InvolvementReason, YouthGroupObjectPermission
from youths.selectors import youth_get_for_user
from youths.services.involvement import involvement_add, involvement_end
from youths.services.signals import signal_withdraw


def _granted(organisation, youth) -> bool:
    return YouthGroupObjectPermission.objects.filter(
        group=organisation.access_group, content_object=youth, permission__codename="view_youth"
    ).exists()


@pytest.mark.django_db
def test_logging_a_signal_makes_the_organisation_involved_and_grants_access(bas, daan, reference_lists):
    youth = signal_logged(bas).youth
    involvement = Involvement.objects.get(youth=youth)
    assert involvement.organisation == bas.organisation and involvement.is_active
    assert _granted(bas.organisation, youth)
    assert youth_get_for_user(user=bas, youth_id=youth.pk) == youth
    assert youth_get_for_user(user=daan, youth_id=youth.pk) is None


@pytest.mark.django_db
def test_access_is_withdrawn_only_when_the_last_reason_ends(bas, reference_lists):
    first = signal_logged(bas)
    second = signal_logged(bas, first.youth, description="Tweede keer gezien.")
    youth = first.youth
    # A later reason of another kind (a case role, issue 4) keeps the organisation involved too.
    involvement_add(actor=bas, organisation=bas.organisation, youth=youth, reason="case", reference_id=7)

    signal_withdraw(actor=bas, signal=first, reason="Verkeerde jongere.")
    signal_withdraw(actor=bas, signal=second, reason="Verkeerde jongere.")
    assert _granted(bas.organisation, youth)
    assert youth_get_for_user(user=bas, youth_id=youth.pk) == youth

    change = involvement_end(
        actor=bas, organisation=bas.organisation, youth=youth, reason="case", reference_id=7
    )
    assert change.access_ended
    assert not _granted(bas.organisation, youth)
    assert youth_get_for_user(user=bas, youth_id=youth.pk) is None
    assert Involvement.objects.get(youth=youth).ended_at is not None
    assert InvolvementReason.objects.filter(ended_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_adding_the_same_reason_twice_changes_nothing_and_involvement_can_start_again(bas, reference_lists):
    youth = signal_logged(bas).youth
    kwargs = {
        "actor": bas,
        "organisation": bas.organisation,
        "youth": youth,
        "reason": "action",
        "reference_id": 3,
    }
    assert not involvement_add(**kwargs).newly_involved
    assert not involvement_add(**kwargs).newly_involved
    assert InvolvementReason.objects.filter(kind="action").count() == 1
    involvement_end(**kwargs)
    assert _granted(bas.organisation, youth)  # the signal still holds

    # Withdrawn completely, then involved again: access comes back.
    signal_withdraw(actor=bas, signal=youth.signals.get(), reason="Vergissing.")
    assert not _granted(bas.organisation, youth)
    again = involvement_add(**kwargs)
    assert again.newly_involved and _granted(bas.organisation, youth)


@pytest.mark.django_db
def test_grants_and_involvement_rows_stay_consistent(bas, chaima, daan, reference_lists):
    youth = signal_logged(bas).youth
    signal_logged(chaima, youth)
    signal_logged(daan, youth)
    signal_withdraw(actor=bas, signal=youth.signals.get(organisation=bas.organisation), reason="Vergissing.")
    active = set(
        Involvement.objects.filter(youth=youth, ended_at__isnull=True).values_list("organisation", flat=True)
    )
    granted = {
        g.group.organisation.pk
        for g in YouthGroupObjectPermission.objects.filter(content_object=youth).select_related(
            "group__organisation"
        )
    }
    assert active == granted == {chaima.organisation.pk, daan.organisation.pk}
