"""Reads for the group approach and its gateway: all for `view_all_youth_groups`; for a partner the
groups its organisation takes part in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.access import UserLike, has_role_permission
from youths.models import Signal
from youths.selectors import signal_list_for_user

from ..models import (
    YouthGroup,
    YouthGroupMember,
    YouthGroupOrganisation,
    YouthGroupStep,
)
from .core import organisation_id_of, pk_or_none

VIEW_ALL_GROUPS = "cases.view_all_youth_groups"
VIEW_INVOLVED_GROUPS = "cases.view_involved_youth_groups"
MANAGE_GROUPS = "cases.manage_youth_groups"


def sees_all_groups(user: UserLike) -> bool:
    return has_role_permission(user, VIEW_ALL_GROUPS)


def may_use_groups(user: UserLike) -> bool:
    return sees_all_groups(user) or (
        has_role_permission(user, VIEW_INVOLVED_GROUPS) and organisation_id_of(user) is not None
    )


def youth_group_list_for_user(*, user: UserLike) -> QuerySet[YouthGroup]:
    if sees_all_groups(user):
        groups = YouthGroup.objects.all()
    elif may_use_groups(user) and (organisation_id := organisation_id_of(user)) is not None:
        groups = YouthGroup.objects.filter(
            Exists(
                YouthGroupOrganisation.objects.filter(
                    youth_group_id=OuterRef("pk"), organisation_id=organisation_id
                )
            )
        )
    else:
        return YouthGroup.objects.none()
    return (
        groups.select_related("coordinator__organisation", "district")
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True))
        .order_by("-updated_at", "-id")
    )


def youth_group_get_for_user(*, user: UserLike, group_id: int | str) -> YouthGroup | None:
    pk = pk_or_none(group_id)
    if pk is None:
        return None
    return youth_group_list_for_user(user=user).filter(pk=pk).first()


def youth_group_can_manage(*, user: UserLike) -> bool:
    return has_role_permission(user, MANAGE_GROUPS)


def youth_group_detail(*, youth_group: YouthGroup) -> dict[str, Any]:
    """The group page: members, the steps of the current round, and every round's steps (history)."""
    all_steps = list(
        youth_group.steps.select_related("owner__organisation")
        .annotate(signal_count=Count("signal_links"))
        .order_by("round", "number")
    )
    rounds: dict[int, list[YouthGroupStep]] = {}
    for step in all_steps:
        rounds.setdefault(step.round, []).append(step)
    current = max(rounds) if rounds else 1
    return {
        "members": list(
            youth_group.members.select_related("youth", "case").order_by(
                "left_on", "namenlijst_position", "id"
            )
        ),
        "steps": rounds.get(current, []),
        "current_round": current,
        "rounds": rounds,
        "organisations": list(youth_group.organisation_roles.select_related("organisation")),
    }


def youth_group_step_get(*, youth_group: YouthGroup, number: int | str) -> YouthGroupStep | None:
    """The step with this number in the group's current (latest) round."""
    pk = pk_or_none(number)
    if pk is None:
        return None
    return youth_group.steps.filter(number=pk).order_by("-round").first()


def member_signals_for_user(*, user: UserLike, youth_group: YouthGroup) -> QuerySet[Signal]:
    """Signals about the group's members that the user may read in full (youths gateway), to link to
    step 1; withdrawn signals are left out."""
    member_youths = youth_group.members.values_list("youth_id", flat=True)
    return (
        signal_list_for_user(user=user)
        .filter(youth_id__in=member_youths, full_access=True, withdrawn_at__isnull=True)
        .order_by("-observed_on", "-id")
    )


@dataclass(frozen=True)
class GroupScan:
    round: int
    scanned_on: dt.date | None
    size: int | None  # the number of youths the scan counts to the group, when recorded


@dataclass(frozen=True)
class GroupScanHistory:
    """The groepsscans of one group over the rounds of its approach (CCV: "ten minste twee")."""

    youth_group_id: int
    scans: tuple[GroupScan, ...]

    @property
    def scan_count(self) -> int:
        return len(self.scans)

    @property
    def first(self) -> GroupScan | None:
        return self.scans[0] if self.scans else None

    @property
    def latest(self) -> GroupScan | None:
        return self.scans[-1] if self.scans else None

    @property
    def size_change(self) -> int | None:
        """Latest minus first size; None with fewer than two scans or a size missing."""
        if self.scan_count < 2 or self.first is None or self.latest is None:
            return None
        if self.first.size is None or self.latest.size is None:
            return None
        return self.latest.size - self.first.size

    @property
    def days_between(self) -> int | None:
        if self.scan_count < 2 or self.first is None or self.latest is None:
            return None
        if self.first.scanned_on is None or self.latest.scanned_on is None:
            return None
        return (self.latest.scanned_on - self.first.scanned_on).days


def group_scan_history(youth_group: YouthGroup) -> GroupScanHistory:
    """Per group the groepsscans (step 2B of each round that recorded one), oldest first, with the
    change between the first and the latest; for the group page and monitoring."""
    scans: list[GroupScan] = []
    rows = youth_group.steps.filter(number=2).order_by("round").values_list("round", "details")
    for round_number, details in rows:
        if not (details.get("groepsscan") or details.get("groepsscan_datum")):
            continue
        scanned_on = None
        if details.get("groepsscan_datum"):
            try:
                scanned_on = dt.date.fromisoformat(details["groepsscan_datum"])
            except ValueError:
                scanned_on = None
        size_text = str(details.get("groepsscan_omvang", ""))
        scans.append(
            GroupScan(
                round=round_number,
                scanned_on=scanned_on,
                size=int(size_text) if size_text.isdigit() else None,
            )
        )
    return GroupScanHistory(youth_group_id=youth_group.pk, scans=tuple(scans))


def youth_group_member_get(*, youth_group: YouthGroup, member_id: int | str) -> YouthGroupMember | None:
    pk = pk_or_none(member_id)
    return None if pk is None else youth_group.members.select_related("youth", "case").filter(pk=pk).first()
