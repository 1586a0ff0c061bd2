"""Merging duplicate youths: the cases part (called by youths.services.youth_merge)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.access import Actor
from core.audit import acting_as
from core.errors import DomainError
from youths.models import Youth

from ..lifecycle import CaseStatus
from ..models import (
    Action,
    AgendaItem,
    Case,
    FamilyLink,
    Referral,
    YouthGroupMember,
)


def youth_case_data_move(*, actor: Actor, duplicate: Youth, survivor: Youth) -> dict[str, int]:
    """Move the duplicate youth's cases, actions, agenda items, referrals, group memberships and family
    links to the survivor, inside youth_merge's transaction, before the duplicate is deleted.

    Refused when both have an open case (one youth, one open case: close one first). A family link
    between the two records themselves disappears (they are one person); the same group membership or
    family link on both keeps the survivor's.
    """
    open_cases = Case.objects.filter(youth__in=[duplicate, survivor]).exclude(status=CaseStatus.GESLOTEN)
    if open_cases.filter(youth=duplicate).exists() and open_cases.filter(youth=survivor).exists():
        raise DomainError(
            _("Beide registraties hebben een open casus. Sluit eerst een van beide casussen."),
            field="duplicate",
            code="two_open_cases",
        )
    with acting_as(actor):
        moved = {
            "cases": Case.objects.filter(youth=duplicate).update(youth=survivor),
            "actions": Action.objects.filter(youth=duplicate).update(youth=survivor),
            "agenda_items": AgendaItem.objects.filter(youth=duplicate).update(youth=survivor),
            "referrals": Referral.objects.filter(youth=duplicate).update(youth=survivor),
        }
        FamilyLink.objects.filter(case__youth=survivor, linked_youth__in=[duplicate, survivor]).delete()
        taken_links = FamilyLink.objects.filter(linked_youth=survivor).values("case_id")
        FamilyLink.objects.filter(linked_youth=duplicate, case_id__in=taken_links).delete()
        moved["family_links"] = FamilyLink.objects.filter(linked_youth=duplicate).update(
            linked_youth=survivor
        )
        taken_groups = YouthGroupMember.objects.filter(youth=survivor).values("youth_group_id")
        YouthGroupMember.objects.filter(youth=duplicate, youth_group_id__in=taken_groups).delete()
        moved["group_memberships"] = YouthGroupMember.objects.filter(youth=duplicate).update(youth=survivor)
    return moved
